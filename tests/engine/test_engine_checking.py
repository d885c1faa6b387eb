"""Answer checking per type: NFKC, trimming, case folding; exact sets and sequences."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from quiz.bank.models import QuestionType as QT
from quiz.engine.checking import is_correct, shown_answer
from tests.factories import question


def test_single_ignores_width_space_and_case() -> None:
    q = question("a")
    assert is_correct(q, ("乙",))
    assert is_correct(q, (" 乙 ",))
    assert not is_correct(q, ("甲",))
    assert not is_correct(q, ("乙", "甲"))
    assert not is_correct(q, ())


def test_full_width_digits_match_half_width() -> None:
    q = question("f", QT.FILL)
    assert is_correct(q, ("８", "１９０"))
    assert is_correct(q, ("八", "190"))
    assert not is_correct(q, ("9", "190"))
    assert not is_correct(q, ("8",))


def test_multiple_needs_the_exact_set() -> None:
    q = question("m", QT.MULTIPLE)
    assert is_correct(q, ("丙", "甲"))
    assert not is_correct(q, ("甲",))
    assert not is_correct(q, ("甲", "丙", "乙"))
    assert not is_correct(q, ("甲", "甲", "丙"))


def test_order_needs_the_exact_sequence() -> None:
    q = question("o", QT.ORDER)
    assert is_correct(q, ("一", "二", "三", "四"))
    assert not is_correct(q, ("二", "一", "三", "四"))
    assert not is_correct(q, ("一", "二", "三"))


def test_judge() -> None:
    q = question("j", QT.JUDGE)
    assert is_correct(q, ("正确",))
    assert not is_correct(q, ("错误",))


def test_shown_answer_lists_fill_alternatives() -> None:
    assert shown_answer(question("f", QT.FILL)) == "8 / 八；190"
    assert shown_answer(question("o", QT.ORDER)) == "一 → 二 → 三 → 四"


@given(st.text(alphabet="ABCabcxyz0123456789", min_size=1, max_size=8))
def test_case_width_and_padding_never_matter(text: str) -> None:
    q = question("f", QT.FILL)._replace(answer=("8", text), accepted=(("8",), (text,)))
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in text)  # ＡＢＣ１２３
    for variant in (text.upper(), text.lower(), full_width, f"  {text}\t"):
        assert is_correct(q, ("8", variant))
    assert not is_correct(q, ("8", text + "z"))
