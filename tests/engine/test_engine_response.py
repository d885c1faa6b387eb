"""The key contract, as core logic: picks, toggles, sequences, undo, ignored keys."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from quiz.bank.models import QuestionType as QT
from quiz.engine.response import ResponseBuilder

OPTIONS = ("甲", "乙", "丙", "丁")


def test_single_picks_one() -> None:
    r = ResponseBuilder(QT.SINGLE, OPTIONS)
    assert not r.ready
    r.pick(1)
    r.pick(2)
    assert r.given() == ("丙",) and r.ready


def test_keys_beyond_the_options_do_nothing() -> None:
    r = ResponseBuilder(QT.JUDGE, ("正确", "错误"))
    assert not r.pick(2) and not r.pick(5)
    assert r.given() == ()


def test_multiple_toggles() -> None:
    r = ResponseBuilder(QT.MULTIPLE, OPTIONS)
    for index in (2, 0, 3, 3):
        r.pick(index)
    assert r.given() == ("甲", "丙")


def test_order_builds_a_sequence_and_undoes() -> None:
    r = ResponseBuilder(QT.ORDER, OPTIONS)
    for index in (3, 1, 1, 0):
        r.pick(index)
    assert r.given() == ("丁", "乙", "甲") and not r.ready
    assert r.undo()
    r.pick(2)
    r.pick(0)
    assert r.given() == ("丁", "乙", "丙", "甲") and r.ready


def test_fill_blanks() -> None:
    r = ResponseBuilder(QT.FILL, (), blanks=2)
    assert not r.pick(0)
    r.set_blank(1, " 190 ")
    assert r.ready and r.given() == ("", "190")


@given(st.lists(st.integers(-2, 8), max_size=30))
def test_order_sequence_never_repeats_an_item(picks: list[int]) -> None:
    r = ResponseBuilder(QT.ORDER, OPTIONS)
    for index in picks:
        r.pick(index)
    assert len(set(r.given())) == len(r.given()) <= len(OPTIONS)
