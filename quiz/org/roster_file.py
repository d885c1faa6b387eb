"""Reading a roster CSV: `name,unit[,login][,passcode]`, with or without a header row. Every
row is checked on its own; a bad row is skipped with its line number and the reason."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from quiz.org.models import RosterEntry, SkippedRow
from quiz.org.text import TextProblem, bad_character, clean_login, clean_name, clean_unit

MAX_FILE = 16 * 1024 * 1024
"""As every file quiz reads from other people (quiz.system.files.MAX_INPUT_BYTES)."""
MIN_PASSCODE, MAX_PASSCODE = 4, 128
COLUMNS = ("name", "unit", "login", "passcode")
# Header words a spreadsheet may use, in either language.
HEADER_WORDS = {
    "name": "name", "姓名": "name", "unit": "unit", "单位": "unit", "组织": "unit",
    "支部": "unit", "login": "login", "登录名": "login", "账号": "login",
    "passcode": "passcode", "口令": "passcode", "密码": "passcode",
}  # fmt: skip


class RosterFileError(ValueError):
    """The file as a whole cannot be read; `code` is a catalog key."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass
class RosterFile:
    entries: list[RosterEntry] = field(default_factory=list)
    skipped: list[SkippedRow] = field(default_factory=list)
    encoding: str = "utf-8"


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding): UTF-8 (with or without BOM), else GB18030 (what spreadsheets in
    China save by default)."""
    if len(data) > MAX_FILE:
        raise RosterFileError("org.file_too_large", limit=MAX_FILE // (1024 * 1024))
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        raise RosterFileError("org.not_text") from None


def read_roster(data: bytes) -> RosterFile:
    text, encoding = decode(data)
    result = RosterFile(encoding=encoding)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    order: tuple[str, ...] | None = None
    names: dict[str, int] = {}
    logins: dict[str, int] = {}
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:  # the rest cannot be split reliably: refuse the whole file
            raise RosterFileError("org.csv_syntax", line=line, reason=str(exc)) from None
        if not any(cell.strip() for cell in row):
            continue
        if order is None:
            order = _header(row)
            if order is not None:
                continue
            order = COLUMNS
        try:
            entry = _entry(line, row, order)
        except TextProblem as problem:
            result.skipped.append(SkippedRow(line, problem.code, tuple(problem.params.items())))
            continue
        if entry.name in names:
            result.skipped.append(
                SkippedRow(line, "org.name_twice", (("other", str(names[entry.name])),))
            )
            continue
        if entry.login is not None and entry.login in logins:
            params = (("login", entry.login), ("other", str(logins[entry.login])))
            result.skipped.append(SkippedRow(line, "org.login_twice", params))
            continue
        names[entry.name] = line
        if entry.login is not None:
            logins[entry.login] = line
        result.entries.append(entry)
    return result


def _header(row: list[str]) -> tuple[str, ...] | None:
    """The column order a header row names, or None when the row is data."""
    words = [HEADER_WORDS.get(cell.strip().lower()) for cell in row]
    if "name" not in words or "unit" not in words:
        return None
    if any(word is None for word in words) or len(set(words)) != len(words):
        return None
    return tuple(str(word) for word in words)


def _entry(line: int, row: list[str], order: tuple[str, ...]) -> RosterEntry:
    if not 2 <= len(row) <= len(order):
        raise TextProblem("org.columns", found=str(len(row)), most=str(len(order)))
    cells = dict(zip(order, row, strict=False))
    passcode = cells.get("passcode", "").strip() or None
    if passcode is not None:
        if bad_character(passcode) is not None:
            raise TextProblem("org.control_char", field="passcode", char="?")
        if not MIN_PASSCODE <= len(passcode) <= MAX_PASSCODE:
            raise TextProblem("org.passcode_length", low=str(MIN_PASSCODE), high=str(MAX_PASSCODE))
    return RosterEntry(
        line=line,
        name=clean_name(cells.get("name", "")),
        unit=clean_unit(cells.get("unit", "")),
        login=clean_login(cells.get("login", "")),
        passcode=passcode,
    )
