"""The README and the pages in docs/ stay true: their links resolve, the README stays short and
keeps the Quick-start commands CI runs, the command table names real commands with real options,
and every `quiz …` command a code block shows exists with the options it uses; the safe,
self-contained ones are run."""

from __future__ import annotations

import re
import shlex
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from quiz.cli.main import cli
from tests.conftest import REPO

README = REPO / "README.md"
DOCS = REPO / "docs"
PAGES = [README, *sorted(DOCS.glob("*.md"))]
MAX_README_LINES = 200
FIRST_QUICK_START = "python3 -m venv .venv && .venv/bin/pip install -e . && .venv/bin/quiz"
"""Installs the tool and opens the quiz (the second Quick-start command is the one CI runs)."""
SHELL_BLOCKS = {"bash", "sh", "shell", "console", "text"}
"""Code blocks whose `quiz …` lines are commands a reader may type."""
HELP_OPTIONS = ["-h", "--help"]
RUNNABLE = {
    ("validate",), ("export",), ("seeds",), ("schema",), ("history",), ("stats",),
    ("coverage",), ("derive",), ("org", "list"), ("org", "report"),
}  # fmt: skip
"""Commands that only read the bank, the articles and an empty score database (or write where
`-o` says, moved into the test's folder): the docs' examples of these are run."""
MUST_RUN = [
    ["validate"], ["export", "--format", "json"], ["seeds"], ["schema"], ["history", "--json"],
    ["stats", "--json"],
]  # fmt: skip
"""Each of these is shown in some page (and so run), possibly with more arguments."""
OUTPUT_OPTIONS = {"-o", "--output"}
PINNED_NOW = "2026-11-28T09:00:00+08:00"


# -- reading Markdown ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Block:
    page: Path
    line: int
    """The line of the block's first content line, 1-based."""
    lang: str
    lines: tuple[str, ...]


def blocks(page: Path) -> Iterator[Block]:
    """The fenced code blocks of a page."""
    lang: str | None = None
    start, body = 0, list[str]()
    for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1):
        fence = re.match(r"\s*```(\S*)", line)
        if lang is None and fence:
            lang, start, body = fence.group(1).lower(), number + 1, []
        elif lang is not None and fence and not fence.group(1):
            yield Block(page, start, lang, tuple(body))
            lang = None
        elif lang is not None:
            body.append(line)


def prose(page: Path) -> list[str]:
    """The page's lines outside fenced code blocks."""
    kept, fenced = [], False
    for line in page.read_text(encoding="utf-8").splitlines():
        if re.match(r"\s*```", line):
            fenced = not fenced
        elif not fenced:
            kept.append(line)
    return kept


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation and symbols dropped (letters,
    marks, numbers, `_`, `-` and spaces kept), spaces made hyphens."""
    kept = "".join(
        char for char in heading.strip().lower()
        if char in " -_" or unicodedata.category(char)[0] in "LMN"
    )  # fmt: skip
    return kept.replace(" ", "-")


def anchors(page: Path) -> set[str]:
    found: set[str] = set()
    seen: dict[str, int] = {}
    for line in prose(page):
        heading = re.match(r"#{1,6}\s+(.*)", line)
        if heading:
            base = slug(heading.group(1))
            count = seen.get(base, 0)
            seen[base] = count + 1
            found.add(base if count == 0 else f"{base}-{count}")
    return found


def links(page: Path) -> list[str]:
    """The targets of the page's inline links, outside code."""
    text = re.sub(r"`[^`\n]*`", "", "\n".join(prose(page)))
    return re.findall(r"\[[^\]]*\]\(([^)\s]+)\)", text)


def section(page: Path, title: str) -> list[str]:
    """The prose and code lines under a `## title` heading, up to the next one."""
    lines = page.read_text(encoding="utf-8").splitlines()
    start = lines.index(f"## {title}") + 1
    end = next((i for i in range(start, len(lines)) if lines[i].startswith("## ")), len(lines))
    return lines[start:end]


# -- the links ----------------------------------------------------------------------------------


def test_there_are_pages() -> None:
    assert README.is_file()
    assert {p.name for p in PAGES} >= {"README.md", "index.md", "architecture.md"}


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(REPO)))
def test_every_relative_link_resolves(page: Path) -> None:
    broken = []
    for target in links(page):
        if re.match(r"[a-z][a-z0-9+.-]*:", target):  # https:, mailto:: not checked here
            continue
        path, _, anchor = target.partition("#")
        resolved = (page.parent / path).resolve() if path else page
        if not resolved.exists():
            broken.append(f"{target}: no such file")
        elif anchor and resolved.suffix == ".md" and anchor not in anchors(resolved):
            broken.append(f"{target}: no heading #{anchor} in {resolved.name}")
    assert broken == []


def test_the_index_lists_every_page() -> None:
    listed = {(DOCS / target.partition("#")[0]).resolve() for target in links(DOCS / "index.md")}
    unlisted = [p.name for p in PAGES if p.parent == DOCS and p.name != "index.md"]
    assert [name for name in unlisted if (DOCS / name).resolve() not in listed] == []
    assert "docs/index.md" in links(README)


# -- the README ---------------------------------------------------------------------------------


def ci_command() -> str:
    """The command CI runs: the last line of `.ci/run`."""
    lines = (REPO / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()
    return lines[-1].strip()


def test_the_readme_is_short() -> None:
    count = len(README.read_text(encoding="utf-8").splitlines())
    assert count <= MAX_README_LINES, f"README.md has {count} lines: move detail into docs/"


def test_the_readme_keeps_both_quick_start_commands() -> None:
    quick_start = [
        "\n".join(block.lines)
        for block in blocks(README)
        if block.lang == "bash" and block.line in range(*quick_start_lines())
    ]
    assert quick_start == [FIRST_QUICK_START, ci_command()]


def quick_start_lines() -> tuple[int, int]:
    lines = README.read_text(encoding="utf-8").splitlines()
    start = lines.index("## Quick start") + 1
    end = next(i for i in range(start, len(lines)) if lines[i].startswith("## ")) + 1
    return start, end


# -- commands -----------------------------------------------------------------------------------


def help_text(path: tuple[str, ...]) -> str:
    result = CliRunner().invoke(cli, [*path, "--help"])
    assert result.exit_code == 0, result.output
    return result.output


def listed_in_help(option: str, path: tuple[str, ...]) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", help_text(path)) is not None


def subcommand(group: click.Command, name: str) -> click.Command | None:
    if not isinstance(group, click.Group):
        return None
    return group.get_command(click.Context(group), name)


def option_of(command: click.Command, name: str) -> click.Option | None:
    context = click.Context(command, help_option_names=HELP_OPTIONS)
    for param in command.get_params(context):
        if isinstance(param, click.Option) and name in (*param.opts, *param.secondary_opts):
            return param
    return None


@dataclass(frozen=True)
class Shown:
    """A `quiz …` command as a page shows it."""

    where: str
    args: tuple[str, ...]


@dataclass
class Parsed:
    command: click.Command
    path: tuple[str, ...]
    options: list[tuple[tuple[str, ...], str]]
    """Each option used, with the command path it was given to."""
    values: dict[str, str]
    positionals: list[str]


def parse(args: tuple[str, ...]) -> Parsed:
    """Walks the arguments down the command tree as click would, failing on an unknown command
    or option."""
    command: click.Command = cli
    parsed = Parsed(cli, (), [], {}, [])
    rest = list(args)
    while rest:
        token = rest.pop(0)
        if token.startswith("-") and token != "-":
            name, equals, inline = token.partition("=")
            option = option_of(command, name)
            assert option is not None, f"quiz {' '.join(parsed.path)} has no option {name}"
            parsed.options.append((parsed.path, name))
            if equals:
                parsed.values[name] = inline
            elif not option.is_flag and not option.count:
                assert rest, f"{name} needs a value"
                parsed.values[name] = rest.pop(0)
            continue
        found = None if parsed.positionals else subcommand(command, token)
        if found is not None:
            command, parsed.path = found, (*parsed.path, token)
            continue
        assert not isinstance(command, click.Group), (
            f"quiz {' '.join(parsed.path)} has no command {token!r}"
        )
        parsed.positionals.append(token)
    parsed.command = command
    return parsed


def command_lines(block: Block) -> Iterator[tuple[int, str]]:
    """Each shell line of the block with its line number (continuations joined)."""
    pending, first = "", 0
    for offset, line in enumerate(block.lines):
        if not pending:
            first = block.line + offset
        pending += line.rstrip("\\").strip() + " "
        if not line.endswith("\\"):
            yield first, pending.strip()
            pending = ""


def is_quiz(word: str) -> bool:
    return word == "quiz" or word.endswith("/quiz")


def quiz_commands(block: Block) -> Iterator[Shown]:
    for number, line in command_lines(block):
        text = line.removeprefix("$ ")
        if block.lang == "console" and not line.startswith("$ "):
            continue  # output, not a command
        if not re.search(r"(^|[\s;&|])(\S*/)?quiz(\s|$)", text):
            continue
        lexer = shlex.shlex(text, posix=True, punctuation_chars=True)
        lexer.whitespace_split = True
        tokens = list(lexer)
        segment: list[str] = []
        for token in [*tokens, ";"]:
            if token in {"&&", "||", ";", "|", "&"}:
                while segment and re.fullmatch(r"[A-Z_][A-Z0-9_]*=.*", segment[0]):
                    segment.pop(0)  # VAR=value before the command
                if segment and is_quiz(segment[0]):
                    where = f"{block.page.relative_to(REPO)}:{number}"
                    yield Shown(where, tuple(segment[1:]))
                segment = []
            else:
                segment.append(token)


SHOWN = [
    shown
    for page in PAGES
    for block in blocks(page)
    if block.lang in SHELL_BLOCKS
    for shown in quiz_commands(block)
]


def test_the_pages_show_commands() -> None:
    assert len(SHOWN) >= 20


@pytest.mark.parametrize("shown", SHOWN, ids=lambda s: f"{s.where} quiz {' '.join(s.args)}")
def test_every_command_shown_exists(shown: Shown) -> None:
    parsed = parse(shown.args)
    assert parsed.path == () or not isinstance(parsed.command, click.Group), (
        f"{shown.where}: quiz {' '.join(parsed.path)} needs a command after it"
    )
    arguments = [p for p in parsed.command.params if isinstance(p, click.Argument)]
    least = sum(1 for p in arguments if p.required and p.nargs > 0)
    most = None if any(p.nargs < 0 for p in arguments) else sum(p.nargs for p in arguments)
    assert least <= len(parsed.positionals), f"{shown.where}: missing an argument"
    assert most is None or len(parsed.positionals) <= most, f"{shown.where}: too many arguments"
    for path, option in parsed.options:
        if option.startswith("--"):
            assert listed_in_help(option, path), f"quiz {' '.join(path)} --help lists no {option}"


def runnable(shown: Shown) -> bool:
    try:
        parsed = parse(shown.args)
    except AssertionError:
        return False  # test_every_command_shown_exists says what is wrong
    return (
        parsed.path in RUNNABLE
        and not {"--db", "--bank"} & set(parsed.values)
        and not any("://" in arg for arg in shown.args)
        and all((REPO / arg).exists() for arg in parsed.positionals)
    )


RUN = [shown for shown in SHOWN if runnable(shown)]


def test_the_safe_commands_are_shown() -> None:
    """The commands the docs must show, so that this file runs them."""
    for wanted in MUST_RUN:
        assert any(
            shown.args[: len(wanted)] == tuple(wanted)
            or (shown.args[:1] == tuple(wanted[:1]) and set(wanted[1:]) <= set(shown.args))
            for shown in RUN
        ), f"no page shows quiz {' '.join(wanted)}"


@pytest.fixture
def sandbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every data path in the test's folder, the default language, a pinned clock."""
    home = tmp_path / "home"
    for name, value in {
        "HOME": home, "XDG_DATA_HOME": home / "data", "XDG_CACHE_HOME": home / "cache",
        "XDG_CONFIG_HOME": home / "config", "QUIZ_DB": tmp_path / "quiz.db",
        "QUIZ_CACHE_DIR": tmp_path / "cache", "QUIZ_CONFIG_DIR": tmp_path / "config",
    }.items():  # fmt: skip
        monkeypatch.setenv(name, str(value))
    for name in ("QUIZ_LANG", "QUIZ_BANK", "QUIZ_THEME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("QUIZ_NOW", PINNED_NOW)
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)  # nothing a command writes can land in the checkout
    return work


@pytest.mark.parametrize("shown", RUN, ids=lambda s: f"{s.where} quiz {' '.join(s.args)}")
def test_the_safe_commands_run(shown: Shown, sandbox: Path) -> None:
    parsed = parse(shown.args)
    args, rest = [], list(shown.args)
    while rest:
        arg = rest.pop(0)
        args.append(arg)
        if arg in OUTPUT_OPTIONS:
            args.append(str(sandbox / Path(rest.pop(0)).name))
        elif arg in parsed.positionals:
            args[-1] = str(REPO / arg)
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, f"{shown.where}: quiz {' '.join(args)}\n{result.output}"


# -- the command table --------------------------------------------------------------------------


def table_rows() -> list[str]:
    """The first cell of each row of the README's command table (the usage, unescaped)."""
    cells = []
    for line in section(README, "Commands"):
        row = re.match(r"\| `(quiz[^`]*)` \|", line)
        if row:
            cells.append(row.group(1).replace("\\|", "|"))
    return cells


def usage_path(usage: str) -> tuple[str, ...]:
    command: click.Command = cli
    path: tuple[str, ...] = ()
    for word in usage.split()[1:]:
        found = subcommand(command, word)
        if found is None:
            break
        command, path = found, (*path, word)
    return path


def leaves(command: click.Command, path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    """Every command that runs something: the root (it opens the TUI) and each leaf."""
    if not isinstance(command, click.Group) or command is cli:
        yield path
    if isinstance(command, click.Group):
        for name in command.list_commands(click.Context(command)):
            found = subcommand(command, name)
            assert found is not None
            yield from leaves(found, (*path, name))


def test_the_command_table_has_every_command() -> None:
    rows = table_rows()
    assert len(rows) >= 20
    assert {usage_path(row) for row in rows} == set(leaves(cli))


@pytest.mark.parametrize("usage", table_rows())
def test_every_row_of_the_command_table_is_true(usage: str) -> None:
    path = usage_path(usage)
    command: click.Command = cli
    for word in path:
        found = subcommand(command, word)
        assert found is not None
        command = found
    assert path == () or not isinstance(command, click.Group), f"{usage}: not a command"
    for option in re.findall(r"(?<![\w-])(--?[A-Za-z][\w-]*)", usage):
        assert option_of(command, option) is not None, f"{usage}: no option {option}"
        assert listed_in_help(option, path), f"quiz {' '.join(path)} --help lists no {option}"
