"""`quiz paper`: assigned papers (组卷与考试任务): publish one for some units, list them, take
one, and read the results by member and rolled up the unit tree."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any, NoReturn

import click

from quiz.cli.options import NAME, shared_options
from quiz.cli.org_commands import checked_unit, open_existing, open_store
from quiz.cli.output import echo, echo_csv, echo_json, emit, fail, say
from quiz.cli.settings import current_settings
from quiz.i18n import t

if TYPE_CHECKING:
    from quiz.org.papers import MemberResult, Paper, PaperRefused, PaperResults


@click.group()
def paper() -> None:
    """Assigned papers: a fixed set of questions for some units, open between two times."""


def moment(value: str, option: str) -> datetime:
    """An ISO 8601 time; without a zone, the local one."""
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(t("paper.bad_time", value=value), param_hint=option) from None
    return parsed if parsed.tzinfo else parsed.astimezone()


def refused(problem: PaperRefused) -> NoReturn:
    fail(t(problem.code, **problem.params))


@paper.command()
@shared_options
@click.option("--title", required=True, help="The paper's title.")
@click.option("--ids", help="Question ids, comma-separated, in the paper's order.")
@click.option("--draw", "draw_count", type=click.IntRange(min=1),
              help="Or draw this many (types mixed), frozen as published.")  # fmt: skip
@click.option("--section", type=NAME, help="Draw from this section or tag only.")
@click.option("--seed", type=click.IntRange(min=0), help="The draw's seed (repeatable).")
@click.option("--units", required=True, help="Unit paths, comma-separated (sub-units included).")
@click.option("--opens", required=True, help="Opening time, ISO 8601 (2026-12-07T08:00+08:00).")
@click.option("--closes", required=True, help="Closing time, ISO 8601.")
@click.option("--minutes", type=click.IntRange(min=1), help="Time limit of an attempt.")
@click.option("--attempts", type=click.IntRange(min=1), default=1, show_default=True,
              help="Attempts allowed per member.")  # fmt: skip
@click.option("--pass", "pass_mark", type=click.FloatRange(0, 100),
              help="Pass mark, a score out of 100.")  # fmt: skip
def publish(
    title: str, ids: str | None, draw_count: int | None, section: str | None, seed: int | None,
    units: str, opens: str, closes: str, minutes: int | None, attempts: int,
    pass_mark: float | None,
) -> None:  # fmt: skip
    """Publish a paper and print its id. It never changes afterwards: a new version is a new
    paper."""
    from quiz.bank.loader import load_bank
    from quiz.org.papers import PaperRefused
    from quiz.system import paths
    from quiz.system.clock import default_clock
    from quiz.usecases.papers import Setting
    from quiz.usecases.papers import publish as publish_paper

    settings = current_settings()
    setting = Setting(
        title=title,
        units=[u for u in units.split(",") if u.strip()],
        opens=moment(opens, "--opens"),
        closes=moment(closes, "--closes"),
        ids=[i.strip() for i in (ids or "").split(",") if i.strip()],
        draw=draw_count,
        section=section,
        seed=seed,
        minutes=minutes,
        attempts=attempts,
        pass_mark=pass_mark,
    )
    bank = load_bank([settings.bank], paths.bank_cache())
    store = open_store()
    try:
        paper_id = publish_paper(store, bank.questions, setting, settings.user,
                                 default_clock().now())  # fmt: skip
    except PaperRefused as problem:
        refused(problem)
    echo(str(paper_id))


@paper.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@shared_options
@click.argument("paper_id", type=int)
def edit(paper_id: int) -> None:
    """Refused: a published paper never changes (its takers' results stand on it). Publish a
    new one instead."""
    from quiz.org.papers import PaperRefused
    from quiz.usecases.papers import paper_or_refuse

    try:
        found = paper_or_refuse(open_existing(), paper_id)
    except PaperRefused as problem:
        refused(problem)
    fail(t("paper.no_edit", id=str(found.id), title=found.title))


def paper_json(found: Paper) -> dict[str, Any]:
    return {
        "id": found.id,
        "title": found.title,
        "units": list(found.units),
        "opens": found.opens.isoformat(),
        "closes": found.closes.isoformat(),
        "minutes": found.minutes,
        "attempts": found.attempts,
        "pass": found.pass_mark,
        "questions": found.questions,
        "created_by": found.created_by,
    }


def shown(moment_: datetime | None) -> str:
    return moment_.astimezone().strftime("%Y-%m-%d %H:%M") if moment_ else ""


@paper.command(name="list")
@shared_options
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def list_(as_json: bool) -> None:
    """Every paper, newest first."""
    store = open_existing()
    found = store.papers() if store else []
    if as_json:
        echo_json({"papers": [paper_json(p) for p in found]}, indent=2)
        return
    if not found:
        say(t("paper.none"))
        return
    rows = [
        [str(p.id), p.title, ", ".join(p.units), shown(p.opens), shown(p.closes),
         str(p.minutes or "—"), str(p.attempts), str(p.questions)]
        for p in found
    ]  # fmt: skip
    columns = ("id", "title", "units", "opens", "closes", "minutes", "attempts", "questions")
    emit([t(f"paper.col.{c}") for c in columns], rows)


@paper.command()
@shared_options
@click.argument("paper_id", type=int)
def take(paper_id: int) -> None:
    """Take a paper (as the current player): an exam over its questions, sealed until handed
    in, handed in by itself at the time limit or the closing time."""
    from quiz.cli.launch import run_tui
    from quiz.engine.modes import Mode
    from quiz.org.papers import PaperRefused
    from quiz.system.clock import default_clock
    from quiz.usecases.papers import check_start
    from quiz.usecases.requests import PlayRequest

    settings = current_settings()
    try:
        check_start(open_existing(), paper_id, settings.user, default_clock().now())
    except PaperRefused as problem:
        refused(problem)
    run_tui(settings, PlayRequest(Mode.EXAM, paper=paper_id))


def member_json(member: MemberResult) -> dict[str, Any]:
    return {
        "login": member.login,
        "name": member.name,
        "unit": member.unit,
        "score": member.score,
        "attempts": member.attempts,
        "submitted": member.submitted.isoformat() if member.submitted else None,
        "seconds": None if member.seconds is None else round(member.seconds, 1),
        "passed": member.passed,
    }


def results_json(found: PaperResults) -> dict[str, Any]:
    return {
        "paper": paper_json(found.paper),
        "members": [member_json(m) for m in found.members],
        "units": [
            {
                "path": u.path,
                "members": u.members,
                "took_part": u.took_part,
                "mean": u.mean,
                "pass_rate": u.pass_rate,
            }
            for u in found.units
        ],
        "absent": [{"login": m.login, "name": m.name, "unit": m.unit} for m in found.absent],
    }


MEMBER_COLUMNS = ("login", "name", "unit", "score", "attempts", "submitted", "seconds", "passed")


@paper.command()
@shared_options
@click.argument("paper_id", type=int)
@click.option("--unit", help="Only this unit and the units under it.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.option("--csv", "as_csv", is_flag=True, help="CSV, one row per member.")
def results(paper_id: int, unit: str | None, as_json: bool, as_csv: bool) -> None:
    """Each member's best attempt, the units' figures (sub-units included), and who has not
    taken the paper. An attempt whose time ran out counts as it stood."""
    from quiz.org.papers import PaperRefused
    from quiz.system.clock import default_clock
    from quiz.usecases.papers import results as paper_results

    store = open_existing()
    unit = checked_unit(store, unit)
    try:
        found = paper_results(store, paper_id, default_clock().now(), unit,
                              current_settings().user)  # fmt: skip
    except PaperRefused as problem:
        refused(problem)
    data = results_json(found)
    if as_json:
        echo_json(data, indent=2)
        return
    if as_csv:
        echo_csv(MEMBER_COLUMNS, [[m[c] for c in MEMBER_COLUMNS] for m in data["members"]])
        return
    _print_results(found)


def _print_results(found: PaperResults) -> None:
    def cell(value: object) -> str:
        return "—" if value is None else str(value)

    members = [
        [m.login or "", m.name, m.unit, cell(m.score), str(m.attempts), shown(m.submitted),
         cell(None if m.passed is None else t("paper.yes" if m.passed else "paper.no"))]
        for m in found.members
    ]  # fmt: skip
    heads = ("login", "name", "unit", "score", "attempts", "submitted", "passed")
    emit([t(f"paper.col.{c}") for c in heads], members, title=found.paper.title)
    units = [
        [u.path, str(u.members), str(u.took_part), cell(u.mean),
         cell(None if u.pass_rate is None else f"{u.pass_rate:.0%}")]
        for u in found.units
    ]  # fmt: skip
    unit_heads = ("unit", "members", "took_part", "mean", "pass_rate")
    emit([t(f"paper.col.{c}") for c in unit_heads], units)
    if not found.absent:
        say(t("paper.nobody_absent"))
        return
    absent = [[m.login or "", m.name, m.unit] for m in found.absent]
    emit([t(f"paper.col.{c}") for c in ("login", "name", "unit")], absent,
         title=t("paper.absent_title", count=str(len(absent))))  # fmt: skip
