"""Start-up outlines a bank the cache holds whole and clean: home shows its count from the cache
entries' headers, and the questions are built after the first frame. Whatever the outline says
is what loading the bank gives, and a bank that cannot be outlined is loaded as before."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from quiz.bank.loader import cached_outline, load_bank
from quiz.system import paths
from quiz.system.settings import Settings
from quiz.usecases.library import Library
from quiz.usecases.services import Services
from tests.conftest import BANK

HEADER = "section: 测试\nquestions:\n"


def question(qid: str, draft: bool = False, answer: str = "8次") -> str:
    return (
        f"  - id: {qid}\n    type: single\n    prompt: 开展了几次集体学习？\n"
        f"    options: [6次, 8次, 10次]\n    answer: {answer}\n    draft: {str(draft).lower()}\n"
    )


def playable(folder: Path) -> list[str]:
    return [q.id for q in load_bank([folder]).questions if not q.draft]


def test_the_outline_is_what_loading_gives(tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    assert cached_outline([BANK], cache_dir) is None  # nothing cached: it cannot say
    load_bank([BANK], cache_dir)
    assert cached_outline([BANK], cache_dir) == playable(BANK)


def test_no_outline_where_loading_would_report_something(
    tmp_path: Path, write_bank: Callable[[str, str], Path]
) -> None:
    cache_dir = tmp_path / "cache"
    first = write_bank("a.yaml", HEADER + question("t-1", draft=True) + question("t-2"))
    folder = first.parent
    load_bank([folder], cache_dir)
    assert cached_outline([folder], cache_dir) == ["t-2"]  # drafts are not played

    repeated = write_bank("b.yaml", HEADER + question("t-2"))  # an id twice: an error
    load_bank([folder], cache_dir)
    assert cached_outline([folder], cache_dir) is None
    repeated.unlink()

    write_bank("c.yaml", HEADER + question("t-3", answer="9次"))  # not among the options
    load_bank([folder], cache_dir)
    assert load_bank([folder], cache_dir).errors
    assert cached_outline([folder], cache_dir) is None


def test_an_edit_since_the_cache_was_filled_is_not_outlined(
    tmp_path: Path, write_bank: Callable[[str, str], Path]
) -> None:
    cache_dir = tmp_path / "cache"
    path = write_bank("a.yaml", HEADER + question("t-1"))
    load_bank([path.parent], cache_dir)
    path.write_text(HEADER + question("t-1") + question("t-9"), encoding="utf-8")
    assert cached_outline([path.parent], cache_dir) is None  # the entry is for other content


def warm_services(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Services:
    monkeypatch.setenv("QUIZ_CACHE_DIR", str(tmp_path / "cache"))
    load_bank([BANK], paths.bank_cache())  # as an earlier start left it
    return Services(Settings(lang="en", bank=BANK, db=tmp_path / "quiz.db", user="小王"))


def test_loading_outlines_then_builds_after_the_first_frame(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    services = warm_services(tmp_path, monkeypatch)
    services.start_loading()
    assert services.wait_loaded(None)
    summary = services.start_up.summary
    assert summary is not None and summary.study.new_today > 0
    assert services.library.question_count == len(playable(BANK))
    assert not services.library.all_errors
    services.first_frame.set()  # home is drawn: the questions are built
    assert [q.id for q in services.library.questions] == playable(BANK)
    assert services.library.question_count == len(services.library.questions)


def test_the_bank_wanted_before_the_first_frame_is_built_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`quiz play` starts a run as soon as loading is done: it does not wait for a frame."""
    services = warm_services(tmp_path, monkeypatch)
    services.start_loading()
    assert services.wait_loaded(None)
    assert [q.id for q in services.library.questions] == playable(BANK)
    assert services.first_frame.is_set()  # asking for it let the build begin


def test_a_build_that_fails_raises_where_the_bank_is_wanted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not in the loading thread (a daemon thread's traceback would land on the screen)."""
    services = warm_services(tmp_path, monkeypatch)

    def broken(bank: Path) -> None:
        raise MemoryError("no room for the questions")

    monkeypatch.setattr(Library, "read_bank", staticmethod(broken))
    services.start_loading()
    assert services.wait_loaded(None)  # outlined: home is shown
    with pytest.raises(MemoryError, match="no room"):
        services.library.bank  # noqa: B018 - the property is what is tested
    services.library.bank = load_bank(
        [BANK]
    )  # a bank taken later (a reload) replaces the failed one
    assert [q.id for q in services.library.questions] == playable(BANK)
