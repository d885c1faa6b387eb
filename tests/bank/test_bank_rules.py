"""The editing rules the bundled bank is held to (issue 16): every figure and named programme
asked, every quote verbatim and holding the whole answer, answer positions spread, fill blanks
that take a figure in any of its usual forms, order questions only over a sequence the article
states (issue 30), no fact asked twice the same way, titles and brands marked as the article
marks them. The rules of issue 30 are in test_bank_editing.py."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from itertools import combinations

import pytest

from quiz.author.numerals import figure_variants, split_figure, unit_after
from quiz.bank.loader import load_bank
from quiz.bank.models import Bank, Question, QuestionType
from quiz.bank.seeds import load_article
from quiz.bank.text import BLANK, normalise_answer, without_whitespace
from tests.conftest import ARTICLE, BANK

QT = QuestionType
MARKED = re.compile(r"“([^“”]{2,})”|《([^《》]{2,})》")
MARKS = "“”‘’《》\"'"
# Terms the article marks that are asked about without being an answer: the three parts'
# labels (each asked for what it stands for) and names asked about through their figure.
ASKED_THROUGH = {
    "一领两用三加强": "zs-027",
    "一领": "zs-027",
    "三加强": "zs-027",
    "两用": "zs-021",
    "大思政课": "zs-021",
    "七一": "yl-007",
    "建党百年红色旅游百条精品线路": "ly-010",
}
# The markers by which an article states a sequence; the last is this article's own numbering of
# its three parts.
ORDINALS = (("一是", "二是", "三是", "四是"), ("第一", "第二", "第三", "第四"),
            ("首先", "其次", "再次", "最后"), ("一领", "两用", "三加强"))  # fmt: skip


@pytest.fixture(scope="module")
def bank() -> Bank:
    loaded = load_bank([BANK])
    assert loaded.errors == []
    return loaded


@pytest.fixture(scope="module")
def article() -> str:
    return without_whitespace(ARTICLE.read_text(encoding="utf-8"))


def plain(text: str) -> str:
    """Text without whitespace and quotation/title marks, for "is this in the quote" checks."""
    return without_whitespace(text).translate({ord(c): None for c in MARKS})


def correct_texts(question: Question) -> list[str]:
    """What a player must produce: the right options, the order's items, each blank's answer."""
    if question.type is QT.JUDGE:
        return []
    return list(question.answer)


def filled(question: Question) -> str:
    parts = BLANK.split(question.prompt)
    text = parts[0]
    for answer, rest in zip(question.answer, parts[1:], strict=True):
        text += answer + rest
    return text


def article_terms() -> list[str]:
    body = load_article(ARTICLE).body
    terms = []
    for match in MARKED.finditer(body):
        term = match.group(1) or match.group(2)
        inside_title = body.rfind("《", 0, match.start()) > body.rfind("》", 0, match.start())
        if not inside_title:
            terms.append(term)
    return list(dict.fromkeys(terms))


def test_every_named_programme_is_asked(bank: Bank) -> None:
    terms = article_terms()
    assert len(terms) >= 40  # the article names many programmes; extraction must see them
    answered = [plain(t) for q in bank.questions for t in correct_texts(q)]
    answered += [plain(filled(q)) for q in bank.questions if q.type is QT.FILL]
    by_id = bank.by_id()
    missing = []
    for term in terms:
        if any(plain(term) in text for text in answered):
            continue
        asking = by_id.get(ASKED_THROUGH.get(term, ""))
        if asking is None or term not in asking.prompt:
            missing.append(term)
    assert missing == []


def test_fill_answers_are_what_is_asked_not_context(bank: Bank) -> None:
    """A fill blank must not be answerable from its own prompt."""
    for question in bank.questions:
        if question.type is QT.FILL:
            rest = plain(BLANK.sub("", question.prompt))
            for answer in question.answer:
                assert plain(answer) not in rest or len(answer) == 1, question.id


def test_every_quote_is_verbatim(bank: Bank, article: str) -> None:
    for question in bank.questions:
        assert question.quotes, question.id
        for quote in question.quotes:
            assert without_whitespace(quote) in article, (question.id, quote)


def test_the_quotes_hold_the_whole_answer(bank: Bank) -> None:
    for question in bank.questions:
        quoted = "".join(plain(quote) for quote in question.quotes)
        for text in correct_texts(question):
            assert plain(text) in quoted, (question.id, text)


def test_single_choice_answers_are_spread_over_the_positions(bank: Bank) -> None:
    singles = [q for q in bank.questions if q.type is QT.SINGLE]
    positions = Counter(q.options.index(q.answer[0]) for q in singles)
    assert positions[0] <= 0.4 * len(singles), positions
    assert max(positions.values()) <= 0.4 * len(singles), positions
    assert len(positions) >= 4, positions


def test_multiple_choice_answers_are_not_always_the_first_options(bank: Bank) -> None:
    multiples = [q for q in bank.questions if q.type is QT.MULTIPLE]
    leading = [q.id for q in multiples if q.options[: len(q.answer)] == q.answer]
    assert len(leading) <= 0.4 * len(multiples), leading


def test_no_fill_prompt_asks_what_the_blank_is(bank: Bank) -> None:
    for question in bank.questions:
        if question.type is QT.FILL:
            assert "空白" not in question.prompt, question.id
            assert not question.prompt.endswith(("？", "?")), question.id


def blanks(question: Question) -> Iterator[tuple[str, tuple[str, ...], str]]:
    """Each blank's answer, its accepted texts, and the prompt text right after it."""
    after = BLANK.split(question.prompt)[1:]
    yield from zip(question.answer, question.accepted or (), after, strict=True)


def test_fill_blanks_accept_a_figure_in_its_usual_forms(bank: Bank) -> None:
    checked = 0
    for question in bank.questions:
        if question.type is not QT.FILL:
            continue
        for answer, accepted, after in blanks(question):
            figure = split_figure(answer)
            if figure is None:
                continue
            number, unit = figure
            wanted = figure_variants(number, unit or unit_after(after))
            if unit[:1] in ("万", "亿"):  # the answer holds its scale: 24 is not 24万
                wanted = [w for w in wanted if unit[0] in w]
            have = {normalise_answer(text) for text in accepted}
            assert [w for w in wanted if normalise_answer(w) not in have] == [], question.id
            checked += 1
    assert checked >= 8  # single-digit figures are asked as choices: a fill would accept 九


def stated_in_order(items: tuple[str, ...], quotes: tuple[str, ...], article: str) -> bool:
    """The article numbers the items (一是…二是…) in the order given: each item follows its
    marker, directly (一是青少年) or in the part the marker opens (一是青少年。……着眼落实立德树人
    根本任务), before the next marker; and the quotes stand in the article in the order given."""
    spans = [plain(q) for q in quotes]
    at = [plain(article).find(span) for span in spans]
    if min(at) < 0 or at != sorted(at):
        return False
    text = "".join(spans)
    for markers in ORDINALS:
        if len(items) > len(markers):
            continue
        heads = [text.find(marker) for marker in markers[: len(items)]]
        ends = [*heads[1:], len(text)]
        places = [text.find(plain(item), head) for item, head in zip(items, heads, strict=True)]
        numbered = min(heads) >= 0 and heads == sorted(heads)
        if numbered and all(h <= p < e for h, p, e in zip(heads, places, ends, strict=True)):
            return True
    return False


def test_order_questions_only_over_a_sequence_the_article_states(bank: Bank, article: str) -> None:
    """Issue 30: not a ranking of figures the article never sequences (yl-019 was one), nor
    parallel sentences the article does not number (ld-010, 流动不流失 … 学习见实效, was one)."""
    orders = [q for q in bank.questions if q.type is QT.ORDER]
    assert orders
    assert [q.id for q in orders if not stated_in_order(q.options, q.quotes, article)] == []


def test_the_order_rule_refuses_a_reordered_or_unnumbered_sequence(
    bank: Bank, article: str
) -> None:
    """The rule can fail: the same items out of the article's order, and three parallel
    sentences the article does not number."""
    for question in [q for q in bank.questions if q.type is QT.ORDER]:
        assert not stated_in_order(question.options[::-1], question.quotes, article)
    slogans = ("“流动不流失”", "“学习不掉队”", "“学习见实效”")
    quotes = tuple(f"让流动党员{slogan}" for slogan in slogans)
    assert not stated_in_order(slogans, quotes, article)


def spans(question: Question, article: str) -> list[range]:
    found = []
    for quote in question.quotes:
        needle = without_whitespace(quote)
        start = article.find(needle)
        found.append(range(start, start + len(needle)))
    return found


def test_no_fact_is_asked_twice_the_same_way(bank: Bank, article: str) -> None:
    seen: dict[tuple[QT, tuple[str, ...]], list[Question]] = {}
    for question in bank.questions:
        key = (question.type, tuple(normalise_answer(a) for a in question.answer))
        seen.setdefault(key, []).append(question)
    twice = []
    for group in seen.values():
        for one, other in combinations(group, 2):
            if any(set(a) & set(b) for a in spans(one, article) for b in spans(other, article)):
                twice.append((one.id, other.id))
    assert twice == []


def bank_texts(question: Question) -> Iterator[str]:
    """The texts a player reads, where the article's marks must be kept (not fill answers)."""
    yield question.prompt
    yield question.explanation
    yield from question.options


def test_titles_and_brands_are_marked_as_the_article_marks_them(bank: Bank) -> None:
    terms = [t for t in article_terms() if len(t) >= 4]
    unmarked = []
    for question in bank.questions:
        for text in bank_texts(question):
            bare = text
            for _ in range(3):  # marks nest: 《战“疫”英雄》, “用好抗疫‘大思政课’”
                bare = re.sub(r"“[^“”]*”|《[^《》]*》|‘[^‘’]*’", "", bare)
            unmarked += [(question.id, term) for term in terms if term in bare]
    assert unmarked == []
