"""Commands that read the bank use the cache: once it is warm, they never import PyYAML. And an
entry built by other code (an older validator) is never served."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from quiz.bank import cache
from quiz.bank.loader import load_bank, playable_ids
from tests.conftest import BANK

READ_THE_BANK = [["validate"], ["export"], ["stats", "--json"], ["history"]]


def yaml_imported(args: list[str]) -> bool:
    """Whether `quiz ARGS` imported PyYAML, run in a fresh interpreter."""
    code = (
        "import sys\nfrom quiz.cli.main import cli\n"
        f"try:\n    cli({args!r}, prog_name='quiz')\nexcept SystemExit:\n    pass\n"
        "print('yaml' in sys.modules, file=sys.stderr)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    return result.stderr.strip().splitlines()[-1] == "True"


@pytest.mark.parametrize("args", READ_THE_BANK)
def test_a_warm_cache_spares_the_yaml_parser(args: list[str]) -> None:
    yaml_imported(["validate"])  # the first read fills the cache
    assert not yaml_imported(args)


def test_the_first_read_parses(tmp_path: Path) -> None:
    assert yaml_imported(["validate"])  # an empty cache: the YAML is read


def test_entries_of_other_code_are_not_served(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "cache"
    load_bank([BANK], folder)
    key, _ = cache.FileKey.of(next(BANK.glob("*.yaml"))) or (None, b"")
    assert key is not None
    assert cache.load(folder, key, BANK, "x") is not None
    monkeypatch.setattr(cache, "code_version", lambda: "built by another validator")
    assert cache.load(folder, key, BANK, "x") is None


def question(qid: str, draft: bool = False) -> str:
    return (
        f"  - id: {qid}\n    type: single\n    prompt: 开展了几次集体学习？\n"
        f"    options: [6次, 8次, 10次]\n    answer: 8次\n    draft: {str(draft).lower()}\n"
    )


def test_playable_ids_are_what_loading_gives(
    tmp_path: Path, write_bank: Callable[[str, str], Path]
) -> None:
    header = "section: 测试\nquestions:\n"
    write_bank("a.yaml", header + question("t-1", draft=True) + question("t-2"))
    path = write_bank("b.yaml", header + question("t-1") + question("t-3", draft=True))
    folder = path.parent
    expected = {q.id for q in load_bank([folder]).questions if not q.draft}
    assert expected == {"t-2"}  # the first t-1 (a draft) is kept, the later one dropped
    cache_dir = tmp_path / "cache"
    assert playable_ids([folder], cache_dir) == expected  # nothing cached: files loaded
    assert playable_ids([folder], cache_dir) == expected  # from the cache's headers
    assert playable_ids([BANK], cache_dir) == {
        q.id for q in load_bank([BANK]).questions if not q.draft
    }
