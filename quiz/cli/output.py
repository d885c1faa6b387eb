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
