"""Authoring: coverage, new questions, and derive's command line (drafts: test_derive.py)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from quiz.bank.loader import load_bank
from quiz.cli.main import cli
from tests.conftest import BANK, REPO, SEEDS, BankWriter

ARTICLES = REPO / "tests" / "data" / "articles"
VOLUNTEERS = ARTICLES / "jiangcheng-volunteers.txt"
FRONT_MATTER = ARTICLES / "front-matter-report.md"


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["--lang", "en", *args], input=input)
    return result.exit_code, result.stdout, result.stderr


def test_derive_refuses_a_non_utf8_article(tmp_path: Path) -> None:
    article = tmp_path / "gbk.txt"
    article.write_bytes("测试文章，共8次。".encode("gbk"))
    code, _, stderr = run("derive", str(article))
    assert code == 1 and "not UTF-8" in stderr and "Traceback" not in stderr
    assert run("derive", str(tmp_path / "missing.txt"))[0] == 2


def test_coverage_of_the_seed_article() -> None:
    code, stdout, _ = run("coverage")
    assert code == 0
    first = stdout.splitlines()[0]
    assert "sentences quoted by a question" in first
    covered, total = first.split(": ")[1].split(" ")[0].split("/")
    assert 0 < int(covered) <= int(total)
    rest = [line.strip() for line in stdout.splitlines()[1:] if line.strip()]
    if covered == total:
        assert rest == ["Every sentence is quoted by a question."]
    else:
        assert len(rest) == int(total) - int(covered)
        assert all(".txt:" in line for line in rest)


def test_coverage_of_an_unquoted_article_lists_every_sentence(tmp_path: Path) -> None:
    code, stdout, _ = run("coverage", str(VOLUNTEERS))
    assert code == 0
    assert "0/" in stdout.splitlines()[0]
    assert "jiangcheng-volunteers.txt:3  今年以来" in stdout


DRAFTS = """\
source: ../seeds/mini.txt
section: 测试
questions:
  - id: t-001
    type: judge
    prompt: 市委开展了8次集体学习。
    answer: true
    explanation: 原文如此。
    quote: 市委开展8次集体学习
    draft: true
"""


def test_coverage_counts_no_draft(write_bank: BankWriter) -> None:
    """Drafts are not played, so they cover nothing; the count says they were left out."""
    path = write_bank("drafts.yaml", DRAFTS)
    code, stdout, _ = run("--bank", str(path.parent), "coverage")
    assert code == 0, stdout
    lines = stdout.splitlines()
    assert "0/1 sentences quoted by a question (0%)" in lines[0]
    assert "(0%), 1 draft question not counted" in lines[0]
    assert any("mini.txt:3" in line for line in lines[1:])


def test_coverage_with_nothing_uncovered_says_so(write_bank: BankWriter) -> None:
    path = write_bank("published.yaml", DRAFTS.replace("    draft: true\n", ""))
    code, stdout, _ = run("--bank", str(path.parent), "coverage")
    assert code == 0, stdout
    lines = [line.strip() for line in stdout.splitlines() if line.strip()]
    assert "100%" in lines[0] and not lines[0].rstrip().endswith(":")
    assert lines[1:] == ["Every sentence is quoted by a question."]


@pytest.fixture
def bank_copy(tmp_path: Path) -> Path:
    shutil.copytree(BANK, tmp_path / "questions")
    shutil.copytree(SEEDS, tmp_path / "seeds")
    return tmp_path / "questions"


def fresh_yiling_id(bank: Path) -> str:
    """The id after the highest yl- id of the bundled bank (the bank's content moves on)."""
    text = (bank / "01-yiling.yaml").read_text(encoding="utf-8")
    highest = max(int(n) for n in re.findall(r"id: yl-(\d+)", text))
    return f"yl-{highest + 1:03d}"


def test_new_appends_a_template_with_a_fresh_id(bank_copy: Path) -> None:
    target = bank_copy / "01-yiling.yaml"
    fresh = fresh_yiling_id(bank_copy)
    args = ["--bank", str(bank_copy), "new", "--type", "single", "--file", str(target)]
    code, _, stderr = run(*args, "--no-ask")
    assert code == 0 and fresh in stderr
    text = target.read_text(encoding="utf-8")
    assert f"  - id: {fresh}" in text and "# 新题（single）" in text
    errors = load_bank([bank_copy]).errors
    assert [e.code for e in errors] == ["bank.quote_not_found"]  # only the part left to fill


def test_new_asks_and_the_question_validates(bank_copy: Path) -> None:
    target = bank_copy / "01-yiling.yaml"
    answers = "\n".join(
        [
            "市委宣讲团完成党史专题宣讲多少场？",
            "190场|1732场|436场",
            "190场",
            "市委宣讲团完成190场，各区党委宣讲团完成1732场。",
            "市委宣讲团完成党史专题宣讲190场",
            "2",
        ]
    )
    fresh = fresh_yiling_id(bank_copy)
    code, _, stderr = run("--bank", str(bank_copy), "new", "--type", "single", "--file",
                          str(target), "--ask", input=answers + "\n")  # fmt: skip
    assert code == 0, stderr
    bank = load_bank([bank_copy])
    assert bank.errors == []
    added = bank.by_id()[fresh]
    assert added.answer == ("190场",) and added.options == ("190场", "1732场", "436场")


def test_new_creates_a_file_when_needed(bank_copy: Path) -> None:
    code, _, _ = run("--bank", str(bank_copy), "new", "--type", "fill", "--no-ask")
    assert code == 0
    created = bank_copy / "new.yaml"
    text = created.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=schema.json")
    assert "source: seeds/wuhan-2021-yiling-liangyong-sanjiaqiang.txt" in text
    assert "  - id: q-001" in text
