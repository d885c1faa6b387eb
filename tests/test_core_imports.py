"""The core never imports Textual: checked in a fresh interpreter."""

from __future__ import annotations

import subprocess
import sys

import pytest

CORE = ["quiz.bank", "quiz.bank.loader", "quiz.bank.schema", "quiz.bank.export", "quiz.i18n"]


@pytest.mark.parametrize("module", CORE)
def test_core_module_does_not_import_textual(module: str) -> None:
    code = f"import sys, {module}; print('textual' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize(
    "args", [["--help"], ["validate"], ["export"], ["seeds"], ["schema"], ["history"]]
)
def test_non_tui_commands_do_not_import_textual(args: list[str]) -> None:
    code = (
        "import sys\nfrom quiz.cli import cli\n"
        f"try:\n    cli({args!r}, prog_name='quiz')\nexcept SystemExit:\n    pass\n"
        "print('textual' in sys.modules, file=sys.stderr)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stderr.strip().splitlines()[-1] == "False"
