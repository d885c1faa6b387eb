"""The organisation's report (quiz org report, the 组织 screen): the store's figures for a
window and a part of the unit tree, rolled up the tree with the top players."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from quiz.org.report import TOP_PLAYERS, OrgReport, roll_up

if TYPE_CHECKING:
    from quiz.store.protocol import Store


def org_report(
    store: Store, start: date | None = None, end: date | None = None, scope: str | None = None
) -> OrgReport:
    """Every unit (in `scope`) rolled up, between two days (inclusive; None: open)."""
    return roll_up(store.org_figures(start, end, scope, TOP_PLAYERS), start, end, scope)
