"""Text from other people — bank files, imports, plans, player and team names, database rows —
shown as text, never as commands to the terminal or as markup.

One rule decides which characters may not reach a terminal: control characters (C0 except tab
and newline, DEL, C1) and the bidirectional controls that reorder what is shown (U+061C,
U+200E/U+200F, U+202A–U+202E, U+2066–U+2069). Data enters through one of three doors, each
with its function here:

- the validator refuses them as a field error (`first_unsafe`);
- importers drop them and count how many (`without_unsafe`);
- names typed on the command line or in the TUI are refused (`check_name`).

Everything shown goes through `shown` (a plain string, each unsafe character replaced by one
visible stand-in, so lengths and offsets stay the same) or `rich_text` (a Rich `Text`, which is
never parsed as markup and never turns `:emoji:` codes into emoji). Output paths use only these;
a test checks that no other code builds markup from data.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from rich.text import Text

UNSAFE_CHARS = (
    "\x00-\x08\x0b-\x1f\x7f-\x9f"  # C0 but tab and newline, DEL, C1
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"  # bidi marks, embeddings, overrides, isolates
)
UNSAFE = re.compile(f"[{UNSAFE_CHARS}]")
_UNSAFE_OR_NEWLINE = re.compile(f"[{UNSAFE_CHARS}\n\t]")

_PICTURES = {code: chr(0x2400 + code) for code in range(0x20)} | {0x7F: "\u2421"}
"""C0 and DEL shown as Unicode's control pictures (␛ for ESC, ␇ for BEL, ␡ for DEL)."""
REPLACEMENT = "\ufffd"
"""C1 and bidi controls have no picture: the replacement character stands in for them."""


def stand_in(char: str) -> str:
    """The one visible character shown instead of an unsafe one."""
    return _PICTURES.get(ord(char), REPLACEMENT)


def code_point(char: str) -> str:
    return f"U+{ord(char):04X}"


def first_unsafe(text: str) -> int | None:
    """Index of the first character that may not reach a terminal, or None."""
    found = UNSAFE.search(text)
    return found.start() if found else None


def without_unsafe(text: str) -> tuple[str, int]:
    """The text with every unsafe character removed, and how many there were (importers)."""
    cleaned, count = UNSAFE.subn("", text)
    return cleaned, count


class UnsafeName(ValueError):
    """A name (player, team, section) that holds a control or bidi character."""

    def __init__(self, name: str, index: int) -> None:
        super().__init__(name)
        self.name = name
        self.index = index
        self.char = code_point(name[index])


def check_name(name: str) -> str:
    """A name given on the command line or typed in the TUI: returned as it is, or refused
    with UnsafeName (newline and tab are refused too: a name is one line)."""
    found = _UNSAFE_OR_NEWLINE.search(name)
    if found is not None:
        raise UnsafeName(name, found.start())
    return name


def shown(text: object) -> str:
    """`text` as a string safe to print: each unsafe character replaced by its stand-in."""
    value = str(text)
    if UNSAFE.search(value) is None:
        return value
    return UNSAFE.sub(lambda found: stand_in(found.group()), value)


def rich_text(text: object = "", style: str = "") -> Text:
    """A Rich Text showing `text` literally: no markup, no emoji codes, no control
    characters."""
    from rich.text import Text

    return Text(shown(text), style=style)


def safe_text(text: Text) -> Text:
    """A Rich Text (built by a screen from data) with unsafe characters replaced in place:
    every stand-in is one character, so the styles' spans still fit."""
    plain = text.plain
    if UNSAFE.search(plain) is None:
        return text
    cleaned = text.copy()
    cleaned.plain = shown(plain)
    return cleaned


def json_text(dumped: str) -> str:
    """JSON text from `json.dumps(..., ensure_ascii=False)` with DEL, C1 and bidi controls
    written as `\\uXXXX` escapes (C0 is escaped by json itself): the same data, safe to print."""
    return UNSAFE.sub(lambda found: f"\\u{ord(found.group()):04x}", dumped)


# Characters a spreadsheet reads as the start of a formula (OWASP "CSV injection").
_FORMULA_START = re.compile(r"'*[=+\-@\t\r]")


def csv_cell(value: object) -> str:
    """A CSV cell a spreadsheet will not run as a formula: a cell starting with = + - @ tab
    or CR (after any quotes) gets a leading `'`, as OWASP recommends; numbers are left as they
    are. `csv_value` undoes it."""
    text = str(value)
    if isinstance(value, int | float):
        return text
    return "'" + text if _FORMULA_START.match(text) else text


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """CSV as the quiz writes it everywhere (command output, contest results, bank exports):
    text cells shown literally (`shown`) and never run as a formula (`csv_cell`), numbers as
    they are, None empty, every line ended by a bare newline. The text is safe to print as it
    is: passed through `shown` again, a CR line end would become its stand-in ␍."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([csv_cell(shown(name)) for name in header])
    for row in rows:
        writer.writerow(
            [cell if cell is None or isinstance(cell, int | float) else csv_cell(shown(cell))
             for cell in row]
        )  # fmt: skip
    return buffer.getvalue()


def csv_value(cell: str) -> str:
    """A cell read back from CSV: the `'` that `csv_cell` added is taken off again."""
    if cell.startswith("'") and _FORMULA_START.match(cell, 1):
        return cell[1:]
    return cell
