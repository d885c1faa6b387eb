"""Two spellings a reader cannot tell apart are one name: NFKC, zero-width characters removed,
surrounding spaces trimmed, wherever names are compared (roster, players, served logins)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quiz.org.roster_file import read_roster
from quiz.serve.auth import player_name
from quiz.system.settings import resolve_user
from quiz.text.names import ZERO_WIDTH, normal_name
from tests.conftest import REPO

LOOK_ALIKES = ["甲\u200b", "\u200b甲", "甲\u2060", " 甲 ", "甲\ufeff", "\u00ad甲"]


@pytest.mark.parametrize("spelling", LOOK_ALIKES)
def test_a_look_alike_is_the_same_name(spelling: str) -> None:
    assert normal_name(spelling) == "甲"


def test_full_width_letters_fold() -> None:
    assert normal_name("ＷＡＮＧ１") == "WANG1"


@given(st.text())
def test_normal_names_are_stable_and_draw_no_invisible_characters(text: str) -> None:
    once = normal_name(text)
    assert normal_name(once) == once
    assert ZERO_WIDTH.search(once) is None
    assert once == once.strip()


def test_a_roster_with_a_look_alike_member_keeps_one() -> None:
    data = "name,unit,login\n甲,支部,jia\n甲\u200b,支部,jia2\n乙 ,支部,ＹＩ\n".encode()
    roster = read_roster(data)
    assert [e.name for e in roster.entries] == ["甲", "乙"]
    assert [e.login for e in roster.entries] == ["jia", "yi"]
    assert [row.line for row in roster.skipped] == [3]


def test_a_player_name_from_a_flag_or_the_environment_is_normal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert resolve_user("乙 ") == "乙"
    monkeypatch.setenv("QUIZ_USER", "乙\u200b")
    assert resolve_user(None) == "乙"
    assert player_name(" 乙\u200b ") == "乙"


def test_the_command_line_plays_as_the_normal_name(tmp_path: Path) -> None:
    env = {
        **os.environ, "QUIZ_DB": str(tmp_path / "quiz.db"), "QUIZ_LANG": "en",
        "HOME": str(tmp_path), "PYTHONPATH": str(REPO),
    }  # fmt: skip
    result = subprocess.run(
        [sys.executable, "-m", "quiz", "--user", "乙\u200b ", "stats", "--json"],
        env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert '"user": "乙"' in result.stdout
