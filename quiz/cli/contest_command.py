"""`quiz contest`: host a team contest (a plan from YAML or from flags)."""

from __future__ import annotations

from pathlib import Path

import click

from quiz.cli.options import force_option, shared_options
from quiz.cli.output import check_target, say, write_file
from quiz.cli.settings import current_settings
from quiz.i18n import t


@click.command()
@shared_options
@click.option("--plan", "plan_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A contest plan (YAML): teams, rounds, timers, topics.")  # fmt: skip
@click.option("--teams", help="Team names, comma-separated (2–12), instead of a plan.")
@click.option("--rounds", default="required:1 buzz:3 risk:1", show_default=True,
              help="Rounds: required:N (per team), buzz:N (in all), risk:N.")  # fmt: skip
@click.option("--save-plan", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the plan to this YAML file too.")  # fmt: skip
@click.option("--csv", "csv_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Where E on the final ranking writes the results.")  # fmt: skip
@force_option
def contest(
    plan_file: Path | None,
    teams: str | None,
    rounds: str,
    save_plan: Path | None,
    csv_file: Path | None,
    force: bool,
) -> None:
    """Host a team contest (竞赛) from this terminal: required, buzzer and risk rounds.
    Existing --save-plan and --csv files are replaced only with --force (never the plan read)."""
    from quiz.cli.launch import run_tui
    from quiz.contest.plan import load_plan, parse_setup, plan_text
    from quiz.text.safe import UnsafeName

    inputs = [plan_file] if plan_file is not None else []
    for target in (save_plan, csv_file):
        if target is not None:
            check_target(target, force=force, inputs=inputs)
    if plan_file is not None:
        plan, errors = load_plan(plan_file)
        if plan is None:
            for error in errors:
                say(error, error=True)
            raise SystemExit(1)
    else:
        try:
            plan = parse_setup(teams or "一队, 二队, 三队", rounds)
        except UnsafeName as exc:
            message = t("cli.unsafe_name", char=exc.char, position=exc.index + 1)
            raise click.UsageError(f"--teams: {message}") from None
        if plan is None:
            raise click.UsageError(t("contest.setup_help"))
    if save_plan is not None:
        write_file(save_plan, plan_text(plan), force=force, inputs=inputs)
    run_tui(current_settings(), contest=plan, contest_csv=csv_file, contest_force=force)
