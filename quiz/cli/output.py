"""Consoles for command output: rich on a terminal, plain text when piped or TERM=dumb."""

from __future__ import annotations

import functools

from rich.console import Console


@functools.cache
def out() -> Console:
    return Console(highlight=False, soft_wrap=True)


@functools.cache
def err() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def plain() -> bool:
    """Plain text: output piped to a file or another program, or TERM=dumb."""
    console = out()
    return not console.is_terminal or console.is_dumb_terminal


def emit(headers: list[str], rows: list[list[str]], title: str | None = None) -> None:
    """A rich table on a terminal; tab-separated text when piped or TERM=dumb."""
    import click
    from rich.table import Table

    if not plain():
        table = Table(*headers, title=title, show_edge=False, pad_edge=False)
        for row in rows:
            table.add_row(*row)
        out().print(table)
        return
    if title:
        click.echo(f"# {title}")
    click.echo("\t".join(headers))
    for row in rows:
        click.echo("\t".join(row))
