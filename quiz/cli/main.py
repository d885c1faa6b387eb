"""The `quiz` command. Subcommands import what they need when they run, so `quiz --help`,
`quiz validate` and `quiz export` start fast and never load Textual."""

from __future__ import annotations

import errno
import sys
from collections.abc import Sequence
from types import ModuleType
from typing import IO, Any, cast

import click

from quiz import __version__
from quiz.cli.options import root_options
from quiz.i18n import t
from quiz.system.settings import SettingsProblem, resolve_settings

COMMANDS = {
    "validate": "validate", "schema": "schema", "export": "export", "seeds": "seeds",
    "play": "play", "history": "history", "stats": "stats",
    "new": "new", "derive": "derive", "coverage": "coverage", "import": "import_",
    "contest": "contest", "room": "room", "serve": "serve", "org": "org",
    "paper": "paper",
}  # fmt: skip
"""Each command's name, and its function's name in the module `command_module` imports."""


def command_module(name: str) -> ModuleType:
    """The module of a command, imported only when that command runs (or help lists it)."""
    match name:
        case "validate" | "schema" | "export" | "seeds":
            from quiz.cli import bank_commands

            return bank_commands
        case "play" | "history":
            from quiz.cli import play_commands

            return play_commands
        case "stats":
            from quiz.cli import review_commands

            return review_commands
        case "new" | "derive" | "coverage":
            from quiz.cli import author_commands

            return author_commands
        case "import":
            from quiz.cli import import_command

            return import_command
        case "contest":
            from quiz.cli import contest_command

            return contest_command
        case "room":
            from quiz.cli import room_commands

            return room_commands
        case "serve":
            from quiz.cli import serve_command

            return serve_command
        case "paper":
            from quiz.cli import paper_commands

            return paper_commands
        case _:
            from quiz.cli import org_commands

            return org_commands


class LazyGroup(click.Group):
    """Imports a command's module only when that command runs (or help lists it), so `quiz`
    alone starts the TUI without loading the rest."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        command: click.Command = getattr(command_module(cmd_name), target)
        return command

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        """Click's main, plus what click leaves raw or as a traceback: its own messages are
        shown literally (a path argument may hold control characters); output that cannot be
        written ends quietly for a closed pipe, else with a message (exit 1); a store that
        cannot be used is a message (exit 1)."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, **extra)
        code = 0
        try:
            try:
                result = super().main(args, prog_name, complete_var, False, **extra)
                code = result if isinstance(result, int) else 0
            finally:
                sys.stdout.flush()  # output errors surface here, not at interpreter exit
        except click.ClickException as exc:
            exc.show(file=cast("IO[Any]", _Shown(sys.stderr)))
            code = exc.exit_code
        except click.Abort:
            click.echo(t("cli.aborted"), err=True)
            code = 1
        except OSError as exc:
            output_failed(exc)
        except Exception as exc:
            from quiz.store.sqlite.schema import StoreError

            if not isinstance(exc, StoreError):
                raise
            from quiz.cli.output import fail

            fail(t(exc.code, **exc.params))
        sys.exit(code)


class _Shown:
    """A text stream that shows what is written to it literally (quiz.text.safe.shown)."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        from quiz.text.safe import shown

        return int(self.stream.write(shown(text)))

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:
        return bool(self.stream.isatty())


def output_failed(exc: OSError) -> None:
    """A write to stdout or stderr failed: quiet for a closed pipe (`quiz export | head`), else
    one line on stderr if it can still be written; exit 1 either way."""
    import os

    if exc.errno != errno.EPIPE:
        reason = exc.strerror or str(exc)
        if exc.filename is not None:
            message = t("cli.file_failed", path=exc.filename, reason=reason)
        else:
            message = t("cli.output_failed", reason=reason)
        try:
            from quiz.cli.output import say

            say(message, "bold red", error=True)
            sys.stderr.flush()
        except OSError:
            pass
    # Nothing more may reach the broken stream, not even Python's flush at exit.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    raise SystemExit(1)


@click.group(
    cls=LazyGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@root_options
@click.version_option(__version__, prog_name="quiz")
@click.pass_context
def cli(
    ctx: click.Context,
    lang: str | None,
    bank: str | None,
    db: str | None,
    user: str | None,
    theme: str | None,
    move_bad_db: bool | None,
) -> None:
    """党史学习 quiz: quizzes and study in the terminal; scores in a local file, or in one
    PostgreSQL database shared by a whole campaign.

    Without a command, opens the quiz (the home screen).
    """
    try:
        ctx.obj = resolve_settings(lang, bank, db, user, theme, bool(move_bad_db))
    except SettingsProblem as problem:
        raise click.UsageError(t(problem.code, **problem.params)) from None
    if ctx.invoked_subcommand is None:
        from quiz.cli.launch import run_tui

        run_tui(ctx.obj)


def main() -> None:
    cli(prog_name="quiz")
