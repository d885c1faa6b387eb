"""GIFT as Moodle documents and imports it: the documented constructs, what is skipped and why,
escapes, and a writer whose output Moodle's rules read back unchanged."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quiz.bank.formats import bank_yaml, read_gift, write_gift
from quiz.bank.formats.common import unexpected
from quiz.bank.formats.gift_write import escape, gift_left_out
from quiz.bank.loader import load_bank
from tests.bank.test_formats_roundtrip import question
from tests.conftest import REPO

SAMPLE = REPO / "tests" / "data" / "formats" / "gift-moodle-docs.gift"


def sample() -> dict[str, dict[str, object]]:
    report = read_gift(SAMPLE.read_text(encoding="utf-8"))
    return {str(q["id"]): q for q in report.questions}


def test_true_false() -> None:
    q = sample()
    assert q["tf1"] == {"id": "tf1", "type": "judge", "prompt": "1+1=2", "answer": True,
                        "section": "GIFT samples"}  # fmt: skip
    assert (q["tf2"]["answer"], q["tf3"]["answer"]) == (False, True)
    # {FALSE#feedback for a wrong answer#feedback for the right one}
    assert q["tf4"]["answer"] is False
    assert q["tf4"]["explanation"] == "Right: it is a mausoleum."


def test_multiple_choice_and_missing_word() -> None:
    q = sample()
    assert q["mc1"]["options"] == ["yellow", "red", "blue"] and q["mc1"]["answer"] == "yellow"
    assert q["mc1"]["explanation"] == "right; good!"  # the right answer's feedback
    assert q["mw1"]["prompt"] == (
        "The American holiday of Thanksgiving is celebrated on the ____ Thursday of November."
    )
    assert q["pc1"]["type"] == "single" and q["pc1"]["answer"] == "full credit answer"
    kanji = next(v for k, v in q.items() if k.startswith("gift-"))  # "Kanji Origins": no id
    assert kanji["answer"] == "China" and kanji["options"] == ["India", "China", "Korea", "Egypt"]


def test_multiple_answers() -> None:
    q = sample()
    assert q["ma1"]["type"] == "multiple"
    assert q["ma1"]["answer"] == ["Grant", "Grant's wife"]


def test_short_answer_is_fill_with_the_blank_where_the_braces_stand() -> None:
    q = sample()
    assert q["sa1"]["prompt"] == "Two plus ____ equals four."
    assert q["sa1"]["answer"] == [["two", "2"]]
    assert q["sa2"]["prompt"] == "Who's buried in Grant's tomb?____"  # braces end it: appended
    assert q["sa3"]["answer"] == [["8次", "8"]]  # the 50 % answer has no place in a fill


def test_escapes_formats_and_general_feedback() -> None:
    q = sample()
    assert q["sc1"]["options"] == ["= 2 + 2", "= 2 + 3", "= 2 + 4"]
    assert q["sc2"]["prompt"] == "文章发布于 10:21。以下哪个是 GIFT 的控制字符？"
    assert q["sc2"]["options"] == ["\\", "{", "甲"] and q["sc2"]["answer"] == "{"
    assert q["sc2"]["explanation"] == "控制字符有 ~ = # { } :\n要写成字面意思，前面加反斜杠。"
    assert q["fmt1"]["prompt"] == "Who's buried in **Grant's tomb**?____"
    assert q["fmt2"]["prompt"] == "What is 2\u00a0+\u00a02?____"  # [html]: tags and entities
    assert q["gf1"]["explanation"] == "市委宣讲团完成党史专题宣讲190场。"


def test_what_cannot_be_mapped_is_skipped_with_reasons() -> None:
    report = read_gift(SAMPLE.read_text(encoding="utf-8"))
    reasons = dict(report.skipped)
    assert reasons == {
        "line 86": "a matching question: no such type here",
        "line 88": "a numerical question (a number with a tolerance): no such type here",
        "line 90": "a numerical question (a number with a tolerance): no such type here",
        "line 92": "a numerical question (a number with a tolerance): no such type here",
        "line 97": "an essay question (free text) cannot be marked automatically",
        "line 99": "a description (no answer in braces): nothing to ask",
        "line 101": "several answers have full marks; a single-choice question has one right "
        "answer",
        "line 103": "a “{” without its “}” (write \\{ and \\} for literal braces)",
    }
    assert report.duplicates == [("line 49", "the same question as line 41")]
    assert len(report.questions) == 17


def test_imported_sample_validates(tmp_path: Path) -> None:
    report = read_gift(SAMPLE.read_text(encoding="utf-8"))
    text = bank_yaml(report.questions, section="GIFT samples", origin=str(SAMPLE))
    (tmp_path / "gift.yaml").write_text(text, encoding="utf-8")
    bank = load_bank([tmp_path])
    assert bank.errors == [] and len(bank.questions) == 17
    assert "  section:" not in text  # the same as the file's: not repeated per question


def test_moodle_reading_details() -> None:
    text = (
        "\ufeff// a comment\r\n::t1:: Grant is {T} in a tomb.\r\n\r\n"
        "::Not an id:: 一加一等于几？{~1 =2}\r\n\r\n"
        "::t1:: 同名的另一题 {~甲 =乙}\r\n\r\n"
        "::q4:: Line one\n// a comment inside\nline two {=x}\n\n"
        "$CATEGORY: $course$/top/党史/一领\n\n"
        "::q5:: 分类之后 {=a ~b}\n\n"
        "$CATEGORY: $course$/top\n\n"
        "::q6:: 顶层分类 {=a ~b}"
    )
    report = read_gift(text)
    assert report.skipped == [] and report.duplicates == []
    t1, unnamed, renamed, q4, q5, q6 = report.questions
    assert t1["prompt"] == "Grant is ____ in a tomb." and t1["type"] == "judge"
    assert str(unnamed["id"]).startswith("gift-")
    assert str(renamed["id"]).startswith("gift-")  # the title is taken: the content's hash
    assert q4["prompt"] == "Line one\nline two ____"
    assert q5["section"] == "党史/一领" and "section" not in q6


def test_progress_and_ids_stable() -> None:
    text = "\n\n".join(f"题{i} {{=甲 ~乙}}" for i in range(1200))
    calls: list[tuple[int, int]] = []
    report = read_gift(text, lambda done, total: calls.append((done, total)))
    assert calls == [(500, 1200), (1000, 1200), (1200, 1200)]
    assert [q["id"] for q in read_gift(text).questions] == [q["id"] for q in report.questions]
    assert len({q["id"] for q in report.questions}) == 1200


def test_bad_questions_are_reported() -> None:
    cases = {
        "a } before { braces": "a “}” comes before the “{”",
        "one answer only {~a}": "needs at least two answers",
        "no right one {~a ~b}": "no answer has a positive weight",
        "all partial {=%50%a =%25%b}": "no answer has full marks",
        "empty answer {=a ~}": "one of its answers is empty",
        # The bank parser's own messages (issue 15: one validator).
        "two blanks ___ here {=a}": "the prompt has 2 blank(s) (____) but the answer has 1",
        "reserved \ufdd0 char {=a ~b}": "reserved characters",
        "::title:: {=a ~b}": "prompt: must not be empty",
        "选项太多 {=1 ~2 ~3 ~4 ~5 ~6 ~7}": "choice questions need 2–6 options; this one has 7",
        "同样的选项 {=甲 ~Ａ ~a}": "option “a” appears twice",
    }
    for text, reason in cases.items():
        report = read_gift(text)
        assert report.questions == [], text
        assert reason in report.skipped[0][1], (text, report.skipped)


# -- writing ------------------------------------------------------------------------------------


def test_writes_each_type_as_moodle_does() -> None:
    single = question(id="s1", type="single", prompt="几次？", options=["6次", "8次"],
                      answer="8次", explanation="共8次。", section="一领")  # fmt: skip
    multiple = question(id="m1", type="multiple", prompt="哪些？", options=["甲", "乙", "丙"],
                        answer=["甲", "丙"], section="一领")  # fmt: skip
    judge = question(id="j1", type="judge", prompt="武汉在湖北。", answer=True, section="两用")
    fill = question(id="f1", type="fill", prompt="开展了____党史集体学习", answer=[["8次", "8"]],
                    section="两用")  # fmt: skip
    assert write_gift([single, multiple, judge, fill]) == (
        "$CATEGORY: 一领\n\n"
        "::s1:: 几次？ {\n\t~6次\n\t=8次\n\t####共8次。\n}\n\n"
        "::m1:: 哪些？ {\n\t~%50%甲\n\t~%-100%乙\n\t~%50%丙\n}\n\n"
        "$CATEGORY: 两用\n\n"
        "::j1:: 武汉在湖北。 {TRUE}\n\n"
        "::f1:: 开展了{=8次 =8}党史集体学习\n"
    )


def test_escapes_like_moodle() -> None:
    assert escape("a~b=c#d{e}f:g\\h\ni\rj") == "a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h\\nij"


def test_texts_that_look_like_markers_or_weights_survive() -> None:
    tricky = question(id="x1", type="single", prompt="[html]<b>不是 HTML</b>",
                      options=["%50%半对", "[plain]甲", "乙"], answer="%50%半对")  # fmt: skip
    weighted = question(id="x2", type="multiple", prompt="多选", options=["%50%a", "b", "c"],
                        answer=["%50%a"])  # fmt: skip
    fill = question(id="x3", type="fill", prompt="____ 百分比", answer=[["%10%", "[html]x"]])
    text = write_gift([tricky, weighted, fill])
    assert "::x1:: [moodle][html]<b>不是 HTML</b> {" in text
    assert "\t=%50%半对" in text and "\t~[moodle][plain]甲" in text
    report = read_gift(text)
    assert report.skipped == []
    x1, x2, x3 = report.questions
    assert x1["prompt"] == "[html]<b>不是 HTML</b>" and x1["answer"] == "%50%半对"
    assert x1["options"] == ["%50%半对", "[plain]甲", "乙"]
    assert x2["answer"] == ["%50%a"] and x3["answer"] == [["%10%", "[html]x"]]


def test_what_gift_cannot_carry_is_left_out_and_listed() -> None:
    order = question(id="o1", type="order", prompt="排序", options=["一", "二", "三"])
    two = question(id="f2", type="fill", prompt="____ 和 ____", answer=[["a"], ["b"]])
    arrow = question(id="f3", type="fill", prompt="____", answer=[["a->b"]])
    kept = question(id="f4", type="fill", prompt="____", answer=[["a"]])
    batch = [order, two, arrow, kept]
    assert gift_left_out(batch) == ["o1", "f2", "f3"]
    text = write_gift(batch)
    assert text.startswith("// Left out (GIFT has no ordering, nor fill with several blanks): ")
    assert [q["id"] for q in read_gift(text).questions] == ["f4"]
    assert write_gift([]) == ""


# -- fuzz -------------------------------------------------------------------------------------

NOISE = st.lists(
    st.sampled_from(
        [*"{}=~#%:->\\n\n[]T 甲乙1", "::", "####", "%50%", "%-100%", "[html]", "$CATEGORY:", "//"]
    ),
    max_size=80,
).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(NOISE)
def test_any_text_gives_questions_or_reasons(text: str) -> None:
    report = read_gift(text)
    for where, why in [*report.skipped, *report.duplicates]:
        assert where.startswith("line ") and why and unexpected() not in why
