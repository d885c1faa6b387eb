"""The `quiz` command. Subcommands import what they need when they run, so `quiz --help`,
`quiz validate` and `quiz export` start fast and never load Textual."""

from __future__ import annotations

import os

import click

from quiz import __version__, i18n, paths
from quiz.cli.author_commands import coverage, derive, new
from quiz.cli.bank_commands import export, schema, seeds, validate
from quiz.cli.options import root_options
from quiz.cli.play_commands import history, play, run_tui
from quiz.cli.review_commands import stats
from quiz.settings import Settings, resolve_user


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
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
    chosen = i18n.resolve_language(lang)
    i18n.set_language(chosen)
    ctx.obj = Settings(
        lang=chosen,
        bank=paths.bank_dir(bank),
        db=paths.db_path(db),
        user=resolve_user(user),
        theme=theme or os.environ.get("QUIZ_THEME", "dark"),
        move_bad_db=bool(move_bad_db),
    )
    if ctx.invoked_subcommand is None:
        run_tui(ctx.obj)


for command in (validate, schema, export, seeds, play, history, stats, new, derive, coverage):
    cli.add_command(command)


def main() -> None:
    cli(prog_name="quiz")
