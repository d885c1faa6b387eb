"""Aiken as Moodle documents and imports it: single choice, `A.`/`A)` options, `ANSWER: X`."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quiz.bank.formats import bank_yaml, read_aiken, write_aiken
from quiz.bank.formats.common import unexpected
from quiz.bank.loader import load_bank
from tests.bank.test_formats_roundtrip import question
from tests.conftest import REPO

SAMPLE = REPO / "tests" / "data" / "formats" / "aiken-moodle-docs.txt"


def test_sample_from_moodle_docs(tmp_path: Path) -> None:
    report = read_aiken(SAMPLE.read_text(encoding="utf-8"))
    assert [(q["prompt"], q["answer"]) for q in report.questions] == [
        ("What is the correct answer to this question?", "Must be this one!"),
        ("Which LMS has the most quiz import formats?", "Moodle"),
        ("市委宣讲团完成党史专题宣讲多少场？", "190场"),
        ("“一领两用三加强”中的“一领”指的是什么？", "强化理论武装"),  # "A.text": no space needed
        ("A question whose text runs over\ntwo lines of the file", "kept as one question"),
    ]
    assert report.questions[1]["options"] == [
        "Moodle", "ATutor", "Claroline", "Blackboard", "WebCT", "Ilias"
    ]  # fmt: skip
    assert all(str(q["id"]).startswith("aiken-") and q["type"] == "single"
               for q in report.questions)  # fmt: skip
    assert report.skipped == [
        ("line 35", "no ANSWER: line"),
        ("line 39", "ANSWER: names “E”, not one of its options A–B"),
    ]
    assert report.duplicates == [("line 44", "the same question as line 17")]
    (tmp_path / "aiken.yaml").write_text(
        bank_yaml(report.questions, section="Aiken", origin=str(SAMPLE)), encoding="utf-8"
    )
    bank = load_bank([tmp_path])
    assert bank.errors == [] and len(bank.questions) == 5


def test_structure_problems_are_reported() -> None:
    text = (
        "A. an option before any question\n"
        "ANSWER: A\n"
        "Only one option\nA. one\nANSWER: A\n"
        "Options out of order\nA. one\nC. two\nANSWER: A\n"
        "No letter\nA. one\nB. two\nANSWER:\n"
        "Lower-case letter\nA. one\nB. two\nANSWER: b\n"
        "Text after the options\nA. one\nB. two\nmore text\nA. x\nB. y\nANSWER: B\n"
        "Same option twice\nA. 甲\nB. 甲\nANSWER: A\n"
        "x\n"  # shorter than two characters: ignored, as Moodle does
        "Good\r\nA) yes\r\nB) no\r\nANSWER: A"
    )
    report = read_aiken(text)
    assert [q["prompt"] for q in report.questions] == ["more text", "Good"]
    assert report.skipped == [
        ("line 1", "an option with no question before it"),
        ("line 2", "an ANSWER: line with no question before it"),
        ("line 3", "a question needs at least two options (A. …, B. …)"),
        ("line 6", "its options are lettered A, C instead of A, B, C…"),
        ("line 10", "ANSWER: names nothing, not one of its options A–B"),
        ("line 14", "ANSWER: names “b”, not one of its options A–B"),
        ("line 18", "no ANSWER: line"),
        ("line 25", "option “甲” appears twice"),  # the bank parser's message
    ]


def test_a_blank_line_ends_a_question_text() -> None:
    report = read_aiken("A heading, not a question\n\n问题\nA. 甲\nB. 乙\nANSWER: B\n")
    assert report.skipped == [("line 1", "no ANSWER: line")]
    assert report.questions[0]["prompt"] == "问题"


def test_writer() -> None:
    single = question(id="s1", type="single", prompt="几次？", options=["6次", "8次"],
                      answer="8次", explanation="不写入 Aiken")  # fmt: skip
    multiple = question(id="m1", type="multiple", prompt="哪些？", options=["甲", "乙"],
                        answer=["甲"])  # fmt: skip
    two_lines = question(id="s2", type="single", prompt="第一行\n第二行", options=["甲", "乙"],
                         answer="甲")  # fmt: skip
    label = question(id="s3", type="single", prompt="A. looks like an option",
                     options=["甲", "乙"], answer="甲")  # fmt: skip
    text, skipped = write_aiken([single, multiple, two_lines, label])
    assert text == "几次？\nA. 6次\nB. 8次\nANSWER: B\n"
    assert skipped == ["m1", "s2", "s3"]
    assert write_aiken([]) == ("", [])


def test_progress() -> None:
    text = "\n\n".join(f"问题{i}\nA. 甲\nB. 乙\nANSWER: A" for i in range(600))
    calls: list[tuple[int, int]] = []
    report = read_aiken(text, lambda done, total: calls.append((done, total)))
    assert len(report.questions) == 600 and calls == [(500, 600), (600, 600)]


NOISE = st.lists(
    st.sampled_from([*"AB.)\n 甲x", "ANSWER: ", "ANSWER: A", "C) ", "\r\n"]), max_size=80
).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(NOISE)
def test_any_text_gives_questions_or_reasons(text: str) -> None:
    report = read_aiken(text)
    for where, why in [*report.skipped, *report.duplicates]:
        assert where.startswith("line ") and why and unexpected() not in why
