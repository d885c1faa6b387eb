"""Assigned papers under PostgreSQL's authority rules (issue 29 with issue 24's roles): only
the owner and organisers publish; a member starts attempts only as themselves and reads only
their own; an organiser reads everyone's results. Each refusal is PostgreSQL's."""

from __future__ import annotations

from datetime import timedelta

import psycopg
import pytest

from quiz.org.papers import PaperSpec
from quiz.store.opening import open_store
from quiz.system.clock import FixedClock
from quiz.usecases.papers import results, start_attempt
from tests.factories import START, bank, right
from tests.store.test_pg_roles import UNIT, Campaign, campaign

__all__ = ["campaign"]  # the fixture: a database set up with `quiz org roles`

SPEC = PaperSpec(title="第一周", questions=tuple(bank(6)[:3]), units=(UNIT,),
                 opens=START - timedelta(hours=1), closes=START + timedelta(days=1),
                 attempts=1)  # fmt: skip
PUBLISH = ("SELECT quiz_publish_paper('T', %s, %s, NULL, 1, NULL, %s, 'x', ARRAY[%s], "
           "ARRAY['q'], ARRAY['v'], ARRAY['{}'])")  # fmt: skip


def publish_as(url: str) -> int:
    store = open_store(url)
    try:
        return store.publish_paper(SPEC, "组织者", START)
    finally:
        store.close()


def test_only_organisers_publish(campaign: Campaign) -> None:
    params = (SPEC.opens.isoformat(), SPEC.closes.isoformat(), START.isoformat(), UNIT)
    campaign.refused(campaign.login("wang"), PUBLISH, params)  # a member
    host = campaign.new_login("host", "serve1")
    campaign.refused(host, PUBLISH, params)
    organiser = campaign.new_login("organiser", "boss")
    assert publish_as(campaign.url(organiser)) > 0
    # Nobody writes the tables directly, an organiser neither.
    campaign.refused(organiser, "INSERT INTO papers(title, opens, closes, attempts, questions,"
                     " created_at, created_by) VALUES ('x', '', '', 1, 0, '', '')")  # fmt: skip


def test_a_member_takes_a_paper_as_themselves_and_reads_only_their_own(
    campaign: Campaign,
) -> None:
    paper = publish_as(campaign.url(campaign.new_login("organiser", "boss")))
    wang, li = campaign.login("wang"), campaign.login("li")
    clock = FixedClock(START)
    store = open_store(campaign.url(wang))
    try:
        run = start_attempt(store, "王一", paper, clock)
        run.submit(right(run.session.current), 3.0)
        run.hand_in()
        assert run.finish().saved
    finally:
        store.close()
    # 王一 may not start an attempt for 李二.
    call = "SELECT quiz_start_paper_attempt(%s, %s, 'exam', '{}', %s, '2026-11-28', 'k', %s)"
    campaign.refused(wang, call, (paper, campaign.player("李二"), START.isoformat(),
                                  SPEC.closes.isoformat()))  # fmt: skip
    store = open_store(campaign.url(li))
    try:
        start_attempt(store, "李二", paper, clock).hand_in()
    finally:
        store.close()
    assert campaign.sql(wang, "SELECT COUNT(*) FROM paper_attempts") == [(1,)]
    organiser = campaign.url(campaign.new_login("organiser", "boss2"))
    store = open_store(organiser)
    try:
        found = results(store, paper, START + timedelta(days=2))
    finally:
        store.close()
    assert {m.name: m.attempts for m in found.members} == {"王一": 1, "李二": 1}
    assert {m.name: m.score for m in found.members}["王一"] == pytest.approx(33.3)
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        campaign.sql(wang, "UPDATE paper_attempts SET attempt = 0")
    # 王一's own results: only his row (李二's attempt is not his to read).
    store = open_store(campaign.url(wang))
    try:
        own = results(store, paper, START + timedelta(days=2), user="王一")
    finally:
        store.close()
    assert [(m.name, m.attempts) for m in own.members] == [("王一", 1)]
