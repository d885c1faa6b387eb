"""Round trips (property tests): valid questions exported then imported come back the same —
GIFT and CSV for every type they carry, Aiken for single choice — and whatever an importer
keeps, `bank_yaml` writes a file the bank loader accepts."""

from __future__ import annotations

import csv
import io
import re

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from quiz.bank.filereader import load_file
from quiz.bank.formats import bank_yaml, read_aiken, read_csv, read_gift, write_csv, write_gift
from quiz.bank.formats.aiken import write_aiken
from quiz.bank.formats.common import same_question_key, unexpected
from quiz.bank.formats.gift_write import gift_left_out
from quiz.bank.models import Question, QuestionType
from quiz.bank.parse import FileContext, QuestionParser, Reporter

FILE_SECTION = "导入"


def parse(mapping: dict[str, object]) -> Question | None:
    """The question the bank validator makes of a mapping (None when it refuses it)."""
    reporter = Reporter("t.yaml", None)
    context = FileContext("t.yaml", FILE_SECTION, None)
    return QuestionParser(context, reporter).parse(mapping, 0, 1)


def question(**fields: object) -> Question:
    """A validated question from bank-format fields (for hand-written test cases)."""
    made = parse(fields)
    assert made is not None, fields
    return made


# -- strategies --------------------------------------------------------------------------------

CHINESE = "党史学习教育武汉红色资源一领两用三加强“”《》，。：？！、"
ASCII = "abcXYZ019 .,;!?'\"()-+*/@&%$"
GIFT_SPECIAL = "~=#{}:\\[]|_"
ALPHABET = CHINESE + ASCII + GIFT_SPECIAL


def texts(*, newlines: bool = False) -> st.SearchStrategy[str]:
    alphabet = ALPHABET + ("\n" if newlines else "")
    return st.text(alphabet=alphabet, min_size=1, max_size=12).map(str.strip).filter(bool)


IDS = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,11}", fullmatch=True)
SECTIONS = st.text(alphabet=CHINESE + "abc ·-", min_size=1, max_size=8).map(str.strip).filter(bool)


@st.composite
def questions(
    draw: st.DrawFn, kinds: tuple[QuestionType, ...], *, newlines: bool = True
) -> Question:
    """Valid questions (the validator makes them) of the given kinds, every optional field."""
    kind = draw(st.sampled_from(kinds))
    text = texts(newlines=newlines)
    fields: dict[str, object] = {"id": draw(IDS), "type": kind.value, "prompt": draw(text)}
    if kind in (QuestionType.SINGLE, QuestionType.MULTIPLE, QuestionType.ORDER):
        low = 3 if kind is QuestionType.ORDER else 2
        options = draw(st.lists(texts(), min_size=low, max_size=6))
        fields["options"] = options
        if kind is QuestionType.SINGLE:
            fields["answer"] = draw(st.sampled_from(options))
        elif kind is QuestionType.MULTIPLE:
            fields["answer"] = draw(st.lists(st.sampled_from(options), min_size=1, unique=True))
    elif kind is QuestionType.JUDGE:
        fields["answer"] = draw(st.booleans())
    else:
        blanks = draw(st.integers(1, 3))
        around = st.text(
            alphabet=ALPHABET.replace("_", "") + ("\n" if newlines else ""), max_size=6
        )
        parts = [draw(around) for _ in range(blanks + 1)]
        fields["prompt"] = "____".join(parts).strip() or "____"
        fields["answer"] = [
            draw(st.lists(texts(), min_size=1, max_size=3, unique=True)) for _ in range(blanks)
        ]
    if draw(st.booleans()):
        fields["explanation"] = draw(text)
    fields["tags"] = draw(st.lists(texts(), max_size=3, unique=True))
    fields["difficulty"] = draw(st.sampled_from([1, 2, 3]))
    fields["section"] = draw(SECTIONS)
    made = parse(fields)
    assume(made is not None)
    assert made is not None
    return made


def batches(
    kinds: tuple[QuestionType, ...], *, newlines: bool = True
) -> st.SearchStrategy[list[Question]]:
    # Distinct ids, and no two the same question (an importer would report the second).
    return st.lists(
        questions(kinds, newlines=newlines),
        min_size=1,
        max_size=5,
        unique_by=(lambda q: q.id, lambda q: same_question_key(mapping_key(q))),
    )


def mapping_key(q: Question) -> dict[str, object]:
    options = list(q.options) if q.type is not QuestionType.FILL else []
    return {"type": q.type.value, "prompt": q.prompt, "options": options}


ALL = tuple(QuestionType)
ROUND = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def same(record: dict[str, object], original: Question, *, carried: set[str]) -> None:
    """The imported record is the original question, for the fields the format carries."""
    back = parse(record)
    assert back is not None, record
    assert (back.type, back.prompt) == (original.type, original.prompt)
    if original.type is QuestionType.ORDER:
        assert back.options == original.options
    else:
        assert set(back.options) == set(original.options)
    assert set(back.answer) == set(original.answer)
    assert back.accepted == original.accepted
    for name in carried:
        assert getattr(back, name) == getattr(original, name), name


# -- round trips ---------------------------------------------------------------------------------


@ROUND
@given(batches(ALL))
def test_gift_round_trip(batch: list[Question]) -> None:
    left_out = [
        q.id
        for q in batch
        if q.type is QuestionType.ORDER
        or (q.type is QuestionType.FILL and (len(q.answer) > 1 or "->" in str(q.accepted)))
    ]
    assert gift_left_out(batch) == left_out
    report = read_gift(write_gift(batch))
    assert report.skipped == [] and report.duplicates == []
    kept = [q for q in batch if q.id not in left_out]
    assert [r["id"] for r in report.questions] == [q.id for q in kept]
    for record, original in zip(report.questions, kept, strict=True):
        same(record, original, carried={"explanation", "section"})


@ROUND
@given(batches(ALL))
def test_csv_round_trip(batch: list[Question]) -> None:
    report = read_csv(write_csv(batch))
    assert report.skipped == [] and report.duplicates == []
    assert [r["id"] for r in report.questions] == [q.id for q in batch]
    for record, original in zip(report.questions, batch, strict=True):
        same(record, original, carried={"explanation", "section", "tags", "difficulty"})


def aiken_can_carry(q: Question) -> bool:
    lines = any("\n" in t for t in (q.prompt, *q.options))
    looks_like_a_label = re.match(r"[A-Z][.)]|ANSWER:", q.prompt) is not None
    return not lines and not looks_like_a_label and len(q.prompt) >= 2


@ROUND
@given(batches((QuestionType.SINGLE,)))
def test_aiken_round_trip(batch: list[Question]) -> None:
    text, skipped = write_aiken(batch)
    kept = [q for q in batch if aiken_can_carry(q)]
    assert skipped == [q.id for q in batch if not aiken_can_carry(q)]
    report = read_aiken(text)
    assert report.skipped == [] and report.duplicates == []
    assert len(report.questions) == len(kept)
    for record, original in zip(report.questions, kept, strict=True):
        same(record, original, carried=set())
    # Aiken has no ids: each is a hash of the content, the same on every import.
    assert [r["id"] for r in read_aiken(text).questions] == [r["id"] for r in report.questions]


def test_aiken_leaves_out_other_types() -> None:
    judge = question(id="j", type="judge", prompt="陈述", answer=True)
    assert write_aiken([judge]) == ("", ["j"])


# -- whatever is imported loads ------------------------------------------------------------------

ANY_TEXT = st.text(max_size=10)  # any code point: controls, surrogates, line separators…


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(["single", "judge", "fill"]), ANY_TEXT, ANY_TEXT,
                          ANY_TEXT, ANY_TEXT), min_size=1, max_size=4))  # fmt: skip
def test_whatever_is_imported_writes_a_valid_bank(
    tmp_path_factory: pytest.TempPathFactory, rows: list[tuple[str, str, str, str, str]]
) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["type", "prompt", "options", "answer", "explanation"])
    for kind, prompt, option, answer, explanation in rows:
        if kind == "fill":
            prompt += " ____"
        elif kind == "judge":
            answer = "正确"
        writer.writerow([kind, prompt, f"{option}|{answer}" if kind == "single" else "", answer,
                         explanation])  # fmt: skip
    report = read_csv(buffer.getvalue())
    assert not any(unexpected() in why for _, why in report.skipped)
    assume(report.questions)
    path = tmp_path_factory.mktemp("bank") / "imported.yaml"
    path.write_text(bank_yaml(report.questions, section="s", origin="o"), encoding="utf-8")
    loaded, errors = load_file(path)
    assert errors == [] and loaded is not None
    assert [q.id for q in loaded.questions] == [q["id"] for q in report.questions]
    for record, back in zip(report.questions, loaded.questions, strict=True):
        assert back.prompt == record["prompt"]
