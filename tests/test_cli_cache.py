"""Commands that read the bank use the cache: once it is warm, they never import PyYAML. And an
entry built by other code (an older validator) is never served."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from quiz.bank import cache, load_bank
from tests.conftest import BANK

READ_THE_BANK = [["validate"], ["export"], ["stats", "--json"], ["history"]]


def yaml_imported(args: list[str]) -> bool:
    """Whether `quiz ARGS` imported PyYAML, run in a fresh interpreter."""
    code = (
        "import sys\nfrom quiz.cli import cli\n"
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
