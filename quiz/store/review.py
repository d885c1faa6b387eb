"""Queries behind the history, statistics, leaderboard and item-analysis views.

They read the running totals (`day_totals`, `version_totals`, `first_attempts`) and indexed
session rows, so they stay fast with millions of answers.
"""

from __future__ import annotations

import json
from datetime import date
from typing import TYPE_CHECKING

from quiz.engine.modes import Mode
from quiz.store.records import SESSION_COLUMNS, session_from_row

if TYPE_CHECKING:
    from quiz.reports.history import HistoryPage, SessionFilter
    from quiz.reports.items import Attempt, ItemInfo
    from quiz.reports.standings import DayTotal, QuestionTotal, Standing
    from quiz.store.sql import Database

ORDER_BY = {
    "started": "s.started_at",
    "mode": "s.mode",
    "score": "s.score",
    "accuracy": "1.0 * s.correct / (CASE WHEN s.total > 0 THEN s.total ELSE 1 END)",
    "time": "s.elapsed",
    "points": "s.points",
}


class ReviewQueries:
    _db: Database

    def history(self, user: str, wanted: SessionFilter) -> HistoryPage:
        """A page of the player's sessions, and how many match in all (rooms are not sessions:
        `quiz.usecases.review.history` adds them)."""
        from quiz.reports.history import HistoryPage

        where = ["p.name = ?"]
        params: list[object] = [user]
        if wanted.mode is not None:
            where.append("s.mode = ?")
            params.append(wanted.mode.value)
        if wanted.kind is not None:  # a room is never a session: nothing then
            where.append("s.kind = ?")
            params.append(wanted.kind.value)
        if wanted.since is not None:
            where.append("s.day >= ?")
            params.append(wanted.since.isoformat())
        if wanted.until is not None:
            where.append("s.day <= ?")
            params.append(wanted.until.isoformat())
        condition = " AND ".join(where)
        order = ORDER_BY.get(wanted.sort, ORDER_BY["started"])
        direction = "DESC" if wanted.descending else "ASC"
        base = f"FROM sessions s JOIN players p ON p.id = s.player_id WHERE {condition}"
        rows = self._db.read(
            f"SELECT {SESSION_COLUMNS} {base} ORDER BY {order} {direction}, s.id {direction} "
            "LIMIT ?",
            [*params, wanted.limit],
        )
        total = self._db.read(f"SELECT COUNT(*) {base}", params)[0][0]
        return HistoryPage(tuple(session_from_row(r) for r in rows), int(total))

    def question_totals(self, user: str) -> list[QuestionTotal]:
        """The player's answers per question (every version of it together)."""
        from quiz.reports.standings import QuestionTotal

        prompt = self._db.dialect.prompt_of_record
        rows = self._db.read(
            f"SELECT v.question_id, v.section, v.tags, {prompt}, "
            "t.answers, t.correct, t.seconds FROM version_totals t "
            "JOIN question_versions v ON v.hash = t.version "
            "JOIN players p ON p.id = t.player_id WHERE p.name = ? AND t.answers > 0 "
            "ORDER BY t.version",
            (user,),
        )
        merged: dict[str, QuestionTotal] = {}
        for qid, section, tags, text, answers, correct, seconds in rows:
            seen = merged.get(qid)
            if seen is None:
                merged[qid] = QuestionTotal(str(qid), str(text), str(section),
                                            tuple(json.loads(tags)), int(answers), int(correct),
                                            float(seconds))  # fmt: skip
            else:
                merged[qid] = QuestionTotal(seen.question_id, seen.prompt, seen.section,
                                            seen.tags, seen.answers + int(answers),
                                            seen.correct + int(correct),
                                            seen.seconds + float(seconds))  # fmt: skip
        return list(merged.values())

    def day_totals(self, user: str, since: date | None = None) -> list[DayTotal]:
        from quiz.reports.standings import DayTotal

        rows = self._db.read(
            "SELECT d.day, d.answers, d.correct, d.points FROM day_totals d "
            "JOIN players p ON p.id = d.player_id WHERE p.name = ? AND d.day >= ? "
            "ORDER BY d.day",
            (user, (since or date.min).isoformat()),
        )
        return [DayTotal(date.fromisoformat(str(d)), int(a), int(c), int(pts))
                for d, a, c, pts in rows]  # fmt: skip

    def bests(self, user: str) -> dict[Mode, int]:
        rows = self._db.read(
            "SELECT b.mode, b.score, b.streak FROM mode_bests b "
            "JOIN players p ON p.id = b.player_id WHERE p.name = ? ORDER BY b.mode",
            (user,),
        )
        return {
            Mode(str(mode)): int(streak if mode == Mode.CHALLENGE.value else score)
            for mode, score, streak in rows
        }

    def standings(self, week_from: date) -> list[Standing]:
        from quiz.reports.standings import Standing

        rows = self._db.read(
            "SELECT p.name, "
            "COALESCE((SELECT SUM(points) FROM day_totals d WHERE d.player_id = p.id "
            "          AND d.day >= ?), 0), "
            "COALESCE((SELECT SUM(points) FROM day_totals d WHERE d.player_id = p.id), 0), "
            "COALESCE((SELECT b.streak FROM mode_bests b WHERE b.player_id = p.id "
            "          AND b.mode = 'challenge'), 0) "
            "FROM players p",
            (week_from.isoformat(),),
        )
        return [Standing(str(name), int(week), int(total), int(best))
                for name, week, total, best in rows]  # fmt: skip

    def first_attempts(self) -> tuple[list[Attempt], dict[str, ItemInfo]]:
        from quiz.reports.items import Attempt, ItemInfo  # the item analysis only

        rows = self._db.read(
            "SELECT f.player_id, f.question_id, a.is_correct, a.given FROM first_attempts f "
            "JOIN answers a ON a.id = f.answer_id ORDER BY f.player_id, f.question_id"
        )
        attempts = [Attempt(int(p), str(q), bool(ok), tuple(json.loads(g)))
                    for p, q, ok, g in rows]  # fmt: skip
        order = self._db.dialect.insertion_order
        latest = self._db.read(
            f"SELECT v.question_id, v.record FROM question_versions v WHERE {order} IN "
            f"(SELECT MAX({order}) FROM question_versions v GROUP BY v.question_id)"
        )
        info: dict[str, ItemInfo] = {}
        for qid, record in latest:
            data = json.loads(record)
            info[str(qid)] = ItemInfo(str(qid), data["type"], tuple(data["options"]),
                                      tuple(data["answer"]), data["prompt"])  # fmt: skip
        return attempts, info
