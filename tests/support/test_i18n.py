"""Both catalogs say the same things: same keys, same placeholders."""

from __future__ import annotations

import string

import pytest

from quiz import i18n
from quiz.i18n import en, zh

CATALOGS = {"zh": zh.MESSAGES, "en": en.MESSAGES}


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_catalogs_have_the_same_keys() -> None:
    assert sorted(set(zh.MESSAGES) ^ set(en.MESSAGES)) == []


@pytest.mark.parametrize("lang", sorted(CATALOGS))
def test_placeholders_match(lang: str) -> None:
    """Every key of the catalog has the same placeholders in the other one; all the keys that
    do not are listed at once."""
    messages = CATALOGS[lang]
    [other] = [name for name in CATALOGS if name != lang]
    bad = []
    for key in sorted(messages):
        if key not in CATALOGS[other]:
            bad.append(f"{key}: not in {other}")
            continue
        try:
            ours = placeholders(messages[key])
        except ValueError as error:  # a template str.format cannot read
            bad.append(f"{key}: {error}")
            continue
        try:
            theirs = placeholders(CATALOGS[other][key])
        except ValueError:
            continue  # the other catalog's test names it
        if ours != theirs:
            bad.append(f"{key}: {lang} {sorted(ours)} but {other} {sorted(theirs)}")
    assert bad == [], f"{len(bad)} of {len(messages)} keys of {lang}:\n" + "\n".join(bad)


@pytest.mark.parametrize(
    ("given", "expected"),
    [("zh_CN.UTF-8", "zh"), ("EN", "en"), ("en-US", "en"), ("fr", None), ("", None), (None, None)],
)
def test_language_spellings(given: str | None, expected: str | None) -> None:
    assert i18n.normalise_language(given) == expected


def test_language_comes_from_flag_then_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUIZ_LANG", "en")
    assert i18n.resolve_language(None) == "en"
    assert i18n.resolve_language("zh") == "zh"
    monkeypatch.delenv("QUIZ_LANG")
    monkeypatch.setenv("LANG", "en_US.UTF-8")  # the system locale is deliberately ignored
    assert i18n.resolve_language(None) == "zh"


def test_terms_are_translated() -> None:
    i18n.set_language("zh")
    assert i18n.t(
        "bank.wrong_type", expected=i18n.Term("kind.text"), actual=i18n.Term("kind.list")
    ) == ("类型错误：应为文字，实际是列表")
