"""A write never destroys a file (issue 12): atomic, refused over an existing file without
--force, never over an input, and a full disk leaves the target as it was. Inputs are regular
files under a size cap, so a FIFO or /dev/zero is refused at once."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from quiz.bank.loader import load_bank
from quiz.cli.main import cli
from quiz.system import files
from tests.conftest import BANK, REPO, SEEDS

CSV = "type,prompt,options,answer\nsingle,问题一？,甲|乙,甲\njudge,陈述二。,,正确\n"
HANDWRITTEN = BANK / "01-yiling.yaml"


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "in.csv"
    path.write_text(CSV, encoding="utf-8")
    return path


@pytest.fixture
def kept(tmp_path: Path) -> Path:
    """A hand-written bank file that must survive."""
    path = tmp_path / "01-yiling.yaml"
    shutil.copy(HANDWRITTEN, path)
    return path


def test_import_never_replaces_an_existing_file_without_force(source: Path, kept: Path) -> None:
    before = kept.read_bytes()
    code, output = invoke("import", str(source), "--format", "csv", "-o", str(kept))
    assert code == 1 and "already exists" in output and "--force" in output
    assert kept.read_bytes() == before
    code, output = invoke("import", str(source), "--format", "csv", "-o", str(kept), "--force")
    assert code == 0, output
    assert len(load_bank([kept]).questions) == 2


def test_the_input_is_never_a_target_even_with_force(source: Path) -> None:
    before = source.read_bytes()
    for extra in ([], ["--force"]):
        code, output = invoke("import", str(source), "--format", "csv", "-o", str(source), *extra)
        assert code == 1 and "input" in output
    assert source.read_bytes() == before
    link = source.with_name("link.csv")
    link.symlink_to(source)
    code, _ = invoke("import", str(link), "--format", "csv", "-o", str(source), "--force")
    assert code == 1 and source.read_bytes() == before


@pytest.mark.parametrize(
    "args",
    [
        ["export", "-o", "{target}"],
        ["export", "--format", "csv", "-o", "{target}"],
        ["schema", "-o", "{target}"],
        ["derive", str(SEEDS / "wuhan-2021-yiling-liangyong-sanjiaqiang.txt"), "-o", "{target}"],
        ["contest", "--teams", "甲,乙", "--save-plan", "{target}"],
        ["contest", "--teams", "甲,乙", "--csv", "{target}"],
        ["room", "host", "--pin-file", "{target}"],
    ],
)
def test_every_output_file_is_refused_when_it_exists(kept: Path, args: list[str]) -> None:
    before = kept.read_bytes()
    code, output = invoke(*[a.format(target=kept) for a in args])
    assert code == 1 and "already exists" in output
    assert kept.read_bytes() == before


def test_with_force_outputs_replace_the_file_and_keep_its_permissions(kept: Path) -> None:
    kept.chmod(0o640)
    code, output = invoke("schema", "-o", str(kept), "--force")
    assert code == 0, output
    assert kept.read_text(encoding="utf-8").startswith("{")
    assert kept.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in kept.parent.iterdir() if p.name.endswith(".tmp")] == []


def test_export_never_writes_over_a_bank_file(tmp_path: Path) -> None:
    bank = tmp_path / "questions"
    shutil.copytree(BANK, bank)
    shutil.copytree(SEEDS, tmp_path / "seeds")
    target = bank / "01-yiling.yaml"
    before = target.read_bytes()
    code, output = invoke("--bank", str(bank), "export", "-o", str(target), "--force")
    assert code == 1 and "input" in output and target.read_bytes() == before


def test_derive_never_writes_over_its_article(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    shutil.copy(SEEDS / "wuhan-2021-yiling-liangyong-sanjiaqiang.txt", article)
    before = article.read_bytes()
    code, _ = invoke("derive", str(article), "-o", str(article), "--force")
    assert code == 1 and article.read_bytes() == before


def test_write_atomic_never_clobbers_a_file_created_meanwhile(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    files.write_atomic(target, "one")
    with pytest.raises(files.FileProblem) as refused:
        files.write_atomic(target, "two")
    assert refused.value.code == "write.exists" and target.read_text() == "one"
    files.write_atomic(target, "three", force=True)
    assert target.read_text() == "three"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]


# -- full disks: a small tmpfs ------------------------------------------------------------------


@pytest.fixture
def full_disk(tmp_path: Path) -> Iterator[Path]:
    """A 256 KB tmpfs, mounted for the test (needs root); filled up by the test."""
    mount = tmp_path / "small"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mount)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip("mounting a small tmpfs needs root (run the suite as root to test full disks)")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def fill(folder: Path) -> None:
    fd = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT)
    try:
        while os.write(fd, b"\0" * 4096):
            pass
    except OSError:
        pass  # full
    finally:
        os.close(fd)


def test_a_full_disk_during_import_leaves_the_target_whole(
    full_disk: Path, source: Path, kept: Path
) -> None:
    target = full_disk / "01-yiling.yaml"
    shutil.copy(kept, target)
    before = target.read_bytes()
    big = source.with_name("big.csv")
    rows = [f"single,问题{i}：{'长' * 200}？,甲|乙,甲" for i in range(600)]
    big.write_text("type,prompt,options,answer\n" + "\n".join(rows) + "\n", encoding="utf-8")
    fill(full_disk)
    code, output = invoke("import", str(big), "--format", "csv", "-o", str(target), "--force")
    assert code == 1 and "No space left" in output and "Traceback" not in output
    assert target.read_bytes() == before
    assert sorted(p.name for p in full_disk.iterdir()) == ["01-yiling.yaml", "filler"]


def test_quiz_new_on_a_full_disk_leaves_the_file_whole(full_disk: Path) -> None:
    shutil.copytree(SEEDS, full_disk / "seeds")
    bank = full_disk / "questions"
    bank.mkdir()
    target = bank / "new.yaml"
    assert invoke("--bank", str(bank), "new", "--no-ask", "--type", "single")[0] == 0
    before = target.read_bytes()
    fill(full_disk)
    code, output = invoke("--bank", str(bank), "new", "--no-ask", "--type", "judge")
    assert code == 1 and "No space left" in output and "Traceback" not in output
    assert target.read_bytes() == before
    assert [p.name for p in bank.iterdir()] == ["new.yaml"]


# -- inputs: regular files under a size cap -----------------------------------------------------


def run_quiz(
    *args: str, stdin: int | None = subprocess.DEVNULL
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, "-m", "quiz", *args], capture_output=True, text=True, env=env,
        timeout=60, stdin=stdin,
    )  # fmt: skip


def test_a_fifo_or_a_device_is_refused_at_once(tmp_path: Path) -> None:
    bank = tmp_path / "questions"
    bank.mkdir()
    os.mkfifo(bank / "pipe.yaml")  # nobody ever writes to it: reading would wait forever
    result = run_quiz("validate", str(bank))
    assert result.returncode == 1 and "pipe.yaml" in result.stderr
    assert "not a regular file" in result.stderr
    for target in (str(bank / "pipe.yaml"), "/dev/zero"):
        result = run_quiz("import", target, "--format", "xxqg", "-o", str(tmp_path / "o.yaml"))
        assert result.returncode == 1 and "not a regular file" in result.stderr
        result = run_quiz("validate", target)
        assert result.returncode == 1 and "not a regular file" in result.stderr


def test_an_input_over_the_size_cap_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    with big.open("wb") as handle:
        handle.truncate(files.MAX_INPUT_BYTES + 1)  # sparse: no real disk used
    code, output = invoke("import", str(big), "--format", "xxqg", "-o", str(tmp_path / "o.yaml"))
    assert code == 1 and "too large" in output and not (tmp_path / "o.yaml").exists()


# -- output that cannot be written, bad environment, no terminal --------------------------------


def test_a_closed_pipe_ends_quietly() -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    command = f"{sys.executable} -m quiz export | head -c 10 >/dev/null"
    result = subprocess.run(
        ["bash", "-o", "pipefail", "-c", command], capture_output=True, text=True, env=env,
        timeout=60,
    )  # fmt: skip
    assert result.stderr == ""


def test_a_full_output_device_is_a_message_and_exit_1() -> None:
    with open("/dev/full", "w") as full:  # noqa: PTH123 - a device, not a path to handle
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        result = subprocess.run(
            [sys.executable, "-m", "quiz", "export"], stdout=full, stderr=subprocess.PIPE,
            text=True, env=env, timeout=60,
        )  # fmt: skip
    assert result.returncode == 1
    assert "No space left" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "env",
    [{"QUIZ_NOW": "yesterday"}, {"TZ": "UTC-99999"}, {"TZ": "<+99>-99"}],
)
def test_a_bad_clock_setting_is_a_usage_error(env: dict[str, str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "quiz", "stats"], capture_output=True, text=True, timeout=60,
        env={**os.environ, "PYTHONPATH": str(REPO), **env},
    )  # fmt: skip
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and next(iter(env.values())) in result.stderr


def test_play_without_a_terminal_exits_2() -> None:
    result = run_quiz("play", "--mode", "daily")  # stdin is /dev/null, stdout a pipe
    assert result.returncode == 2 and "terminal" in result.stderr
    result = run_quiz()
    assert result.returncode == 2 and "terminal" in result.stderr
