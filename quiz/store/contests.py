"""Team contests in the store: their own kind of session (so contests show in the history),
each event as it happens, and the final standings.

Every write may be made again after a lost connection (quiz.store.recorder): the contest's
session and each event carry a key the client made, so a write the server already has is not
doubled; the final standings are written over."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from quiz.store.records import from_text, standings_from_json, standings_to_json, to_utc_text

if TYPE_CHECKING:
    from quiz.reports.contests import ContestEvent, TeamStanding
    from quiz.store.sql import Database, Tx


class ContestQueries:
    _db: Database

    if TYPE_CHECKING:  # provided by the store

        def player_id(self, name: str, now: datetime | None = None) -> int: ...

        def _new_session(
            self, tx: Tx, pid: int, kind: str, mode: str, plan: str, at: datetime,
            key: str | None = None,
        ) -> int: ...  # fmt: skip

    def start_contest(
        self, host: str, teams: Sequence[str], at: datetime, key: str | None = None
    ) -> int:
        pid = self.player_id(host, at)
        plan = json.dumps({"teams": list(teams)}, ensure_ascii=False)
        with self._db.transaction() as tx:
            return self._new_session(tx, pid, "contest", "", plan, at, key)

    def record_contest_event(self, contest_id: int, event: ContestEvent, key: str) -> None:
        """Log one event; the same `key` again (a retry) adds nothing."""
        self._db.run(
            "INSERT INTO contest_events(session_id, kind, team, question_id, prompt, points, "
            "is_correct, reason, at, client_key) VALUES (?,?,?,?,?,?,?,?,?,?) "
            "ON CONFLICT(session_id, client_key) DO NOTHING",
            (contest_id, event.kind, event.team, event.question_id, event.prompt, event.points,
             None if event.right is None else int(event.right), event.reason,
             to_utc_text(event.at or datetime.now().astimezone()), key),
        )  # fmt: skip

    def finish_contest(
        self,
        contest_id: int,
        at: datetime,
        standings: Sequence[TeamStanding],
        plan_text: str,
        answers: tuple[int, int],
    ) -> None:
        right, asked = answers
        with self._db.transaction() as tx:
            tx.execute(
                "UPDATE sessions SET status='finished', finished_at=?, correct=?, total=?, "
                "score=? WHERE id=?",
                (to_utc_text(at), right, asked, standings[0].score if standings else 0,
                 contest_id),
            )  # fmt: skip
            tx.execute(
                "INSERT INTO contest_results(session_id, plan, standings) VALUES (?,?,?) "
                "ON CONFLICT(session_id) DO UPDATE SET plan = excluded.plan, "
                "standings = excluded.standings",
                (contest_id, plan_text, standings_to_json(list(standings))),
            )

    def contest_events(self, contest_id: int) -> list[ContestEvent]:
        from quiz.reports.contests import ContestEvent

        rows = self._db.read(
            "SELECT kind, team, question_id, prompt, points, is_correct, reason, at "
            "FROM contest_events WHERE session_id = ? ORDER BY id",
            (contest_id,),
        )
        return [
            ContestEvent(
                str(k),
                team,
                q,
                p,
                int(pts),
                None if ok is None else bool(ok),
                str(why),
                from_text(str(at)),
            )
            for k, team, q, p, pts, ok, why, at in rows
        ]

    def contest_standings(self, contest_id: int) -> list[TeamStanding]:
        rows = self._db.read(
            "SELECT standings FROM contest_results WHERE session_id = ?", (contest_id,)
        )
        return standings_from_json(str(rows[0][0])) if rows else []
