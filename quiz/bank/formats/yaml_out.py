"""The bank file imported questions are written to."""

from __future__ import annotations

from quiz.bank.writing import bank_file_text


def bank_yaml(report_questions: list[dict[str, object]], *, section: str, origin: str) -> str:
    """A complete, readable bank file: the schema line editors use, then `origin` (imports have
    no article, hence no `source` and no quotes), the file's `section`, and the questions with
    their keys in the format's order. A question's own section is kept only where it differs
    from the file's."""
    questions = [
        {k: v for k, v in q.items() if not (k == "section" and v == section)}
        for q in report_questions
    ]
    return bank_file_text(questions, section=section, origin=origin)
