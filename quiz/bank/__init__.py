"""The question bank: models, loading and validation, formats. Never imports Textual."""

from quiz.bank.loader import load_bank
from quiz.bank.models import Bank, BankError, Question, QuestionType

__all__ = ["Bank", "BankError", "Question", "QuestionType", "load_bank"]
