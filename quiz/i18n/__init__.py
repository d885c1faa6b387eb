"""One message catalog for every user-facing string: Simplified Chinese by default, English too.

The language comes from `--lang`, else `QUIZ_LANG`, else Chinese; never from the system locale,
so output is the same on every machine.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from typing import ClassVar


def _catalog(lang: str) -> Mapping[str, str]:
    if lang == "zh":
        from quiz.i18n.zh import MESSAGES
    elif lang == "en":
        from quiz.i18n.en import MESSAGES
    else:
        raise KeyError(lang)
    return MESSAGES


class _Catalogs(Mapping[str, Mapping[str, str]]):
    """The catalogs by language, each imported when first asked for: a Chinese session never
    loads the English one (start-up)."""

    _MODULES: ClassVar[tuple[str, ...]] = ("zh", "en")

    def __init__(self) -> None:
        self._loaded: dict[str, Mapping[str, str]] = {}

    def __getitem__(self, lang: str) -> Mapping[str, str]:
        try:
            return self._loaded[lang]
        except KeyError:
            messages = _catalog(lang)
            self._loaded[lang] = messages
            return messages

    def __iter__(self) -> Iterator[str]:
        return iter(self._MODULES)

    def __len__(self) -> int:
        return len(self._MODULES)

    def __contains__(self, lang: object) -> bool:
        return lang in self._MODULES


CATALOGS: Mapping[str, Mapping[str, str]] = _Catalogs()
DEFAULT_LANGUAGE = "zh"
_current = DEFAULT_LANGUAGE


def normalise_language(value: str | None) -> str | None:
    """Map user spellings (zh_CN, zh-Hans, EN, en_US.UTF-8) to a catalog name, or None."""
    if not value:
        return None
    head = value.strip().lower().replace("_", "-").split("-")[0].split(".")[0]
    return head if head in CATALOGS else None


def resolve_language(flag: str | None = None) -> str:
    return (
        normalise_language(flag)
        or normalise_language(os.environ.get("QUIZ_LANG"))
        or (DEFAULT_LANGUAGE)
    )


def set_language(lang: str) -> None:
    global _current
    _current = normalise_language(lang) or DEFAULT_LANGUAGE


class Term(str):
    """A parameter value that is itself a catalog key (`kind.text`), translated when shown."""


class Plural:
    """A parameter value that is a count with its noun (`count.days`: "{count} days"): shown
    as `key.one` when the count is 1 ("1 day"), else as `key`. Both catalogs have both keys
    (Chinese says them the same)."""

    __slots__ = ("count", "key")

    def __init__(self, key: str, count: int) -> None:
        self.key = key
        self.count = count

    def __str__(self) -> str:
        return t(f"{self.key}.one" if self.count == 1 else self.key, count=self.count)


def t(key: str, /, **params: object) -> str:
    """The message `key` in the current language, with `{name}` placeholders filled."""
    template = CATALOGS[_current].get(key) or CATALOGS[DEFAULT_LANGUAGE][key]
    if not params:
        return template
    shown = {
        name: t(value) if isinstance(value, Term) else str(value) if isinstance(value, Plural)
        else value
        for name, value in params.items()
    }  # fmt: skip
    return template.format(**shown)
