"""Pilot tests of a study session and of the article reader."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from quiz.cli.main import cli
from quiz.engine.modes import Mode
from quiz.engine.session import Phase
from quiz.tui.screens.article import ArticleScreen
from quiz.tui.screens.home import HomeScreen
from quiz.tui.screens.question import QuestionScreen
from quiz.tui.screens.results import ResultsScreen
from quiz.usecases.requests import PlayRequest
from tests.factories import START
from tests.tui_support import answer, make_app, make_services, settle, wait_for


async def test_study_session_by_keys_schedules_reviews(tmp_path: Path) -> None:
    services = make_services(tmp_path, lang="en")
    app = make_app(services, PlayRequest(Mode.STUDY, seed=3))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await wait_for(pilot, QuestionScreen)
        assert screen.session.limit == 10  # ten new questions a day
        for number in range(10):
            await answer(pilot, right=number % 4 != 0)
            assert screen.session.phase is Phase.FEEDBACK
            feedback = str(screen.query_one("#feedback").render())
            assert "Article:" in feedback  # the sentence in context
            await pilot.press("enter")
        await wait_for(pilot, ResultsScreen)
        await pilot.press("enter")
        home = await wait_for(pilot, HomeScreen)
        await settle(pilot)
        assert home.summary is not None and home.summary.study.new_today == 0
        assert services.saving.store is not None
        assert len(services.saving.store.carded_ids("小王")) == 10
    env = {"QUIZ_NOW": START.isoformat()}
    result = CliRunner().invoke(
        cli, ["stats", "--db", str(services.settings.db), "--user", "小王", "--json"], env=env
    )
    study = json.loads(result.stdout)["study"]
    assert sum(study["reviews_next_7_days"]) >= 3  # the three wrong ones at least
    assert study["due_today"] >= 3


async def test_reader_opens_at_the_quoted_sentence_from_feedback(tmp_path: Path) -> None:
    services = make_services(tmp_path, lang="en")
    app = make_app(services, PlayRequest(Mode.DAILY, seed=5))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await wait_for(pilot, QuestionScreen)
        quote = screen.session.current.quote
        await answer(pilot)
        await pilot.press("o")
        reader = await wait_for(pilot, ArticleScreen)
        await settle(pilot)
        assert reader.result is not None
        sentence = reader.result.sentences[reader.cursor].span.text
        assert "".join(quote.split())[:6] in "".join(sentence.split()) or quote[:6] in sentence
        await pilot.press("escape")
        back = await wait_for(pilot, QuestionScreen)
        assert back.session.phase is Phase.FEEDBACK  # the run goes on where it was


async def test_reader_parts_search_and_quiz_me(tmp_path: Path) -> None:
    services = make_services(tmp_path, lang="en")
    app = make_app(services)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, HomeScreen)
        await pilot.press("a")
        reader = await wait_for(pilot, ArticleScreen)
        await settle(pilot)
        assert len(reader.parts) == 4  # the opening, 一领, 两用, 三加强
        await pilot.press("n", "n")
        assert reader.cursor == reader.parts[2].first
        assert reader.result is not None
        assert reader.result.sentences[reader.cursor].span.text.startswith("“两用”")
        await pilot.press("slash")
        await pilot.press(*"初心号", "enter")
        await settle(pilot)
        assert "初心号" in reader.result.sentences[reader.cursor].span.text
        await pilot.press("escape")  # closes the search, not the reader
        assert isinstance(app.screen, ArticleScreen)
        expected = {q.id for q in reader.questions_here()}
        assert expected
        await pilot.press("q")
        quiz = await wait_for(pilot, QuestionScreen)
        assert {q.id for q in quiz.session.plan.questions} == expected
        assert quiz.session.mode is Mode.STUDY


async def test_the_reader_cursor_stays_in_view(tmp_path: Path) -> None:
    """13.8: ↑/↓ move the sentence cursor (not the view), the view follows it, a scrolled view
    takes the cursor along, and the footer says so."""
    from quiz.tui.screens.article import ArticleBody
    from quiz.tui.widgets.keybar import KeyBar

    app = make_app(make_services(tmp_path, lang="zh"))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, HomeScreen)
        await pilot.press("a")
        reader = await wait_for(pilot, ArticleScreen)
        await settle(pilot)
        footer = reader.query_one(KeyBar).render().plain
        for hint in ("↑↓ 上下句", "n 下一部分", "p 上一部分", "/ 搜索", "q 考考我"):
            assert hint in footer
        body = reader.query_one(ArticleBody)
        for _ in range(25):
            await pilot.press("down")
            await settle(pilot)
            assert reader.in_view(reader.sentence_top(reader.cursor))
        assert reader.cursor == 25 and body.scroll_y > 0
        for _ in range(25):
            await pilot.press("up")
        await settle(pilot)
        assert reader.cursor == 0 and reader.in_view(reader.sentence_top(0))
        await pilot.press("pagedown", "pagedown")
        await settle(pilot)
        assert reader.cursor > 0 and reader.in_view(reader.sentence_top(reader.cursor))
        body.scroll_to(y=body.max_scroll_y, animate=False)  # the mouse wheel, say
        await settle(pilot)
        assert reader.in_view(reader.sentence_top(reader.cursor))
        body.scroll_to(y=0, animate=False)
        await settle(pilot)
        assert reader.in_view(reader.sentence_top(reader.cursor))
