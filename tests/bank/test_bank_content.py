"""The bundled bank: valid, big enough, every quote verbatim, every number of the article asked."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from quiz.bank.loader import load_bank
from quiz.bank.models import Bank, QuestionType
from quiz.bank.seeds import load_article
from quiz.bank.text import without_whitespace
from tests.conftest import ARTICLE, BANK

NUMBER = re.compile(r"\d+(?:\.\d+)?")


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank([BANK])


def test_bank_is_valid(bank: Bank) -> None:
    assert [str(e) for e in bank.errors] == []


def test_bank_size_and_mix(bank: Bank) -> None:
    """At least a hundred questions (issue 30), one per fact rather than clusters."""
    counts = Counter(q.type for q in bank.questions)
    assert 100 <= len(bank.questions) <= 130
    for kind in (QuestionType.SINGLE, QuestionType.MULTIPLE, QuestionType.JUDGE, QuestionType.FILL):
        assert counts[kind] >= 15, kind
    # Only where the article numbers a sequence (一是/二是/三是): it numbers one, asked once.
    assert counts[QuestionType.ORDER] >= 1


def test_every_quote_is_verbatim_in_its_article(bank: Bank) -> None:
    article = without_whitespace(ARTICLE.read_text(encoding="utf-8"))
    for question in bank.questions:
        assert question.source and question.source.endswith(ARTICLE.name)
        assert question.quotes, question.id
        for quote in question.quotes:
            assert without_whitespace(quote) in article, question.id


def test_every_number_of_the_article_is_a_correct_answer(bank: Bank) -> None:
    body = load_article(ARTICLE).body
    in_article = set(NUMBER.findall(body))
    assert len(in_article) >= 15  # the article is full of figures; the extraction must see them
    answered: set[str] = set()
    for question in bank.questions:
        texts = list(question.answer)
        for accepted in question.accepted or ():
            texts.extend(accepted)
        for text in texts:
            answered.update(NUMBER.findall(text))
    assert sorted(in_article - answered, key=float) == []


def test_questions_teach_something(bank: Bank) -> None:
    for question in bank.questions:
        assert len(question.explanation) >= 8, question.id
        assert not re.search(r"答案是?[A-F]\b", question.explanation), question.id


def test_difficulty_is_spread(bank: Bank) -> None:
    counts = Counter(q.difficulty for q in bank.questions)
    for level in (1, 2, 3):
        assert counts[level] >= len(bank.questions) // 6, counts


def test_each_part_of_the_article_has_questions(bank: Bank) -> None:
    sections = {q.section for q in bank.questions}
    for part in ("一领", "两用", "三加强"):
        assert any(part in section for section in sections), part


def test_every_bank_file_declares_the_schema() -> None:
    for path in sorted(BANK.glob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=schema.json", path.name
