"""`quiz stats`: a player's progress, or the item analysis of the bank (all players)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from quiz.cli.options import shared_options
from quiz.cli.output import echo, echo_json, emit
from quiz.cli.play_commands import open_existing_store
from quiz.cli.settings import current_settings
from quiz.i18n import Plural, t
from quiz.system import paths
from quiz.system.clock import default_clock

if TYPE_CHECKING:
    from quiz.reports.standings import PlayerStats


def number_text(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


@click.command()
@shared_options
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output (docs/modes.md).")
@click.option("--items", is_flag=True, help="Item analysis of the questions, over all players.")
def stats(as_json: bool, items: bool) -> None:
    """Progress of a player (default: the current one), or --items for question analysis."""
    from quiz.cli.json_forms import item_json, player_stats_json
    from quiz.usecases import review as reading

    settings = current_settings()
    store = open_existing_store(settings.db)
    if items:
        analysed = reading.items(store).items if store else ()
        if as_json:
            echo_json({"items": [item_json(i) for i in analysed]})
            return
        rows = [
            [
                i.question_id,
                str(i.attempts),
                number_text(i.facility),
                number_text(i.discrimination),
                ", ".join(t(f"flag.{f}") for f in i.flags),
            ]
            for i in analysed
        ]
        heads = ["question", "attempts", "facility", "discrimination", "flags"]
        emit([t(f"items.{h}") for h in heads], rows)
        return
    from quiz.bank.loader import playable_ids

    playable = sorted(playable_ids([settings.bank], paths.bank_cache()))  # ids only, no questions
    if store is None:
        data = reading.no_player_stats(settings.user, len(playable))
    else:
        data = reading.player_stats(store, settings.user, default_clock().now(), playable)
    if as_json:
        echo_json(player_stats_json(data), indent=2)
        return
    print_stats(data)


def print_stats(data: PlayerStats) -> None:
    from quiz.reports.labels import mode_name, share_text

    echo(
        t(
            "stats.overall",
            user=data.user,
            answers=Plural("count.answers", data.answers),
            correct=data.correct,
            accuracy=share_text(data.accuracy),
            current=Plural("count.days", data.streak.current),
            longest=Plural("count.days", data.streak.longest),
        )
    )
    for key, groups in (("section", data.by_section), ("tag", data.by_tag)):
        rows = [[g.name, str(g.answers), str(g.correct), share_text(g.accuracy)] for g in groups]
        if rows:
            heads = [t(f"stats.{key}"), t("stats.answers"), t("stats.correct"), t("stats.accuracy")]
            emit(heads, rows[:15], title=t(f"stats.by_{key}"))
    if data.bests:
        rows = [[mode_name(b.mode), str(b.best)] for b in data.bests]
        emit([t("stats.mode"), t("stats.best")], rows, title=t("stats.bests"))
    recent = [[d.day.isoformat(), str(d.points)] for d in data.days[-14:]]
    if recent:
        emit([t("stats.date"), t("stats.points")], recent, title=t("stats.points_by_day"))
