"""Contest plans as YAML, checked like bank files (file:line, plain words, all errors at once).

```yaml
teams: [一队, 二队, 三队]
rounds:
  - {kind: required, questions: 1}   # per team
  - {kind: buzz, questions: 5}       # in all
  - {kind: risk, questions: 1}       # per team
answer_seconds: 10
buzz_seconds: 20
topics: [一领·强化理论武装]          # sections or tags; all questions when empty
```
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from quiz.bank.models import BankError
from quiz.bank.writing import dump
from quiz.contest.engine import ContestPlan, RoundKind, RoundPlan

KEYS = {"teams", "rounds", "answer_seconds", "buzz_seconds", "topics"}
MAX_NAME = 100
"""Characters in a team name or topic (they are shown on a projector, not read as essays)."""
ROUND_KEYS = {"kind", "questions"}


def plan_text(plan: ContestPlan) -> str:
    data = {
        "teams": list(plan.teams),
        "rounds": [{"kind": r.kind.value, "questions": r.questions} for r in plan.rounds],
        "answer_seconds": plan.answer_seconds,
        "buzz_seconds": plan.buzz_seconds,
        "topics": list(plan.topics),
    }
    return "# 竞赛计划 (quiz contest --plan)\n" + dump(data)


def load_plan(path: Path) -> tuple[ContestPlan | None, list[BankError]]:
    from quiz.bank.parse import text_problem
    from quiz.bank.yamlsafe import YamlProblem, compose, locate, read_text, to_python

    display = str(path)
    errors: list[BankError] = []
    try:
        root = compose(read_text(path))
        data = to_python(root) if root is not None else None
    except YamlProblem as problem:
        pos = problem.position
        return None, [BankError(display, pos.line, pos.column, problem.code, None,
                                tuple(problem.params.items()))]  # fmt: skip
    except OSError as exc:
        return None, [
            BankError(display, 0, 0, "bank.unreadable", None, (("reason", exc.strerror),))
        ]

    def error(where: tuple[str | int, ...], code: str, **params: object) -> None:
        pos = locate(root, where)
        field = ".".join(str(w) for w in where) or None
        errors.append(BankError(display, pos.line, pos.column, code, field, tuple(params.items())))

    if not isinstance(data, dict):
        error((), "contest.not_mapping")
        return None, errors
    for key in data:
        if key not in KEYS:
            error((str(key),), "bank.unknown_key", name=key)
    teams = data.get("teams")
    if not isinstance(teams, list) or not all(isinstance(t, str) and t.strip() for t in teams):
        error(("teams",), "contest.teams")
        teams = []
    elif not 2 <= len(teams) <= 12 or len({t.strip() for t in teams}) != len(teams):
        error(("teams",), "contest.teams")
    rounds = _rounds(data.get("rounds"), error)
    seconds = {name: _seconds(data, name, default, error)
               for name, default in (("answer_seconds", 10), ("buzz_seconds", 20))}  # fmt: skip
    topics = data.get("topics", [])
    if not isinstance(topics, list) or not all(isinstance(t, str) for t in topics):
        error(("topics",), "contest.topics")
        topics = []
    named: list[tuple[str, list[str]]] = [("teams", list(teams)), ("topics", list(topics))]
    for name, listed in named:
        for index, text in enumerate(listed):
            refused = text_problem(text, MAX_NAME)
            if refused is not None:
                error((name, index), refused[0], **refused[1])
    if errors:
        return None, errors
    plan = ContestPlan(tuple(t.strip() for t in teams), tuple(rounds), seconds["answer_seconds"],
                       seconds["buzz_seconds"], tuple(topics))  # fmt: skip
    return plan, []


def _rounds(value: Any, error: Any) -> list[RoundPlan]:
    if value is None:
        return list(ContestPlan(("a", "b")).rounds)
    if not isinstance(value, list) or not value:
        error(("rounds",), "contest.rounds")
        return []
    rounds = []
    kinds = {k.value for k in RoundKind if k is not RoundKind.TIEBREAK}
    for index, item in enumerate(value):
        if not isinstance(item, dict) or set(item) - ROUND_KEYS or item.get("kind") not in kinds:
            error(("rounds", index), "contest.round")
            continue
        count = item.get("questions", 1)
        if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= 50:
            error(("rounds", index, "questions"), "contest.round")
            continue
        rounds.append(RoundPlan(RoundKind(item["kind"]), count))
    return rounds


def _seconds(data: dict[str, Any], name: str, default: int, error: Any) -> int:
    value = data.get(name, default)
    if isinstance(value, bool) or not isinstance(value, int) or not 3 <= value <= 600:
        error((name,), "contest.seconds", name=name)
        return default
    return value


def parse_setup(
    teams_text: str, rounds_text: str, timers_text: str = "10/20", topics_text: str = ""
) -> ContestPlan | None:
    """`一队, 二队`, `required:1 buzz:3 risk:1`, `10/20` (seconds to answer / to buzz) and
    topics (sections or tags, comma-separated) → a plan, or None when they do not make one.
    UnsafeName when a team name or topic holds a control or bidi character (typed names are
    refused, never stored)."""
    from quiz.text.safe import check_name

    teams = tuple(name.strip() for name in teams_text.replace("，", ",").split(",") if name.strip())
    for name in teams:
        check_name(name)
    rounds = []
    for part in rounds_text.split():
        kind, _, count = part.partition(":")
        if kind not in ("required", "buzz", "risk") or not count.isdigit() or int(count) < 1:
            return None
        rounds.append(RoundPlan(RoundKind(kind), int(count)))
    if not 2 <= len(teams) <= 12 or len(set(teams)) != len(teams) or not rounds:
        return None
    answer, _, buzz = timers_text.strip().partition("/")
    if not (answer.strip().isdigit() and buzz.strip().isdigit()):
        return None
    seconds = int(answer), int(buzz)
    if not all(3 <= value <= 600 for value in seconds):
        return None
    topics = tuple(x.strip() for x in topics_text.replace("，", ",").split(",") if x.strip())
    for topic in topics:
        check_name(topic)
    return ContestPlan(teams, tuple(rounds), seconds[0], seconds[1], topics)
