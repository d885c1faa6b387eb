"""Textual's and textual-serve's private names are used in one module each, which says why
and which versions it was read against; an upgrade fails here until they are read again."""

from __future__ import annotations

import re

from tests.conftest import REPO

KEEPERS = {"quiz/tui/textual_fixes.py", "quiz/serve/textual_serve_hooks.py"}
PRIVATE = re.compile(
    r"from textual[\w.]*\._\w+ import|textual\.widgets\._|textual_serve\.\w+\._"
    r"|_open_app_process|_process_messages|_make_app\(|textual-toastrack|\._notifications"
)


def test_private_names_live_in_one_module_per_library() -> None:
    found = [
        f"{path.relative_to(REPO)}:{number}"
        for path in sorted((REPO / "quiz").rglob("*.py"))
        if str(path.relative_to(REPO)) not in KEEPERS
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if PRIVATE.search(line)
    ]
    assert found == []


def test_tests_read_what_the_app_told_through_public_methods() -> None:
    found = [
        str(path.relative_to(REPO))
        for path in sorted((REPO / "tests").rglob("*.py"))
        if "._notifications" in path.read_text(encoding="utf-8")
    ]
    assert found == ["tests/architecture/test_private_api.py"]  # this file names it


def test_the_installed_versions_are_the_ones_read() -> None:
    from quiz.serve import textual_serve_hooks
    from quiz.tui import textual_fixes

    assert textual_fixes.checked_version(), "read quiz/tui/textual_fixes.py against this Textual"
    assert textual_serve_hooks.checked_version(), (
        "read quiz/serve/textual_serve_hooks.py against this textual-serve"
    )
