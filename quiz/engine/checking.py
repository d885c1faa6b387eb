"""Checking an answer, per question type, after NFKC normalisation, trimming and case folding."""

from __future__ import annotations

from quiz.bank.models import JUDGE_FALSE, JUDGE_TRUE, Question, QuestionType
from quiz.bank.text import normalise_answer
from quiz.i18n import t

Given = tuple[str, ...]
"""What the player answered: the chosen option texts (single, multiple, judge), the sequence
(order), or the text typed into each blank (fill)."""


def is_correct(question: Question, given: Given) -> bool:
    wanted = [normalise_answer(text) for text in question.answer]
    got = [normalise_answer(text) for text in given]
    match question.type:
        case QuestionType.SINGLE | QuestionType.JUDGE:
            return len(got) == 1 and got == wanted
        case QuestionType.MULTIPLE:
            return len(got) == len(set(got)) and set(got) == set(wanted)
        case QuestionType.ORDER:
            return got == wanted
        case _:  # fill
            accepted = question.accepted or tuple((text,) for text in question.answer)
            return len(got) == len(accepted) and all(
                blank in {normalise_answer(text) for text in texts}
                for blank, texts in zip(got, accepted, strict=True)
            )


def is_blank(given: Given) -> bool:
    return not any(text.strip() for text in given)


_JUDGE_WORDS = {JUDGE_TRUE: "judge.true", JUDGE_FALSE: "judge.false"}


def shown_option(kind: QuestionType, text: str) -> str:
    """An option as the player reads it: a judge question's 正确/错误 in the UI's language
    (the bank, the answers stored and every export keep the bank's words)."""
    key = _JUDGE_WORDS.get(text) if kind is QuestionType.JUDGE else None
    return t(key) if key else text


def shown_answer(question: Question) -> str:
    """The correct answer as one line of text, as feedback and results show it."""
    if question.type is QuestionType.ORDER:
        return " → ".join(question.answer)
    if question.type is QuestionType.FILL and question.accepted:
        return "；".join(" / ".join(texts) for texts in question.accepted)
    return "、".join(shown_option(question.type, text) for text in question.answer)


def shown_given(question: Question, given: Given) -> str:
    if question.type is QuestionType.ORDER:
        return " → ".join(given)
    separator = "；" if question.type is QuestionType.FILL else "、"
    return separator.join(shown_option(question.type, text) for text in given)
