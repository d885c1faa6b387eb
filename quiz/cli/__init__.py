"""The `quiz` command. Subcommands import what they need when they run, so `quiz --help`,
`quiz validate` and `quiz export` start fast and never load Textual."""

from __future__ import annotations

import importlib

import click

from quiz import __version__
from quiz.cli.options import root_options
from quiz.settings import resolve_settings

COMMANDS = {
    "validate": "quiz.cli.bank_commands:validate",
    "schema": "quiz.cli.bank_commands:schema",
    "export": "quiz.cli.bank_commands:export",
    "seeds": "quiz.cli.bank_commands:seeds",
    "play": "quiz.cli.play_commands:play",
    "history": "quiz.cli.play_commands:history",
    "stats": "quiz.cli.review_commands:stats",
    "new": "quiz.cli.author_commands:new",
    "derive": "quiz.cli.author_commands:derive",
    "coverage": "quiz.cli.author_commands:coverage",
    "import": "quiz.cli.import_command:import_",
    "contest": "quiz.cli.contest_command:contest",
    "room": "quiz.cli.room_commands:room",
    "serve": "quiz.cli.serve_command:serve",
}


class LazyGroup(click.Group):
    """Imports a command's module only when that command runs (or help lists it), so `quiz`
    alone starts the TUI without loading the rest."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module, name = target.split(":")
        command: click.Command = getattr(importlib.import_module(module), name)
        return command


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
    """党史学习 quiz: quizzes and study in the terminal, every score kept locally.

    Without a command, opens the quiz (the home screen).
    """
    ctx.obj = resolve_settings(lang, bank, db, user, theme, bool(move_bad_db))
    if ctx.invoked_subcommand is None:
        from quiz.launch import run_tui

        run_tui(ctx.obj)


def main() -> None:
    cli(prog_name="quiz")
