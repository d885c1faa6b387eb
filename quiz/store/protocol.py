"""What the program asks of a score store, whichever database keeps it.

Two implementations: SQLite (a file, the default) and PostgreSQL (one shared database). Every
write is one short transaction; every read returns the frozen types of `quiz.reports`. Nothing
outside `quiz.store` sees SQL or a connection.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from quiz.engine.modes import Mode  # a default value below

if TYPE_CHECKING:  # annotations only: opening a store does not import the org and report types
    from collections.abc import Callable, Iterator, Sequence
    from datetime import date, datetime

    from quiz.bank.models import Question
    from quiz.engine.points import DayTally
    from quiz.engine.race import Opponent
    from quiz.engine.session import Answer, Plan, Totals
    from quiz.org.models import AbsentMember, ImportSummary, Member, MemberActivity, RosterEntry
    from quiz.org.papers import AttemptRow, Paper, PaperSpec
    from quiz.org.report import RawReport
    from quiz.reports.contests import ContestEvent, TeamStanding
    from quiz.reports.history import HistoryPage, SessionFilter
    from quiz.reports.items import Attempt, ItemInfo
    from quiz.reports.replay import SavedPlan, StoredAnswer
    from quiz.reports.rooms import RoomDetail, RoomRole, RoomRow
    from quiz.reports.runs import SessionRow
    from quiz.reports.standings import DayTotal, QuestionTotal, Standing


class Store(Protocol):
    location: str
    """The file path or database URL, for messages (without a password)."""

    def close(self) -> None: ...

    # -- runs: written as they are played ------------------------------------------------------

    def start_session(
        self, user: str, plan: Plan, started_at: datetime, key: str | None = None
    ) -> int:
        """A new run's session; made again with the same `key`, the same session."""
        ...

    def record_answer(
        self,
        session_id: int,
        user: str,
        answer: Answer,
        totals: Totals,
        *,
        study: bool = False,
        key: str | None = None,
    ) -> None:
        """Commit one answer (replacing an earlier one at the same position, in an exam) with
        the session's running totals and, for a `study` answer, the card's review, in one
        transaction. Sent again with the same client-made `key`, it is stored once."""

    def record_review(
        self, user: str, question: Question, correct: bool, seconds: float, at: datetime
    ) -> datetime:
        """A study answer moves the question's card; returns the card's next due time."""
        ...

    def finish_session(
        self,
        session_id: int,
        finished_at: datetime,
        totals: Totals,
        points: int | Callable[[DayTally], int],
    ) -> int:
        """Close the session and book its points; returns the points booked. `points` may be
        a function of what the player already has on the day the session started: it is called
        inside the write transaction, so runs finishing at once (other processes too) never
        both take the same room under a daily cap. Points are booked once."""
        ...

    def drop_session(self, session_id: int) -> None:
        """No longer offered for resuming; its answers stay in the history."""

    # -- contests: their own kind of session ---------------------------------------------------

    def start_contest(
        self, host: str, teams: Sequence[str], at: datetime, key: str | None = None
    ) -> int:
        """A new contest's session; made again with the same `key`, the same session."""
        ...

    def record_contest_event(self, contest_id: int, event: ContestEvent, key: str) -> None:
        """One event of the contest's log, stored once per `key` (made by the client, sent
        again with every retry of this event)."""

    def finish_contest(
        self,
        contest_id: int,
        at: datetime,
        standings: Sequence[TeamStanding],
        plan_text: str,
        answers: tuple[int, int],
    ) -> None:
        """The final ranking; `answers` is (right, asked) over the whole contest."""

    def contest_events(self, contest_id: int) -> list[ContestEvent]: ...

    def contest_standings(self, contest_id: int) -> list[TeamStanding]: ...

    # -- sessions and answers ------------------------------------------------------------------

    def session(self, session_id: int) -> SessionRow | None: ...

    def saved_plan(self, session_id: int) -> SavedPlan | None: ...

    def resumable(self, user: str) -> list[SessionRow]: ...

    def sessions(self, user: str | None = None, limit: int | None = None) -> list[SessionRow]:
        """Newest first: one player's, or everyone's."""
        ...

    def history(self, user: str, wanted: SessionFilter) -> HistoryPage: ...

    def answers(self, session_id: int) -> list[StoredAnswer]: ...

    # -- live rooms, as the history lists them -------------------------------------------------

    def room_rows(self, user: str | None = None, limit: int | None = None) -> list[RoomRow]:
        """Hosted rooms `user` (None: anyone) sat in or hosted, newest first (a matched race is
        a session, not listed here)."""
        ...

    def room_detail(self, room_id: str, user: str, role: RoomRole) -> RoomDetail | None:
        """The room as `user` took part in it, as `role`; None when they did not."""
        ...

    # -- what the engine needs to know of the past ---------------------------------------------

    def day_tally(self, user: str, day: date) -> DayTally: ...

    def best_streak(self, user: str, mode: Mode = Mode.CHALLENGE) -> int: ...

    def best_score(self, user: str, mode: Mode, exclude: int | None = None) -> int | None: ...

    def study_days(self, user: str) -> list[date]: ...

    def mistake_book(self, user: str) -> dict[str, int]:
        """Questions answered wrong and not yet right twice in a row since: id → rights since."""
        ...

    def opponent_profiles(self, user: str, minimum_answers: int = 20) -> list[Opponent]: ...

    # -- study cards ---------------------------------------------------------------------------

    def due_ids(self, user: str, until: datetime) -> list[str]:
        """Questions whose card is due by `until`, most overdue first."""
        ...

    def carded_ids(self, user: str) -> set[str]: ...

    def new_started(self, user: str, day: date) -> int:
        """Cards the player started on `day` (new questions learned that day)."""
        ...

    def card_dues(self, user: str) -> list[datetime]: ...

    def retention_counts(self, user: str) -> tuple[int, int]:
        """(reviews of learned cards, of which recalled)."""
        ...

    # -- statistics, from running totals -------------------------------------------------------

    def question_totals(self, user: str) -> list[QuestionTotal]: ...

    def day_totals(self, user: str, since: date | None = None) -> list[DayTotal]: ...

    def bests(self, user: str) -> dict[Mode, int]:
        """Best score per mode (the challenge: the longest streak)."""
        ...

    def standings(self, week_from: date) -> list[Standing]:
        """Every player: points since `week_from`, all time, best challenge streak."""
        ...

    def first_attempts(self) -> tuple[list[Attempt], dict[str, ItemInfo]]:
        """Every player's first attempt at each question, and each question as last asked."""
        ...

    # -- the roster and participation by unit (quiz.org) ---------------------------------------

    def member_by_login(self, login: str) -> Member | None:
        """The member who signs in with `login` (matched without case), or None."""
        ...

    def member_keys(self, login: str) -> list[str]:
        """The member's OpenSSH public key lines, oldest first."""
        ...

    def add_member_key(self, login: str, key: str) -> None:
        """Adds an OpenSSH public key line (checked by the caller); a key already there is kept
        once. quiz.store.roster.UnknownLogin when no member has this login."""

    def members(self, unit: str | None = None) -> list[Member]:
        """Members of a unit and the units under it (everyone by default), by unit and name."""
        ...

    def member_pages(self, unit: str | None = None) -> Iterator[list[tuple[Member, int]]]:
        """As `members`, with how many SSH keys each has, a page of rows at a time."""
        ...

    def absent_members(
        self, unit: str | None = None, start: date | None = None, end: date | None = None
    ) -> list[AbsentMember]:
        """Members of a unit and below with no answer between two days (inclusive; None:
        open), by unit and name, with their last day of play."""
        ...

    def member_activity(
        self, unit: str | None = None, start: date | None = None, end: date | None = None
    ) -> list[MemberActivity]:
        """Members of a unit and below with their answers, right answers (between two days,
        inclusive; None: open) and last day of play, by unit and name."""
        ...

    def key_counts(self) -> dict[str, int]:
        """Login → how many SSH keys the member has."""
        ...

    def unit_exists(self, path: str) -> bool: ...

    def passcode_salts(self, names: Sequence[str]) -> dict[str, str]:
        """The salts of these members' stored passcode hashes, by name (quiz.org.passcode)."""
        ...

    def check_login(self, login: str, passcode: str) -> bool:
        """Whether `passcode` is the member's; on PostgreSQL the database decides, and a host's
        connection may then act for that member."""
        ...

    def check_login_key(self, login: str, key: str) -> bool:
        """Whether the public key line is the member's (as check_login)."""
        ...

    def import_roster(
        self, entries: Sequence[RosterEntry], hashes: dict[int, str], now: datetime
    ) -> ImportSummary:
        """The entries in one transaction: units created, members added, updated or moved
        (their running totals along); rows whose login another member keeps are skipped.
        `hashes` maps an entry's line to the passcode hash to store."""
        ...

    # -- assigned papers (quiz.store.papers) ---------------------------------------------------

    def publish_paper(self, spec: PaperSpec, created_by: str, now: datetime) -> int:
        """The new paper's id, its questions frozen as they are; PaperRefused for a unit that
        is not on the roster (nothing written)."""
        ...

    def papers(self) -> list[Paper]:
        """Every paper, newest first."""
        ...

    def paper(self, paper_id: int) -> Paper | None: ...

    def paper_questions(self, paper_id: int) -> list[str]:
        """The paper's questions as published (JSON records), in order."""
        ...

    def member_unit(self, user: str) -> str | None:
        """The unit of the member playing as `user` (None: not on the roster)."""
        ...

    def paper_attempts_of(self, user: str) -> dict[int, int]:
        """Paper id → attempts the player has started."""
        ...

    def paper_members(self, paper_id: int) -> list[tuple[str, str | None, str]]:
        """(name, login, unit) of every member the paper is set for, by unit and name."""
        ...

    def paper_attempt_rows(self, paper_id: int) -> list[AttemptRow]:
        """Every attempt at the paper, its right answers counted as they stand."""
        ...

    def paper_of_session(self, session_id: int) -> int | None:
        """The paper a session is an attempt at (None: an ordinary run)."""
        ...

    def reads_everyone(self) -> bool:
        """Whether the connected user may read every member's attempts (else their own)."""
        ...

    def start_paper_attempt(
        self, paper_id: int, user: str, plan: Plan, started_at: datetime, key: str | None = None
    ) -> int:
        """A new attempt's session, in one transaction with its checks (open now, set for the
        member's unit, attempts left): PaperRefused, nothing written, when one fails."""
        ...

    def org_figures(
        self, start: date | None, end: date | None, scope: str | None, top: int
    ) -> RawReport:
        """Each unit's own figures (in `scope`) between two days (inclusive; None: open), and
        the `top` players of each, from running totals only (quiz.usecases.org_report rolls
        them up the tree)."""
        ...
