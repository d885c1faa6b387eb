"""The layers hold: import-linter's contracts (pyproject `[tool.importlinter]`) are kept, and
every module of `quiz` is either core or one of the outer layers named here."""

from __future__ import annotations

import pkgutil
import subprocess
import tomllib
from typing import Any

import quiz
from tests.conftest import REPO
from tests.test_code_quality import tool

OUTER = {"quiz.tui", "quiz.cli", "quiz.launch", "quiz.bench", "quiz.__main__"}
"""The UI, the command line, the launcher that joins them, and the development benchmark."""


def contracts() -> dict[str, dict[str, Any]]:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    return {c["id"]: c for c in config["tool"]["importlinter"]["contracts"]}


def core_modules() -> list[str]:
    return list(contracts()["core-without-ui"]["source_modules"])


def test_import_contracts_are_kept() -> None:
    result = subprocess.run(
        [tool("lint-imports"), "--no-cache"], cwd=REPO, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_every_module_has_a_layer() -> None:
    top = {f"quiz.{info.name}" for info in pkgutil.iter_modules(quiz.__path__)}
    unplaced = top - set(core_modules()) - OUTER
    assert not unplaced, (
        f"{sorted(unplaced)}: add to the core contract in pyproject [tool.importlinter] "
        "(or, if it is UI, to OUTER here and to the README's Architecture section)"
    )
    assert not set(core_modules()) & OUTER
