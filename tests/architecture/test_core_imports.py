"""The core never loads Textual, checked at run time as well as by import-linter: every module
of every core package is imported in a fresh interpreter, which must not have Textual after."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.architecture.test_layers import core_modules

IMPORT_ALL = """
import importlib, pkgutil, sys
package = importlib.import_module({name!r})
for info in pkgutil.walk_packages(getattr(package, "__path__", []), package.__name__ + "."):
    importlib.import_module(info.name)
print(sorted(m for m in sys.modules if m == "textual" or m.startswith(("textual.", "quiz.tui"))))
"""


@pytest.mark.parametrize("package", core_modules())
def test_core_module_does_not_import_textual(package: str) -> None:
    code = IMPORT_ALL.format(name=package)
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize(
    "args",
    [["--help"], ["validate"], ["export"], ["seeds"], ["schema"], ["history"], ["org", "list"]],
)
def test_non_tui_commands_do_not_import_textual(args: list[str]) -> None:
    code = (
        "import sys\nfrom quiz.cli.main import cli\n"
        f"try:\n    cli({args!r}, prog_name='quiz')\nexcept SystemExit:\n    pass\n"
        "print('textual' in sys.modules, file=sys.stderr)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stderr.strip().splitlines()[-1] == "False"
