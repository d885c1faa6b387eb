"""`quiz stats`: a player's progress, or the item analysis of the bank (all players)."""

from __future__ import annotations

from typing import Any

import click

from quiz import paths
from quiz.cli.options import shared_options
from quiz.cli.output import echo, echo_json, emit
from quiz.cli.play_commands import open_existing_store
from quiz.cli.settings import current_settings
from quiz.engine.clock import default_clock
from quiz.i18n import t


def percent_text(value: float | None) -> str:
    return "—" if value is None else f"{round(100 * value)}%"


def number_text(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


@click.command()
@shared_options
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output (see README).")
@click.option("--items", is_flag=True, help="Item analysis of the questions, over all players.")
def stats(as_json: bool, items: bool) -> None:
    """Progress of a player (default: the current one), or --items for question analysis."""
    from quiz.store import review

    settings = current_settings()
    store = open_existing_store(settings.db)
    if items:
        analysed = review.items(store) if store else []
        if as_json:
            echo_json({"items": [i.as_json() for i in analysed]})
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
    now = default_clock().now()
    if store is None:
        from quiz.bank import load_bank
        from quiz.study import NEW_PER_DAY

        data = empty_stats(settings.user)
        playable = [
            q for q in load_bank([settings.bank], paths.bank_cache()).questions if not q.draft
        ]
        data["study"]["new_today"] = min(NEW_PER_DAY, len(playable))
    else:
        from quiz.bank import load_bank
        from quiz.store import cards

        questions = {
            q.id for q in load_bank([settings.bank], paths.bank_cache()).questions if not q.draft
        }
        unseen = len(questions - cards.carded_ids(store, settings.user))
        study = cards.overview(store, settings.user, now, unseen).as_json()
        data = review.player_stats(store, settings.user, now.date(), study)
    if as_json:
        echo_json(data, indent=2)
        return
    print_stats(data)


def empty_stats(user: str) -> dict[str, Any]:
    return {
        "user": user,
        "answers": 0,
        "correct": 0,
        "accuracy": None,
        "by_section": [],
        "by_tag": [],
        "streak": {"current": 0, "longest": 0},
        "bests": {},
        "points_by_day": [],
        "study": {
            "due_today": 0,
            "new_today": 0,
            "reviews_next_7_days": [0] * 7,
            "retention": None,
        },
    }


def print_stats(data: dict[str, Any]) -> None:
    from quiz.engine.modes import Mode
    from quiz.format import mode_name

    echo(
        t(
            "stats.overall",
            user=data["user"],
            answers=data["answers"],
            correct=data["correct"],
            accuracy=percent_text(data["accuracy"]),
            current=data["streak"]["current"],
            longest=data["streak"]["longest"],
        )
    )
    for key in ("section", "tag"):
        rows = [
            [g[key], str(g["answers"]), str(g["correct"]), percent_text(g["accuracy"])]
            for g in data[f"by_{key}"]
        ]
        if rows:
            heads = [t(f"stats.{key}"), t("stats.answers"), t("stats.correct"), t("stats.accuracy")]
            emit(heads, rows[:15], title=t(f"stats.by_{key}"))
    if data["bests"]:
        rows = [[mode_name(Mode(m)), str(v)] for m, v in data["bests"].items()]
        emit([t("stats.mode"), t("stats.best")], rows, title=t("stats.bests"))
    recent = [[d["date"], str(d["points"])] for d in data["points_by_day"][-14:]]
    if recent:
        emit([t("stats.date"), t("stats.points")], recent, title=t("stats.points_by_day"))
