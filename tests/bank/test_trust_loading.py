"""A fault never hangs or crashes loading (issue 12): the loader refuses repeated keys at every
level and numbers out of range; garbage in banks.json is ignored; anything else that fails while
loading shows an error screen saying what to do."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quiz.bank import recent as banks
from quiz.bank.loader import load_bank
from quiz.system import paths
from quiz.system.settings import Settings
from quiz.tui.app import QuizApp
from quiz.tui.screens.errors import LoadErrorScreen
from quiz.tui.screens.home import HomeScreen
from quiz.usecases.library import Library
from quiz.usecases.services import Services
from tests.conftest import BANK, BankWriter
from tests.factories import START
from tests.tui_support import make_app, make_services, settle, wait_for

QUESTION = "  - {id: q-%d, type: judge, prompt: 陈述%d。, answer: true}\n"


def test_two_top_level_question_lists_are_refused_not_merged(write_bank: BankWriter) -> None:
    path = write_bank(
        "a.yaml",
        "origin: t\nsection: 测试\nquestions:\n" + QUESTION % (1, 1)
        + "questions:\n" + QUESTION % (2, 2),
    )  # fmt: skip
    bank = load_bank([path])
    [error] = bank.errors
    assert (error.line, error.column, error.code) == (5, 1, "bank.duplicate_key")
    assert "questions" in error.message


@pytest.mark.parametrize(
    "fragment",
    ["section: 测试\nsection: 又一个\n", "section: 测试\n"],
)
def test_repeated_keys_are_refused_at_every_level(write_bank: BankWriter, fragment: str) -> None:
    nested = "  - {id: q-1, type: judge, prompt: 陈述。, answer: true, answer: false}\n"
    path = write_bank("a.yaml", "origin: t\n" + fragment + "questions:\n" + nested)
    codes = {e.code for e in load_bank([path]).errors}
    assert codes == {"bank.duplicate_key"}


@pytest.mark.parametrize("value", ["9" * 5000, "0x" + "f" * 40, "-" + "9" * 30])
def test_numbers_out_of_range_are_refused(write_bank: BankWriter, value: str) -> None:
    text = "origin: t\nsection: 测试\nquestions:\n"
    text += f"  - {{id: q-1, type: judge, prompt: 陈述。, answer: true, difficulty: {value}}}\n"
    bank = load_bank([write_bank("a.yaml", text)])
    [error] = bank.errors
    assert error.code == "bank.number_range" and error.line == 4
    assert "out of range" in error.message


def test_a_million_character_prompt_is_refused_with_the_limit(write_bank: BankWriter) -> None:
    text = "origin: t\nsection: 测试\nquestions:\n"
    text += f"  - {{id: q-1, type: judge, prompt: {'长' * 1_000_000}, answer: true}}\n"
    [error] = load_bank([write_bank("a.yaml", text)]).errors
    assert error.message == "1000000 characters; at most 2000 are allowed here"


@pytest.mark.parametrize(
    "content",
    [b"\xff\xfe not json", b'{"banks": 5}', b'{"banks": ["\\u0000x", 7, null]}', b"[1, 2]",
     b'{"banks": [' + b"[" * 5000 + b"]" * 5000 + b"]}"],
)  # fmt: skip
def test_garbage_in_banks_json_is_ignored(content: bytes) -> None:
    target = paths.config_dir() / banks.FILE_NAME
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)
    assert banks.known_banks(BANK) == [BANK.resolve()]
    banks.remember_bank(BANK)  # rewritten whole
    assert json.loads(target.read_text(encoding="utf-8")) == {"banks": [str(BANK.resolve())]}


async def test_the_tui_starts_with_a_garbage_banks_json(tmp_path: Path) -> None:
    target = paths.config_dir() / banks.FILE_NAME
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text('{"banks": ["\\u0000"]}', encoding="utf-8")
    app = make_app(make_services(tmp_path, lang="en"))
    async with app.run_test(size=(100, 30)) as pilot:
        home = await wait_for(pilot, HomeScreen)
        assert home.loaded and app.services.library.questions


async def test_a_huge_number_in_a_bank_file_never_leaves_the_tui_loading(
    tmp_path: Path, write_bank: BankWriter
) -> None:
    text = "origin: t\nsection: 测试\nquestions:\n" + QUESTION % (1, 1)
    text += (
        f"  - {{id: q-2, type: judge, prompt: 陈述。, answer: true, difficulty: {'9' * 5000}}}\n"
    )
    path = write_bank("a.yaml", text)
    settings = Settings(lang="en", bank=path.parent, db=tmp_path / "quiz.db", user="小王")
    from quiz.system.clock import FixedClock

    app = make_app(Services(settings, clock=FixedClock(START)))
    async with app.run_test(size=(100, 30)) as pilot:
        home = await wait_for(pilot, HomeScreen)
        await settle(pilot)
        assert home.loaded and [q.id for q in app.services.library.questions] == ["q-1"]
        assert app.services.library.bank.errors[0].code == "bank.number_range"


async def test_any_failure_while_loading_shows_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(bank: Path) -> None:
        raise RuntimeError("something unforeseen")

    monkeypatch.setattr(Library, "read_bank", staticmethod(broken))
    app = QuizApp(make_services(tmp_path, lang="en"))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await wait_for(pilot, LoadErrorScreen)
        shown = " ".join(str(w.render()) for w in screen.query("WrapText, Plain"))
        assert "RuntimeError: something unforeseen" in shown
        assert "quiz validate" in shown and "can be deleted safely" in shown
        await pilot.press("q")
        await pilot.pause()
    assert not app.is_running
