"""No code path builds markup from data (issue 12): the code is read, not run, so a new screen
or command that bypasses quiz.text.safe and its wrappers fails here."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

from tests.conftest import REPO

PACKAGE = REPO / "quiz"
SKIPPED = {PACKAGE / "bench"}  # the benchmark prints its own figures, never data
RENDERERS = {
    PACKAGE / "safetext.py",
    PACKAGE / "tui" / "widgets" / "plain.py",
    PACKAGE / "tui" / "widgets" / "table.py",
    PACKAGE / "tui" / "widgets" / "wrap.py",
    PACKAGE / "cli" / "output.py",
}
"""The only modules that turn text into something shown (and so may touch Rich/Textual)."""

# Widgets that parse a str as markup: screens use Plain, plain_option and PlainTable instead.
MARKUP_WIDGETS = {"Static", "Label", "Option", "DataTable", "Markdown", "RichLog", "Log",
                  "Pretty", "Tree", "Link", "Toast"}  # fmt: skip
MARKUP_FUNCTIONS = {"from_markup", "render_markup", "from_ansi", "from_rich_text"}
MARKUP_LITERAL = re.compile(
    r"\[/\]|\[/?(?:b|i|u|s|bold|italic|dim|underline|strike|reverse|blink|link|@click"
    r"|red|green|yellow|blue|magenta|cyan|white|black|on)(?:[ =\]])"
)


def modules() -> Iterator[tuple[Path, ast.Module]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        if not any(path.is_relative_to(skipped) for skipped in SKIPPED):
            yield path, ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def called_name(node: ast.Call) -> str:
    func = node.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def where(path: Path, node: ast.AST) -> str:
    return f"{path.relative_to(REPO)}:{getattr(node, 'lineno', 0)}"


def test_no_markup_widget_is_built_outside_the_wrappers() -> None:
    found = [
        where(path, node)
        for path, tree in modules()
        if path not in RENDERERS
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and called_name(node) in MARKUP_WIDGETS
    ]
    assert found == [], "use quiz.tui.widgets.plain (Plain, plain_option) or .table (PlainTable)"


def test_no_static_subclass_outside_the_wrappers() -> None:
    found = [
        where(path, node)
        for path, tree in modules()
        if path not in RENDERERS
        for node in ast.walk(tree)
        if isinstance(node, ast.ClassDef)
        and any(isinstance(b, ast.Name) and b.id in MARKUP_WIDGETS for b in node.bases)
    ]
    assert found == []


def test_markup_is_never_switched_on_or_parsed() -> None:
    found = []
    for path, tree in modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.keyword) and node.arg == "markup":
                off = isinstance(node.value, ast.Constant) and node.value.value is False
                found += [] if off else [where(path, node.value)]
            if isinstance(node, ast.Attribute) and node.attr in MARKUP_FUNCTIONS:
                found.append(where(path, node))
    assert found == [], "markup=False only; data never goes through a markup parser"


def test_no_string_builds_markup() -> None:
    """Literals and f-strings: `f"[bold]{name}[/]"` is exactly how data becomes markup.
    (Docstrings may talk about markup.)"""
    found = []
    for path, tree in modules():
        docstrings = {
            id(owner.body[0].value)
            for owner in ast.walk(tree)
            if isinstance(owner, ast.Module | ast.ClassDef | ast.FunctionDef)
            and owner.body
            and isinstance(owner.body[0], ast.Expr)
        }
        found += [
            where(path, node)
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
            and MARKUP_LITERAL.search(node.value)
        ]
    assert found == []


def is_printer(node: ast.Call) -> bool:
    """print(), click.echo/secho, any `.print(` (a Rich console), Console, Table, Panel."""
    func = node.func
    if isinstance(func, ast.Name):
        return func.id in {"print", "Console", "Table", "Panel"}
    if isinstance(func, ast.Attribute):
        owner = func.value.id if isinstance(func.value, ast.Name) else ""
        return (
            func.attr in {"print", "Console", "Table", "Panel"}
            or (owner == "click" and func.attr in {"echo", "secho"})
            or owner == "Table"
        )
    return False


def test_command_output_goes_through_the_output_module() -> None:
    found = [
        where(path, node)
        for path, tree in modules()
        if path not in RENDERERS and path != PACKAGE / "cli" / "main.py"
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and is_printer(node)
    ]
    assert found == [], "print through quiz.cli.output (say, echo, emit, grid, fail)"


def test_the_catalogs_hold_no_markup() -> None:
    from quiz.i18n import CATALOGS

    found = [
        (lang, key)
        for lang, catalog in CATALOGS.items()
        for key, text in catalog.items()
        if MARKUP_LITERAL.search(text)
    ]
    assert found == []


def test_the_scan_would_catch_markup_built_from_data() -> None:
    """The checks above, on code written the wrong way."""
    bad = 'from textual.widgets import Static\nw = Static(f"[bold]{name}[/]", markup=True)\n'
    tree = ast.parse(bad)
    calls = [called_name(n) for n in ast.walk(tree) if isinstance(n, ast.Call)]
    assert "Static" in calls
    literals = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant)]
    assert any(isinstance(v, str) and MARKUP_LITERAL.search(v) for v in literals)
    assert any(isinstance(n, ast.keyword) and n.arg == "markup" for n in ast.walk(tree))
