"""GIFT, Aiken and CSV: Moodle's own samples, round trips, and bad input never raising."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quiz.bank import Question, QuestionType, load_bank
from quiz.bank.formats import (
    IMPORTERS,
    bank_yaml,
    read_aiken,
    read_csv,
    read_gift,
    write_aiken,
    write_csv,
    write_gift,
)
from quiz.bank.models import JUDGE_OPTIONS
from quiz.cli import cli
from tests.conftest import BANK, REPO

SAMPLES = REPO / "tests" / "data" / "formats"


def test_gift_sample_from_moodle() -> None:
    report = read_gift((SAMPLES / "moodle-sample.gift").read_text(encoding="utf-8"))
    by_id = {q["id"]: q for q in report.questions}
    assert by_id["Q1"] == {"type": "judge", "prompt": "1+1=2", "answer": True, "id": "Q1"}
    assert by_id["Q2"]["options"] == ["yellow", "red", "blue"] and by_id["Q2"]["answer"] == "yellow"
    assert by_id["Q3"]["prompt"] == "Two plus ____ equals four."
    assert by_id["Q3"]["answer"] == [["two", "2"]]
    assert by_id["Q9"]["type"] == "multiple" and by_id["Q9"]["answer"] == ["Grant", "Grant's wife"]
    assert str(by_id["Q10"]["prompt"]).startswith("文章发布于 10:21。")  # \: unescaped
    assert by_id["Q10"]["explanation"] == "共8次，并赴中共五大会址、武船现场教学。"
    reasons = [why for _, why in report.skipped]
    assert sum("numerical" in r for r in reasons) == 3
    assert any("matching" in r for r in reasons) and any("essay" in r for r in reasons)
    assert any("description" in r for r in reasons)


def test_aiken_sample_from_moodle() -> None:
    report = read_aiken((SAMPLES / "moodle-sample.aiken").read_text(encoding="utf-8"))
    assert [q["answer"] for q in report.questions] == ["Must be this one!", "Moodle", "190场"]
    assert report.skipped == [("line 23", "no ANSWER: line")]


@pytest.mark.parametrize("fmt", ["gift", "aiken", "csv"])
def test_cli_import_validates_and_plays(tmp_path: Path, fmt: str) -> None:
    source = SAMPLES / f"moodle-sample.{fmt}" if fmt != "csv" else tmp_path / "bank.csv"
    if fmt == "csv":
        source.write_text(write_csv(load_bank([BANK]).questions), encoding="utf-8")
    out = tmp_path / "out" / "imported.yaml"
    result = CliRunner().invoke(
        cli, ["--lang", "en", "import", str(source), "--format", fmt, "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "imported" in result.stdout
    bank = load_bank([out.parent])
    assert bank.errors == [] and bank.questions


@pytest.mark.parametrize("fmt", ["gift", "aiken", "csv"])
def test_cli_export_then_import_gives_the_same_questions(tmp_path: Path, fmt: str) -> None:
    exported = tmp_path / f"bank.{fmt}"
    result = CliRunner().invoke(
        cli, ["--lang", "en", "export", "--format", fmt, "-o", str(exported)]
    )
    assert result.exit_code == 0, result.output
    report = IMPORTERS[fmt](exported.read_text(encoding="utf-8"))
    original = {q.id: q for q in load_bank([BANK]).questions}
    assert report.skipped == [] and report.questions
    for record in report.questions:
        if fmt == "aiken":  # Aiken has no ids: match on the prompt
            match = next(q for q in original.values() if q.prompt == record["prompt"])
        else:
            match = original[str(record["id"])]
        assert record["prompt"] == match.prompt
        assert record["type"] == match.type.value


# -- round trips (property) ----------------------------------------------------------------

TEXT = (
    st.text(
        alphabet=st.sampled_from(list("党史学习武汉红色abcXYZ019 ，。“”《》-~=#{}:%!?")),
        min_size=1,
        max_size=14,
    )
    .map(str.strip)
    .filter(bool)
)


@st.composite
def questions(draw: st.DrawFn, kinds: tuple[QuestionType, ...]) -> Question:
    kind = draw(st.sampled_from(kinds))
    prompt = draw(TEXT)
    options: tuple[str, ...] = ()
    answer: tuple[str, ...]
    accepted = None
    if kind in (QuestionType.SINGLE, QuestionType.MULTIPLE):
        options = tuple(draw(st.lists(TEXT, min_size=2, max_size=6, unique_by=str.casefold)))
        count = 1 if kind is QuestionType.SINGLE else draw(st.integers(1, len(options)))
        answer = options[:count]
    elif kind is QuestionType.JUDGE:
        options, answer = JUDGE_OPTIONS, (draw(st.sampled_from(JUDGE_OPTIONS)),)
    else:
        prompt = f"{prompt} ____ {draw(TEXT)}"
        texts = tuple(draw(st.lists(TEXT, min_size=1, max_size=3, unique=True)))
        answer, accepted = (texts[0],), (texts,)
    qid = "q-" + str(draw(st.integers(0, 10**6)))
    return Question(qid, kind, prompt, options, answer, accepted, draw(TEXT), "", (), 2,
                    "导入", None, "x.yaml", 1)  # fmt: skip


def same(record: dict[str, object], question: Question, *, ids: bool = True) -> None:
    if ids:
        assert record["id"] == question.id
    assert record["type"] == question.type.value
    assert " ".join(str(record["prompt"]).split()) == " ".join(question.prompt.split())
    if question.type in (QuestionType.SINGLE, QuestionType.MULTIPLE):
        assert set(record["options"]) == set(question.options)  # type: ignore[call-overload]
        answers = record["answer"] if isinstance(record["answer"], list) else [record["answer"]]
        assert set(answers) == set(question.answer)
    elif question.type is QuestionType.JUDGE:
        assert record["answer"] == (question.answer == ("正确",))
    else:
        assert record["answer"] == [list(question.accepted[0])]  # type: ignore[index]


ALL = (QuestionType.SINGLE, QuestionType.MULTIPLE, QuestionType.JUDGE, QuestionType.FILL)
ROUND = settings(max_examples=60, deadline=None)


@ROUND
@given(st.lists(questions(ALL), min_size=1, max_size=5, unique_by=lambda q: q.id))
def test_gift_round_trip(batch: list[Question]) -> None:
    text, skipped = write_gift(batch)
    assert skipped == []
    report = read_gift(text)
    assert report.skipped == [] and len(report.questions) + len(report.duplicates) == len(batch)
    for record in report.questions:
        same(record, next(q for q in batch if q.id == record["id"]))


@ROUND
@given(st.lists(questions(ALL), min_size=1, max_size=5, unique_by=lambda q: q.id))
def test_csv_round_trip(batch: list[Question]) -> None:
    report = read_csv(write_csv(batch))
    assert report.skipped == []
    for record in report.questions:
        same(record, next(q for q in batch if q.id == record["id"]))


@ROUND
@given(
    st.lists(
        questions((QuestionType.SINGLE,)), min_size=1, max_size=5, unique_by=lambda q: q.prompt
    )
)
def test_aiken_round_trip(batch: list[Question]) -> None:
    text, skipped = write_aiken(batch)
    assert skipped == []
    report = read_aiken(text)
    assert report.skipped == []
    for record in report.questions:
        same(record, next(q for q in batch if q.prompt == record["prompt"]), ids=False)


# -- fuzz: any input gives questions or clean reasons ----------------------------------------

FUZZ = settings(max_examples=150, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
NOISE = st.lists(
    st.sampled_from([*'{}=~#%:->|,\n"ABCD.)題1 T', "ANSWER: ", "::"]), max_size=120
).map("".join)


@FUZZ
@given(NOISE, st.sampled_from(sorted(IMPORTERS)))
def test_fuzz_importers(text: str, fmt: str) -> None:
    report = IMPORTERS[fmt](text)
    for where, why in [*report.skipped, *report.duplicates]:
        assert where and why
    for question in report.questions:
        assert question["id"] and question["type"] and question["prompt"]


def test_fuzzed_imports_that_succeed_write_valid_yaml(tmp_path: Path) -> None:
    text = (SAMPLES / "moodle-sample.gift").read_text(encoding="utf-8")
    report = read_gift(text)
    (tmp_path / "b.yaml").write_text(bank_yaml(report.questions, section="s", origin="o"), "utf-8")
    assert load_bank([tmp_path]).errors == []
