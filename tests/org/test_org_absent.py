"""`quiz org absent`: who has not taken part, for a unit (and the units under it) and a window,
against a roster and plays computed by hand, on both backends."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest

from tests.org.test_org_report import ARTS, ONE, TWO, campaign, quiz

__all__ = ["campaign"]  # the fixture, from the report's tests (the same small campaign)

# The campaign: 王一 played on 1 and 3 November, 李二 on 2, 张三 on 3, 赵四 on 31 October, 钱五
# never; 访客 played but is not on the roster.


def absent(db: str, *args: str) -> list[dict[str, Any]]:
    result = quiz("org", "absent", "--db", db, "--json", *args)
    assert result.exit_code == 0, result.output
    members: list[dict[str, Any]] = json.loads(result.stdout)["members"]
    assert all(list(m) == ["name", "login", "unit", "last_active"] for m in members)
    return members


def names(members: list[dict[str, Any]]) -> list[str]:
    return [m["name"] for m in members]


@pytest.mark.parametrize(
    ("window", "expected"),
    [
        ((), ["钱五"]),  # all time: never played
        (
            ("--from", "2026-11-01", "--to", "2026-11-30"),
            [
                "赵四",
                "钱五",
            ],
        ),
        (("--from", "2026-11-02", "--to", "2026-11-02"), ["王一", "张三", "赵四", "钱五"]),
        (("--to", "2026-10-31"), ["王一", "李二", "张三", "钱五"]),
    ],
)
def test_the_members_with_no_answer_in_the_window(
    campaign: str, window: tuple[str, ...], expected: list[str]
) -> None:
    found = absent(campaign, *window)
    by_unit_then_name = sorted(found, key=lambda m: (m["unit"], m["name"]))
    assert found == by_unit_then_name
    assert sorted(names(found)) == sorted(expected)


def test_a_unit_and_the_units_under_it(campaign: str) -> None:
    window = ("--from", "2026-11-02", "--to", "2026-11-02")
    assert names(absent(campaign, "--unit", ONE, *window)) == ["王一"]
    assert sorted(names(absent(campaign, "--unit", "武汉大学/计算机学院", *window))) == [
        "张三",
        "王一",
    ]
    assert [m["unit"] for m in absent(campaign, "--unit", ARTS, *window)] == [ARTS, ARTS]
    assert names(absent(campaign, "--unit", TWO, "--from", "2026-11-03")) == []


def test_the_last_day_of_play_whenever_it_was(campaign: str) -> None:
    found = {m["name"]: m["last_active"] for m in absent(campaign, "--from", "2026-11-02",
                                                         "--to", "2026-11-02")}  # fmt: skip
    assert found == {"王一": "2026-11-03", "张三": "2026-11-03", "赵四": "2026-10-31", "钱五": None}


def test_csv_and_table(campaign: str) -> None:
    result = quiz("org", "absent", "--db", campaign, "--csv", "--to", "2026-10-31")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["name"] for r in rows] == [m["name"] for m in absent(campaign, "--to", "2026-10-31")]
    assert set(rows[0]) == {"name", "login", "unit", "last_active"}
    table = quiz("org", "absent", "--db", campaign)
    assert "钱五" in table.stdout and "never" in table.stdout


def test_a_window_that_ends_before_it_starts_is_refused(campaign: str) -> None:
    result = quiz("org", "absent", "--db", campaign, "--from", "2026-11-03", "--to", "2026-11-01")
    assert result.exit_code != 0
