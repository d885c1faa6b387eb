"""The benchmark cases, in the order they run; each builds what it needs (kept in the work
folder) and returns named results with their bounds."""

from __future__ import annotations

from quiz.bench.capacity import capacity
from quiz.bench.context import Case, Result
from quiz.bench.history import record_answer, screens, stats_cli
from quiz.bench.keys import per_key
from quiz.bench.loading import loading, stats_bank_ratio, xxqg_import
from quiz.bench.org_absent import org_absent
from quiz.bench.org_case import org_report
from quiz.bench.phone_case import phone_page
from quiz.bench.serve_case import serve_sessions
from quiz.bench.shared_stats import stats_at_scale
from quiz.bench.shared_store import concurrent_writers
from quiz.bench.startup import startup

__all__ = ["CASES", "Case", "Result"]

CASES: tuple[Case, ...] = (
    Case("startup", startup),
    Case("keys", per_key),
    Case("stats-bank", stats_bank_ratio),
    Case("loading", loading),
    Case("xxqg-import", xxqg_import),
    Case("stats-cli", stats_cli),
    Case("screens", screens),
    Case("record-answer", record_answer),
    Case("serve", serve_sessions),
    Case("phone", phone_page),
    Case("org-report", org_report),
    Case("org-absent", org_absent),
    Case("shared-writers", concurrent_writers),
    Case("shared-stats", stats_at_scale),
    Case("capacity", capacity, on_request=True),
)
