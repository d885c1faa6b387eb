"""Options every command takes, before or after its name: `quiz --db X history` and
`quiz history --db X` mean the same. The root resolves them (flag, else environment, else
default); a subcommand's own flag then overrides that."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, TypeVar

import click

from quiz import i18n
from quiz.system import paths
from quiz.system.settings import Settings

F = TypeVar("F", bound=Callable[..., Any])


class SafeName(click.ParamType[str]):
    """A name (player, team, section) from the command line: refused, as a usage error (exit
    2), when it holds a control or bidi character (see quiz.text.safe)."""

    name = "name"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        from quiz.text.safe import UnsafeName, check_name

        try:
            return check_name(str(value))
        except UnsafeName as exc:
            self.fail(i18n.t("cli.unsafe_name", char=exc.char, position=exc.index + 1), param, ctx)


NAME = SafeName()


def force_option(function: F) -> F:
    """`--force`: replace an output file that already exists (never one of the inputs)."""
    return click.option("--force", is_flag=True, help="Replace the output file if it exists.")(
        function
    )


LANGUAGES = click.Choice(["zh", "en"], case_sensitive=False)
THEMES = click.Choice(["dark", "light"])


def _override(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    if value is None or ctx.resilient_parsing:
        return
    settings = ctx.find_object(Settings)
    if settings is None:
        return
    match param.name:
        case "lang":
            i18n.set_language(value)
            settings = dataclasses.replace(settings, lang=i18n.resolve_language(value))
        case "bank":
            settings = dataclasses.replace(settings, bank=paths.bank_dir(value))
        case "db":
            settings = dataclasses.replace(settings, db=paths.db_path(value))
        case "user":
            settings = dataclasses.replace(settings, user=value.strip() or settings.user)
        case "theme":
            settings = dataclasses.replace(settings, theme=value)
        case "move_bad_db":
            settings = dataclasses.replace(settings, move_bad_db=bool(value))
    ctx.obj = settings


def option_specs() -> list[tuple[tuple[str, ...], dict[str, Any]]]:
    return [
        (
            ("--lang",),
            {"type": LANGUAGES, "help": "Interface language (default zh; env QUIZ_LANG)."},
        ),
        (
            ("--bank",),
            {
                "type": click.Path(file_okay=False, path_type=str),
                "help": "Question bank folder (env QUIZ_BANK; default: the bundled bank).",
            },
        ),
        (
            ("--db",),
            {
                "type": click.Path(dir_okay=False, path_type=str),
                "metavar": "FILE|URL",
                "help": "Score database: a file (SQLite), or postgresql://user@host:port/db "
                "shared by many machines (env QUIZ_DB; default: a file in the user data dir).",
            },
        ),
        (
            ("--user",),
            {"type": NAME, "help": "Player name (env QUIZ_USER; default: your login name)."},
        ),
        (("--theme",), {"type": THEMES, "help": "Colour theme (env QUIZ_THEME; default dark)."}),
        (
            ("--move-bad-db",),
            {
                "is_flag": True,
                "default": None,
                "help": "If the score database cannot be read, move it aside to a timestamped "
                "backup and start a new one (otherwise quiz refuses to start).",
            },
        ),
    ]


def root_options(function: F) -> F:
    for names, spec in reversed(option_specs()):
        function = click.option(*names, **spec)(function)
    return function


def shared_options(function: F) -> F:
    for names, spec in reversed(option_specs()):
        function = click.option(*names, expose_value=False, callback=_override, **spec)(function)
    return function
