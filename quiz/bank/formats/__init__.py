"""Importing and exporting question banks in other formats (core: no UI)."""

from collections.abc import Callable, Sequence

from quiz.bank.formats.aiken import read_aiken, write_aiken
from quiz.bank.formats.common import ImportReport, ProgressFn, bank_yaml
from quiz.bank.formats.csv_format import read_csv, write_csv
from quiz.bank.formats.gift import read_gift, write_gift
from quiz.bank.formats.xxqg import read_xxqg
from quiz.bank.models import Question

__all__ = [
    "EXPORTERS",
    "IMPORTERS",
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


def _all(
    write: Callable[[Sequence[Question]], str],
) -> Callable[[Sequence[Question]], tuple[str, list[str]]]:
    return lambda questions: (write(questions), [])


EXPORTERS: dict[str, Callable[[Sequence[Question]], tuple[str, list[str]]]] = {
    "gift": write_gift,
    "aiken": write_aiken,
    "csv": _all(write_csv),
}
