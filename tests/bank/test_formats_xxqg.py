"""The 学习强国 format: the real bank (../shared/data/xxqg) imports whole, validates and plays;
small records pin down the mapping and every way a record can be refused.

Expectations about the real bank are computed from the data, so a new release of it changes
no test."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Mapping
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from quiz.bank.fields import ID_PATTERN
from quiz.bank.formats import ImportReport, bank_yaml, read_xxqg
from quiz.bank.formats.common import unexpected
from quiz.bank.loader import load_bank
from quiz.bank.models import QuestionType
from quiz.bank.text import normalise_answer, without_whitespace
from quiz.cli.main import cli
from quiz.engine.modes import Mode
from quiz.engine.selection import plan
from tests.shared import XXQG_TIKU

TIKU = XXQG_TIKU
NBSP8 = "\u00a0" * 8
JUDGE = ["正确", "错误"]


def read(records: Mapping[str, object]) -> ImportReport:
    return read_xxqg(json.dumps(records, ensure_ascii=False))


@pytest.fixture(scope="module")
def tiku() -> str:
    if not TIKU.exists():
        pytest.skip(f"the shared xxqg bank is not at {TIKU}: set QUIZ_SHARED to its folder")
    return TIKU.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def records(tiku: str) -> list[str]:
    """The records' keys (`stem|option|option…`), in file order: record N is records[N - 1]."""
    return list(json.loads(tiku))


@pytest.fixture(scope="module")
def imported(tiku: str) -> ImportReport:
    return read_xxqg(tiku)


def number(where: str) -> int:
    kind, index = where.split()
    assert kind == "record"
    return int(index)


def options_of(key: str) -> list[str]:
    return [" ".join(option.split()) for option in key.split("|")[1:]]


def same_form(key: str) -> tuple[str, list[str]]:
    stem, *options = (normalise_answer(without_whitespace(part)) for part in key.split("|"))
    return stem, sorted(options)


def test_every_record_is_imported_or_accounted_for(
    records: list[str], imported: ImportReport
) -> None:
    left_out = [number(where) for where, _ in imported.skipped + imported.duplicates]
    assert len(imported.questions) + len(left_out) == len(records)
    assert len(set(left_out)) == len(left_out) and all(1 <= n <= len(records) for n in left_out)
    assert all(why and unexpected() not in why for _, why in imported.skipped)
    # Judges are exactly the kept records whose options are 正确 and 错误; the rest are single.
    kept = [key for n, key in enumerate(records, start=1) if n not in set(left_out)]
    judges = sum(sorted(options_of(key)) == sorted(JUDGE) for key in kept)
    kinds = Counter(str(q["type"]) for q in imported.questions)
    assert kinds == Counter({"judge": judges, "single": len(kept) - judges})
    assert judges > 0 and len(kept) > judges


def test_duplicates_repeat_an_earlier_record(records: list[str], imported: ImportReport) -> None:
    for where, what in imported.duplicates:
        found = re.fullmatch(r"the same question as (record \d+)( \(with another answer\))?", what)
        assert found, what
        later, first = records[number(where) - 1], records[number(found[1]) - 1]
        assert number(found[1]) < number(where)
        # The same prompt and options, but for width, case and spacing.
        assert same_form(later) == same_form(first), (where, what)


def test_blanks_and_whitespace(imported: ImportReport) -> None:
    prompts = [str(q["prompt"]) for q in imported.questions]
    assert not any("\u00a0" in p or "\u3000" in p or "  " in p for p in prompts)
    assert sum("____" in p for p in prompts) > len(prompts) // 2
    by_prompt = {str(q["prompt"]): q for q in imported.questions}
    assert "京剧最基本的两种声腔为____、____。" in by_prompt  # two runs, two blanks
    # A run with spaces around it is one blank; a lone no-break space is a space.
    assert "根据《地图管理条例》，出版地图的，由____送审。" in by_prompt
    judge = by_prompt["长颈鹿属于鹿类，这种说法是____的。"]
    assert judge["type"] == "judge" and judge["answer"] is False and "options" not in judge


def test_ids_are_valid_unique_and_stable(tiku: str, imported: ImportReport) -> None:
    ids = [str(q["id"]) for q in imported.questions]
    assert len(set(ids)) == len(ids)
    assert all(re.match(ID_PATTERN, i) and re.fullmatch(r"xxqg-[0-9a-f]{10}", i) for i in ids)
    assert [q["id"] for q in read_xxqg(tiku).questions] == ids
    # Ids of earlier imports (the same hash of prompt and options) are kept.
    assert "xxqg-16d3078df5" in ids


def test_the_written_bank_validates_and_plays(imported: ImportReport, tmp_path: Path) -> None:
    text = bank_yaml(imported.questions, section="学习强国题库", origin=str(TIKU))
    assert text.splitlines()[:3] == [
        "# yaml-language-server: $schema=schema.json",
        f"origin: {TIKU}",
        "section: 学习强国题库",
    ]
    (tmp_path / "xxqg.yaml").write_text(text, encoding="utf-8")
    bank = load_bank([tmp_path])
    assert bank.errors == []
    assert len(bank.questions) == len(imported.questions)
    assert {q.type for q in bank.questions} == {QuestionType.SINGLE, QuestionType.JUDGE}
    daily = plan(Mode.DAILY, bank.questions, user="u", today=date(2026, 1, 1), seed=1)
    assert len(daily.questions) == 5


def test_cli_import_writes_a_bank_that_plays(imported: ImportReport, tmp_path: Path) -> None:
    out = tmp_path / "bank" / "xxqg.yaml"
    result = CliRunner().invoke(
        cli, ["--lang", "en", "import", str(TIKU), "--format", "xxqg", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert f"imported {len(imported.questions)}" in result.stdout
    assert f"origin: {TIKU.resolve()}" in out.read_text(encoding="utf-8")
    bank = load_bank([out.parent])
    assert bank.errors == [] and len(bank.questions) == len(imported.questions)
    challenge = plan(Mode.CHALLENGE, bank.questions, user="u", today=date(2026, 1, 1), seed=1)
    assert len(challenge.questions) == len(bank.questions)


def test_progress_is_reported(records: list[str], tiku: str) -> None:
    calls: list[tuple[int, int]] = []
    read_xxqg(tiku, lambda done, total: calls.append((done, total)))
    total = len(records)
    assert calls[0] == (min(500, total), total) and calls[-1] == (total, total)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)


def test_cli_refuses_an_input_with_nothing_to_import(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("oops", encoding="utf-8")
    result = CliRunner().invoke(
        cli,
        ["--lang", "en", "import", str(bad), "--format", "xxqg", "-o", str(tmp_path / "o.yaml")],
    )
    assert result.exit_code == 1 and "no question could be imported" in result.output
    assert "Traceback" not in result.output


# -- small records ----------------------------------------------------------------------------


def test_mapping_of_single_and_judge_records() -> None:
    report = read(
        {
            f"问题一{NBSP8}是什么？|甲|乙": "乙",
            f"这种说法是{NBSP8}的。|正确|错误": "正确",
            "题二|错误|正确": "错误",
            "LED灯比白炽灯节能。|不正确|正确": "正确",
        }
    )
    assert report.skipped == [] and report.duplicates == []
    first, second, third, fourth = report.questions
    assert first == {"id": first["id"], "type": "single", "prompt": "问题一____是什么？",
                     "options": ["甲", "乙"], "answer": "乙", "tags": ["学习强国"]}  # fmt: skip
    assert (second["type"], second["prompt"], second["answer"]) == (
        "judge",
        "这种说法是____的。",
        True,
    )
    assert (third["type"], third["answer"]) == ("judge", False)
    assert fourth["type"] == "single"  # 不正确/正确 is an ordinary choice


def test_answers_match_options_as_answers_compare() -> None:
    report = read({"题|ＡＢＣ|DEF": "abc", "题二|一\u00a0二|三": "一 二"})
    assert [q["answer"] for q in report.questions] == ["ＡＢＣ", "一 二"]


def test_same_content_same_id_and_duplicates_reported() -> None:
    records = {"题三|甲|乙": "甲", "题三 |乙|甲": "甲", "题三|甲|乙|丙": "甲", "题三：|甲|乙": "乙"}
    report = read(records)
    assert len(report.questions) == 3
    assert report.duplicates == [("record 2", "the same question as record 1")]
    again = read({"题三|乙|甲": "甲"})
    assert again.questions[0]["id"] == report.questions[0]["id"]


def test_a_repeat_with_another_answer_is_flagged() -> None:
    report = read({"题|甲|乙": "甲", "题：|甲|乙": "乙", "题:|乙|甲": "甲"})
    assert report.duplicates == [
        ("record 3", "the same question as record 2 (with another answer)")
    ]
    assert len(report.questions) == 2


@pytest.mark.parametrize(
    ("text", "where", "reason"),
    [
        ("not json", "file", "not JSON"),
        ("[1, 2]", "file", "one JSON object"),
        ("[" * 100_000, "file", "not JSON"),
        # From here on, the bank parser's own messages (issue 15: one validator).
        ('{"题|甲|乙": "丙"}', "record 1", "answer “丙” is not one of the options"),
        ('{"题|正确|错误": "丙"}', "record 1", "answer “丙” is not one of the options"),
        ('{"题|甲|乙": 1}', "record 1", "must be the text of the right option"),
        ('{"题|甲": "甲"}', "record 1", "does not have the form"),
        ('{"|甲|乙": "甲"}', "record 1", "prompt: must not be empty"),
        ('{"题|甲|甲": "甲"}', "record 1", "option “甲” appears twice"),
        ('{"题|a|b|c|d|e|f|g": "a"}', "record 1", "this one has 7"),
        ('{"题\\ud800|甲|乙": "甲"}', "record 1", "lone surrogates"),
    ],
)
def test_bad_input_is_reported_never_raised(text: str, where: str, reason: str) -> None:
    report = read_xxqg(text)
    assert report.questions == [] and len(report.skipped) == 1
    assert report.skipped[0][0] == where and reason in report.skipped[0][1]
    assert unexpected() not in report.skipped[0][1]
