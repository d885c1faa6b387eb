"""What every benchmark case shares: the results it reports, the run's settings, the work folder."""

from __future__ import annotations

import os
import statistics
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

NOW = "2026-11-28T12:00:00+08:00"
USER = "player-0"


@dataclass(frozen=True, slots=True)
class Result:
    name: str
    value: float
    unit: str  # "ms", "x" (a ratio), "MB"
    bound: float | None = None
    detail: str = ""
    """Shown beside the value: the frames a key drew, the absolute times behind a ratio."""
    minimum: bool = False
    """The bound is a floor (a rate to reach), not a ceiling."""

    @property
    def ok(self) -> bool | None:
        if self.bound is None:
            return None
        return self.value >= self.bound if self.minimum else self.value <= self.bound

    @property
    def shown(self) -> str:
        value = f"{self.value:.2f}×" if self.unit == "x" else f"{self.value:.1f} {self.unit}"
        return f"{value} ({self.detail})" if self.detail else value

    @property
    def bound_text(self) -> str:
        if self.bound is None:
            return "—"
        sign = "≥" if self.minimum else "≤"
        return (
            f"{sign} {self.bound:g}×" if self.unit == "x" else f"{sign} {self.bound:g} {self.unit}"
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "value": round(self.value, 3),
            "unit": self.unit,
            "bound": self.bound,
            "ok": self.ok,
            "detail": self.detail,
        }


@dataclass
class Context:
    work: Path
    smoke: bool
    runs: int
    flashcard: Path | None = None
    """The `flashcard` command of flashcard-cli (a reference app), when installed."""
    cache: dict[str, Any] = field(default_factory=dict)

    @property
    def answers_label(self) -> str:
        return "5,000" if self.smoke else "1M"


@dataclass(frozen=True, slots=True)
class Case:
    name: str
    run: Callable[[Context], Iterable[Result]]
    on_request: bool = False
    """Run only when named in --only (it needs a PostgreSQL server and takes many minutes)."""


def median_ms(runs: int, action: Callable[[], float]) -> float:
    """`action` returns the seconds one run took; the median, in milliseconds."""
    return statistics.median(action() for _ in range(runs)) * 1000


def quiz_env(context: Context, db: Path, **extra: str) -> dict[str, str]:
    """The environment quiz runs in: its database, cache and config under the work folder (the
    user's own are never touched), a fixed player, language and day."""
    return {
        **os.environ,
        "QUIZ_DB": str(db),
        "QUIZ_USER": USER,
        "QUIZ_NOW": NOW,
        "QUIZ_LANG": "zh",
        "QUIZ_CACHE_DIR": str(context.work / "cache"),
        "QUIZ_CONFIG_DIR": str(context.work / "config"),
        **extra,
    }
