"""Authoring: derive drafts from articles never seen before, coverage, new questions."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from quiz.author.article import read_article
from quiz.author.derive import derive
from quiz.bank import QuestionType, load_bank
from quiz.bank.text import without_whitespace
from quiz.cli import cli
from tests.conftest import BANK, REPO, SEEDS

ARTICLES = REPO / "tests" / "data" / "articles"
VOLUNTEERS = ARTICLES / "jiangcheng-volunteers.txt"
FRONT_MATTER = ARTICLES / "front-matter-report.md"


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["--lang", "en", *args], input=input)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("article", [VOLUNTEERS, FRONT_MATTER], ids=["plain", "front-matter"])
def test_derived_drafts_validate_and_are_drafts(tmp_path: Path, article: Path) -> None:
    out = tmp_path / "drafts" / "drafts.yaml"
    out.parent.mkdir()
    code, _, stderr = run("derive", str(article), "-o", str(out))
    assert code == 0, stderr
    bank = load_bank([out])
    assert bank.errors == []
    assert bank.questions and all(q.draft for q in bank.questions)
    text = without_whitespace(article.read_text(encoding="utf-8"))
    assert all(without_whitespace(q.quote) in text for q in bank.questions)
    assert {q.type for q in bank.questions} >= {QuestionType.FILL, QuestionType.SINGLE,
                                                QuestionType.JUDGE}  # fmt: skip


def test_number_distractors_share_the_unit_and_scale() -> None:
    drafts: list[dict[str, Any]] = derive(read_article(VOLUNTEERS))
    single = {d["answer"]: d["options"] for d in drafts if d["type"] == "single"}
    assert sorted(single["615名"]) == ["3200名", "50名", "615名"]
    assert "1260次" not in single  # the only figure counted in 次: no fair distractors
    for answer, options in single.items():
        if str(answer)[0].isdigit():
            unit = str(answer).lstrip("0123456789.")
            assert all(str(o).lstrip("0123456789.") == unit for o in options), options


def test_quoted_terms_become_questions() -> None:
    drafts: list[dict[str, Any]] = derive(read_article(VOLUNTEERS))
    fills = {tuple(d["answer"][0]) for d in drafts if d["type"] == "fill"}
    assert ("银发守护",) in fills and ("家庭应急手册",) in fills
    judges = [d for d in drafts if d["type"] == "judge"]
    assert any(d["answer"] is False for d in judges) and any(d["answer"] is True for d in judges)


def test_drafts_never_reach_players(tmp_path: Path) -> None:
    from datetime import date

    from quiz.engine.modes import Mode
    from quiz.engine.selection import NothingToAsk, plan

    out = tmp_path / "drafts.yaml"
    run("derive", str(VOLUNTEERS), "-o", str(out))
    with pytest.raises(NothingToAsk):
        plan(Mode.CHALLENGE, load_bank([out]).questions, user="u", today=date(2026, 1, 1))


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
    uncovered = [line for line in stdout.splitlines()[1:] if line.strip()]
    assert len(uncovered) == int(total) - int(covered)
    assert all(".txt:" in line for line in uncovered)


def test_coverage_of_an_unquoted_article_lists_every_sentence(tmp_path: Path) -> None:
    code, stdout, _ = run("coverage", str(VOLUNTEERS))
    assert code == 0
    assert "0/" in stdout.splitlines()[0]
    assert "jiangcheng-volunteers.txt:3  今年以来" in stdout


@pytest.fixture
def bank_copy(tmp_path: Path) -> Path:
    shutil.copytree(BANK, tmp_path / "questions")
    shutil.copytree(SEEDS, tmp_path / "seeds")
    return tmp_path / "questions"


def test_new_appends_a_template_with_a_fresh_id(bank_copy: Path) -> None:
    target = bank_copy / "01-yiling.yaml"
    args = ["--bank", str(bank_copy), "new", "--type", "single", "--file", str(target)]
    code, _, stderr = run(*args, "--no-ask")
    assert code == 0 and "yl-034" in stderr
    text = target.read_text(encoding="utf-8")
    assert "  - id: yl-034" in text and "# 新题（single）" in text
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
    code, _, stderr = run("--bank", str(bank_copy), "new", "--type", "single", "--file",
                          str(target), "--ask", input=answers + "\n")  # fmt: skip
    assert code == 0, stderr
    bank = load_bank([bank_copy])
    assert bank.errors == []
    added = bank.by_id()["yl-034"]
    assert added.answer == ("190场",) and added.options == ("190场", "1732场", "436场")


def test_new_creates_a_file_when_needed(bank_copy: Path) -> None:
    code, _, _ = run("--bank", str(bank_copy), "new", "--type", "fill", "--no-ask")
    assert code == 0
    created = bank_copy / "new.yaml"
    text = created.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=schema.json")
    assert "source: seeds/wuhan-2021-yiling-liangyong-sanjiaqiang.txt" in text
    assert "  - id: q-001" in text
