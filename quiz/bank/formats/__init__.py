"""Importing and exporting question banks in other formats: pure functions over text, no UI.

Readers take the text of a file and return an `ImportReport` (question mappings in the bank
format, and what was skipped or repeated, with where and why); they never raise on bad input.
`bank_yaml` turns the mappings into a bank file. Writers take validated `Question`s.
"""

from collections.abc import Callable, Sequence

from quiz.bank.formats.aiken import read_aiken, write_aiken
from quiz.bank.formats.common import ImportReport, ProgressFn
from quiz.bank.formats.csv_format import read_csv, write_csv
from quiz.bank.formats.gift import read_gift
from quiz.bank.formats.gift_write import gift_left_out, write_gift
from quiz.bank.formats.xxqg import read_xxqg
from quiz.bank.formats.yaml_out import bank_yaml
from quiz.bank.models import Question

__all__ = [
    "EXPORTERS",
    "IMPORTERS",
    "Exporter",
    "ImportReport",
    "ProgressFn",
    "bank_yaml",
    "read_aiken",
    "read_csv",
    "read_gift",
    "read_xxqg",
    "write_aiken",
    "write_csv",
    "write_gift",
]

IMPORTERS: dict[str, Callable[..., ImportReport]] = {
    "xxqg": read_xxqg,
    "gift": read_gift,
    "aiken": read_aiken,
    "csv": read_csv,
}

Exporter = Callable[[Sequence[Question]], tuple[str, list[str]]]
"""Questions → (text, ids of the questions the format cannot carry)."""


def _export_gift(questions: Sequence[Question]) -> tuple[str, list[str]]:
    return write_gift(questions), gift_left_out(questions)


def _export_csv(questions: Sequence[Question]) -> tuple[str, list[str]]:
    return write_csv(questions), []


EXPORTERS: dict[str, Exporter] = {
    "gift": _export_gift,
    "aiken": write_aiken,
    "csv": _export_csv,
}
