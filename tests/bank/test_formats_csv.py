"""CSV with a header row: the documented columns and list-cell conventions, every type, and
bad rows skipped with their line number."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quiz.bank.formats import bank_yaml, read_csv, write_csv
from quiz.bank.formats.common import unexpected
from quiz.bank.formats.csv_format import COLUMNS, groups
from quiz.bank.loader import load_bank
from tests.bank.test_formats_roundtrip import question
from tests.conftest import BANK, REPO

SAMPLE = REPO / "tests" / "data" / "formats" / "sample.csv"


def sample() -> dict[str, dict[str, object]]:
    return {str(q["id"]): q for q in read_csv(SAMPLE.read_text(encoding="utf-8")).questions}


def test_every_type() -> None:
    q = sample()
    assert q["csv-001"] == {
        "id": "csv-001", "type": "single", "prompt": "市委理论学习中心组开展了几次党史集体学习？",
        "options": ["6次", "8次", "10次", "12次"], "answer": "8次",
        "explanation": "市委理论学习中心组开展8次党史集体学习。", "section": "一领",
        "tags": ["中心组", "数字"],
    }  # fmt: skip
    assert q["csv-002"]["answer"] == ["红色资源", "抗疫“大思政课”"]
    assert q["csv-002"]["difficulty"] == 3
    assert (q["csv-003"]["type"], q["csv-003"]["answer"]) == ("judge", False)
    assert q["csv-004"]["answer"] == [["190"], ["1732", "1732场"]]
    assert q["csv-005"]["options"] == ["青少年", "“两新组织”党员", "流动党员"]
    assert "answer" not in q["csv-005"] and "difficulty" not in q["csv-005"]


def test_conventions() -> None:
    q = sample()
    by_letter = next(v for k, v in q.items() if k.startswith("csv-") and len(k) == 14)
    assert by_letter["answer"] == "second"  # an empty id: a hash; "B" names the 2nd option
    assert q["csv-007"]["type"] == "single"  # 单选题
    assert q["csv-007"]["options"] == ["a|b", "a/b"] and q["csv-007"]["answer"] == "a|b"
    assert q["csv-008"]["prompt"] == "A prompt on\ntwo lines, letters for the answers"
    assert q["csv-008"]["answer"] == ["x", "z"]  # AC


def test_bad_rows_are_skipped_with_their_line() -> None:
    report = read_csv(SAMPLE.read_text(encoding="utf-8"))
    assert report.skipped == [
        # The bank parser's own messages (issue 15: one validator), then CSV's.
        ("line 11", "answer “c” is not one of the options"),
        ("line 12", "a judge answer is 正确/错误 or true/false, not “maybe”"),
        ("line 13", "the fill prompt has no blank (write ____)"),
        (
            "line 14",
            "there is no question type “essay”; choose one of: single, multiple, judge, "
            "fill, order",
        ),
        (
            "line 15",
            "id “csv 013” may only use letters, digits and - _ . and must start with a "
            "letter or digit",
        ),
        ("line 16", "its id “csv-001” is already used by line 2"),
        ("line 18", "it has 11 cells but the header has 9 columns"),
        ("line 19", "difficulty must be 1, 2 or 3, not 5"),
    ]
    assert report.duplicates == [("line 17", "the same question as line 2")]
    assert len(report.questions) == 8


def test_imported_sample_validates(tmp_path: Path) -> None:
    report = read_csv(SAMPLE.read_text(encoding="utf-8"))
    (tmp_path / "csv.yaml").write_text(
        bank_yaml(report.questions, section="CSV", origin=str(SAMPLE)), encoding="utf-8"
    )
    bank = load_bank([tmp_path])
    assert bank.errors == [] and len(bank.questions) == 8


def test_list_cells() -> None:
    assert groups("8|8次||190") == [["8", "8次"], ["190"]]
    assert groups(" a \\| b | c\\\\ ") == [["a | b", "c\\"]]
    assert groups("a\\|||b") == [["a|"], ["b"]]
    assert groups("C:\\path|x") == [["C:\\path", "x"]]  # a lone backslash is kept
    assert groups("") == [[]]


def test_header_problems_skip_the_file() -> None:
    cases = {
        "": ("file", "the file is empty"),
        "id,type,prompt,optoins\n1,single,q,a|b\n": ("line 1", "unknown column “optoins”"),
        "id,prompt\n1,q\n": ("line 1", "no “type” column"),
        "type,prompt,type\n": ("line 1", "a column appears twice"),
        'type,prompt\nsingle,"unclosed\n': ("line 2", "not CSV"),
    }
    for text, (where, reason) in cases.items():
        report = read_csv(text)
        assert report.questions == [] and report.skipped[0][0] == where, text
        assert reason in report.skipped[0][1], (text, report.skipped)


def test_other_delimiters_header_case_bom_and_column_order() -> None:
    text = "\ufeffPrompt;Type;Answer\n武汉在湖北。;判断;对\n"
    report = read_csv(text)
    assert report.skipped == []
    assert report.questions[0]["type"] == "judge" and report.questions[0]["answer"] is True
    tabbed = read_csv("type\tprompt\tanswer\nfill\t共____场\t190\n")
    assert tabbed.questions[0]["answer"] == [["190"]]


def test_order_answer_may_give_the_sequence() -> None:
    text = "type,prompt,options,answer\norder,排序,三|一|二,一|二|三\norder,排序2,一|二|三,一|二\n"
    report = read_csv(text)
    assert report.questions[0]["options"] == ["一", "二", "三"]
    assert report.skipped == [("line 3", "an order answer, when given, lists every option once, "
                                         "in order")]  # fmt: skip


def test_writer_header_and_the_whole_bank() -> None:
    fill = question(id="f1", type="fill", prompt="____和____", answer=[["8", "8次"], ["a|b"]],
                    tags=["数字", "x|y"], difficulty=3)  # fmt: skip
    judge = question(id="j1", type="judge", prompt="陈述", answer=False)
    text = write_csv([fill, judge])
    assert text.splitlines() == [
        ",".join(COLUMNS),
        "f1,fill,____和____,,8|8次||a\\|b,,数字|x\\|y,3,导入",
        "j1,judge,陈述,,错误,,,2,导入",
    ]
    bank = [q for q in load_bank([BANK]).questions if not q.draft]
    report = read_csv(write_csv(bank))
    assert report.skipped == [] and len(report.questions) == len(bank)


def test_progress() -> None:
    text = "type,prompt,answer\n" + "".join(f"judge,陈述{i},true\n" for i in range(1000))
    calls: list[tuple[int, int]] = []
    read_csv(text, lambda done, total: calls.append((done, total)))
    assert calls == [(500, 1000), (1000, 1000)]


NOISE = st.lists(
    st.sampled_from([*',|"\n\\', "type,prompt,options,answer\n", "single", "fill", "____",
                     "A", "正确", "x"]),
    max_size=60,
).map("".join)  # fmt: skip


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(NOISE)
def test_any_text_gives_questions_or_reasons(text: str) -> None:
    report = read_csv(text)
    for where, why in [*report.skipped, *report.duplicates]:
        assert (where.startswith("line ") or where == "file") and why
        assert unexpected() not in why
