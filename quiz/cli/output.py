"""Everything the commands print or write goes through here: rich on a terminal, plain text
when piped or TERM=dumb, and always data shown literally (see quiz.text.safe): the consoles
interpret no markup and no emoji codes, and control characters are replaced before printing."""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from quiz.text.safe import json_text, rich_text, shown

if TYPE_CHECKING:  # rich is imported when something is printed for people, not for --json
    from rich.console import Console
    from rich.text import Text


@functools.cache
def out() -> Console:
    from rich.console import Console

    return Console(highlight=False, soft_wrap=True, markup=False, emoji=False)


@functools.cache
def err() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True, markup=False, emoji=False)


def plain() -> bool:
    """Plain text: output piped to a file or another program, or TERM=dumb."""
    console = out()
    return not console.is_terminal or console.is_dumb_terminal


def say(message: object, style: str | None = None, *, error: bool = False) -> None:
    """One message, shown literally: to stdout, or to stderr with `error`."""
    (err() if error else out()).print(rich_text(message), style=style or "")


def fail(message: object, code: int = 1) -> NoReturn:
    """A message on stderr, then exit `code` (1: could not be done; 2: usage)."""
    say(message, "bold red", error=True)
    raise SystemExit(code)


def echo(text: str, *, nl: bool = True) -> None:
    """Text for programs as much as people (exports, tab-separated rows), control characters
    replaced."""
    click.echo(shown(text), nl=nl)


def echo_csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    """CSV (quiz.text.safe.csv_text: cells shown literally, no formulas, bare newlines)."""
    from quiz.text.safe import csv_text

    click.echo(csv_text(header, rows), nl=False)


def echo_json(data: object, *, indent: int | None = None) -> None:
    """JSON with the data as it is (Chinese unescaped); characters that would act on a
    terminal are written as \\u escapes, which JSON readers turn back into the same text."""
    click.echo(json_text(json.dumps(data, ensure_ascii=False, indent=indent)))


def echo_json_rows(key: str, rows: Sequence[object]) -> None:
    """`{key: [rows]}` as echo_json writes it, one row a line: a long list (tens of thousands
    of members) is written by json's C encoder, where `indent` would take the slow Python one."""
    encode = json.JSONEncoder(ensure_ascii=False).encode  # one encoder: dumps makes one a call
    lines = ",\n".join(f"  {encode(row)}" for row in rows)
    body = f"\n{lines}\n" if rows else ""
    click.echo(json_text(f"{{{json.dumps(key, ensure_ascii=False)}: [{body}]}}"))


def echo_json_pages(key: str, pages: Iterable[Sequence[object]]) -> None:
    """`{key: [rows]}` exactly as echo_json(..., indent=2) writes it, each page written as it is
    read: memory stays flat however many rows there are."""
    first = True
    click.echo(f"{{\n  {json.dumps(key, ensure_ascii=False)}: [", nl=False)
    for page in pages:
        parts = []
        for row in page:
            text = json.dumps(row, ensure_ascii=False, indent=2).replace("\n", "\n    ")
            parts.append(("\n    " if first else ",\n    ") + text)
            first = False
        click.echo(json_text("".join(parts)), nl=False)
    click.echo("]\n}" if first else "\n  ]\n}")


def _cell(value: str) -> str:
    """A cell of tab-separated output (a spreadsheet may read it): shown literally, on one
    line, and never run as a formula (a leading `'` before = + - @, but not on a number)."""
    from quiz.text.safe import csv_cell

    text = shown(value).replace("\t", " ").replace("\n", " ")
    try:
        float(text)
    except ValueError:
        return csv_cell(text)
    return text


def emit(headers: list[str], rows: list[list[str]], title: str | None = None) -> None:
    """A rich table on a terminal; tab-separated text when piped or TERM=dumb."""
    from rich.table import Table

    if not plain():
        table = Table(*headers, title=title, show_edge=False, pad_edge=False)
        for row in rows:
            table.add_row(*(rich_text(cell) for cell in row))
        out().print(table)
        return
    if title:
        click.echo(f"# {_cell(title)}")
    click.echo("\t".join(_cell(h) for h in headers))
    for row in rows:
        click.echo("\t".join(_cell(cell) for cell in row))


def grid(rows: Iterable[Sequence[str | Text]]) -> None:
    """Label/value lines aligned in columns (no borders); strings are shown literally."""
    from rich.table import Table

    table = Table.grid(padding=(0, 2))
    for row in rows:
        table.add_row(*(rich_text(cell) if isinstance(cell, str) else cell for cell in row))
    out().print(table)


def write_file(
    target: Path,
    text: str,
    *,
    force: bool = False,
    inputs: Iterable[Path] = (),
    announce: bool = True,
) -> None:
    """Write a command's output file atomically (quiz.system.files.write_atomic); a refusal or a
    failed write is a message and exit 1, with the target as it was."""
    from quiz.i18n import t
    from quiz.system.files import FileProblem, write_atomic

    try:
        write_atomic(target, text, force=force, inputs=inputs)
    except FileProblem as problem:
        fail(t(problem.code, **problem.params))
    if announce:
        say(t("cli.written", path=target), error=True)


def check_target(target: Path, *, force: bool = False, inputs: Iterable[Path] = ()) -> None:
    """Refuse an output file before the work starts (exists without --force, an input)."""
    from quiz.i18n import t
    from quiz.system.files import FileProblem
    from quiz.system.files import check_target as check

    try:
        check(target, force=force, inputs=inputs)
    except FileProblem as problem:
        fail(t(problem.code, **problem.params))
