"""A contest's ranking and its saved log, as the read side's types (no UI, no store)."""

from __future__ import annotations

from collections.abc import Sequence

from quiz.contest.engine import Contest, Event
from quiz.reports.contests import ContestEvent, TeamStanding
from quiz.text.safe import csv_text

CSV_COLUMNS = ("rank", "team", "score", "right", "wrong", "fouls", "corrections", "tiebreak")


def standings(contest: Contest) -> tuple[TeamStanding, ...]:
    rows = []
    for rank, team in enumerate(contest.ranking(), start=1):
        mine = [e for e in contest.events if e.team == team]
        rows.append(TeamStanding(
            rank=rank,
            team=contest.plan.teams[team],
            score=contest.scores[team],
            right=sum(1 for e in mine if e.kind == "answer" and e.right),
            wrong=sum(1 for e in mine if e.kind == "answer" and e.right is False),
            fouls=sum(1 for e in mine if e.kind == "foul"),
            corrections=sum(e.points for e in mine if e.kind == "correction"),
            tiebreak=contest.tiebreak[team],
        ))  # fmt: skip
    return tuple(rows)


def answered(contest: Contest) -> tuple[int, int]:
    """(right, asked) over the whole contest."""
    answers = [e for e in contest.events if e.kind == "answer"]
    return sum(1 for e in answers if e.right), len(answers)


def contest_event(contest: Contest, event: Event) -> ContestEvent:
    """An event as it is saved: team and question by name, not by index."""
    team = contest.plan.teams[event.team] if event.team is not None else None
    prompt = next((q.prompt for q in contest.questions if q.id == event.question_id), None)
    return ContestEvent(event.kind, team, event.question_id, prompt, event.points, event.right,
                        event.reason, event.at)  # fmt: skip


def standings_csv(table: Sequence[TeamStanding]) -> str:
    """Team names are typed by people: shown literally, never run as a spreadsheet formula."""
    return csv_text(CSV_COLUMNS, ([getattr(row, column) for column in CSV_COLUMNS]
                                  for row in table))  # fmt: skip
