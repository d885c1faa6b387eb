"""The layers hold: import-linter's contracts (pyproject `[tool.importlinter]`) are kept, every
package of `quiz` is in a layer, and the top of `quiz/` holds only packages."""

from __future__ import annotations

import ast
import pkgutil
import re
import subprocess
import tomllib
from typing import Any

import quiz
from tests.architecture.test_code_quality import tool
from tests.conftest import REPO

OUTSIDE_LAYERS = {"quiz.bench", "quiz.__main__"}
"""The development benchmark (drives every layer from outside) and `python -m quiz`."""
FACES = ("quiz.cli", "quiz.serve", "quiz.tui")


def contracts() -> dict[str, dict[str, Any]]:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    return {c["id"]: c for c in config["tool"]["importlinter"]["contracts"]}


def layered_packages() -> list[str]:
    """Every package named in the layers contract, top to bottom."""
    return [name.strip() for layer in contracts()["layers"]["layers"] for name in layer.split("|")]


def core_modules() -> list[str]:
    """The packages below the faces: none of them may load Textual."""
    return [name for name in layered_packages() if name not in FACES]


def test_import_contracts_are_kept() -> None:
    result = subprocess.run(
        [tool("lint-imports"), "--no-cache"], cwd=REPO, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_the_top_of_the_package_holds_only_packages() -> None:
    loose = [
        info.name for info in pkgutil.iter_modules(quiz.__path__)
        if not info.ispkg and info.name != "__main__"
    ]  # fmt: skip
    assert loose == [], f"move into a package (docs/architecture.md): {loose}"


def test_every_package_has_a_layer() -> None:
    top = {f"quiz.{info.name}" for info in pkgutil.iter_modules(quiz.__path__)}
    unplaced = top - set(layered_packages()) - OUTSIDE_LAYERS
    assert not unplaced, f"{sorted(unplaced)}: add to the layers contract in pyproject"


def test_every_ignored_import_says_why() -> None:
    """A deliberate exception is an `ignore_imports` line with a comment above it."""
    text = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    for block in re.findall(r"ignore_imports = \[(.*?)\]", text, re.S):
        lines = [line.strip() for line in block.strip().splitlines()]
        for before, line in zip(["#", *lines], lines, strict=False):
            if line.startswith('"'):
                assert before.startswith("#"), f"say why above {line}"


def test_nothing_is_imported_behind_importlib() -> None:
    """Imports are statements import-linter can see: no importlib.import_module, no
    `__import__`."""
    found = [
        str(path.relative_to(REPO))
        for path in (REPO / "quiz").rglob("*.py")
        if "bench" not in path.parts
        and re.search(r"import_module\(|__import__\(", path.read_text(encoding="utf-8"))
    ]
    assert found == []


SESSION_CHANGES = {"submit", "proceed", "revive", "go_to", "hand_in", "time_up"}
CONTEST_CHANGES = {"open_buzzing", "advance", "judge", "reveal", "pick", "buzz", "correct",
                   "time_up"}  # fmt: skip


def ui_calls(names: set[str], owner: str) -> list[str]:
    """`<owner>.<name>(…)` calls in the TUI's source (owner: a name or an attribute)."""
    found = []
    for path in sorted((REPO / "quiz" / "tui").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            target = node.func.value
            named = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")
            if node.func.attr in names and named == owner:
                found.append(f"{path.relative_to(REPO)}:{node.lineno}")
    return found


def test_only_the_use_cases_change_a_session_or_a_contest() -> None:
    """play.Run changes a Session and contest.run.ContestRun a Contest (saving as they go);
    screens only read them."""
    assert ui_calls(SESSION_CHANGES, "session") == []
    assert ui_calls(CONTEST_CHANGES, "contest") == []


def test_worker_results_arrive_as_messages() -> None:
    using = {
        str(path.relative_to(REPO))
        for path in (REPO / "quiz" / "tui").rglob("*.py")
        if "call_from_thread(" in path.read_text(encoding="utf-8")
    }
    assert using == set(), f"post a typed message (quiz/tui/messages.py): {using}"


def test_messages_are_dataclasses() -> None:
    """Every message the TUI defines (quiz/tui/messages.py for what the app routes, a screen's
    own results beside it) is a dataclass: no hand-written `__init__`."""
    import dataclasses
    import importlib
    import inspect
    import pkgutil

    from textual.message import Message

    import quiz.tui

    found: set[type] = set()
    for info in pkgutil.walk_packages(quiz.tui.__path__, "quiz.tui."):
        if info.name == "quiz.tui.served":
            continue  # a served session's entry point: it runs the app when imported as main
        module = importlib.import_module(info.name)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            nested = [m for _n, m in inspect.getmembers(cls, inspect.isclass)]
            for candidate in (cls, *nested):
                if issubclass(candidate, Message) and candidate.__module__ == info.name:
                    found.add(candidate)
    assert len(found) > 25
    hand_written = sorted(
        cls.__qualname__ for cls in found
        if "__init__" in vars(cls) and not dataclasses.is_dataclass(cls)
    )  # fmt: skip
    assert hand_written == []


def test_the_tui_never_reaches_the_store() -> None:
    """Screens and the app ask the use cases (services.read, services.runs…): no `.store`."""
    found = [
        f"{path.relative_to(REPO)}:{node.lineno}"
        for path in sorted((REPO / "quiz" / "tui").rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Attribute) and node.attr == "store"
    ]
    assert found == []
