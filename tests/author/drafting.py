"""What the derive tests read of a short text: its drafts, and their prompts."""

from __future__ import annotations

from quiz.author.article import parse_article
from quiz.author.derive import derive

Draft = dict[str, object]


def drafts(text: str, *, everything: bool = False) -> list[Draft]:
    """`everything`: the drafts derive holds back too (`quiz derive --all`)."""
    return derive(parse_article(text), everything=everything).drafts


def prompts(text: str, *, everything: bool = False) -> list[str]:
    return [str(d["prompt"]) for d in drafts(text, everything=everything)]


def unmarked(answer: object) -> object:
    """A fill's answers without the forms typed with the prompt's marks (《…》, “…”, "…")."""
    if not isinstance(answer, list) or not all(isinstance(b, list) for b in answer):
        return answer
    return [[a for a in blank if not str(a).startswith(("《", "“", '"', "「"))] for blank in answer]
