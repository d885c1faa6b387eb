"""The question bank: models, loading and validation, formats. Never imports Textual.

Names are loaded on first use (PEP 562): the models alone do not pull in the YAML loader.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from quiz.system.lazy import lazy_names

if TYPE_CHECKING:
    from quiz.bank.loader import load_bank
    from quiz.bank.models import Bank, BankError, Question, QuestionType

__all__ = ["Bank", "BankError", "Question", "QuestionType", "load_bank"]
_HOMES = {
    "load_bank": "quiz.bank.loader",
    "Bank": "quiz.bank.models",
    "BankError": "quiz.bank.models",
    "Question": "quiz.bank.models",
    "QuestionType": "quiz.bank.models",
}

__getattr__ = lazy_names(_HOMES)
