"""Importing and exporting question banks in other formats."""

from quiz.bank.formats.common import ImportReport, ProgressFn, bank_yaml
from quiz.bank.formats.xxqg import read_xxqg

__all__ = ["IMPORTERS", "ImportReport", "ProgressFn", "bank_yaml", "read_xxqg"]

IMPORTERS = {"xxqg": read_xxqg}
