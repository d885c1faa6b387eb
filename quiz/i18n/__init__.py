"""One message catalog for every user-facing string: Simplified Chinese by default, English too.

The language comes from `--lang`, else `QUIZ_LANG`, else Chinese; never from the system locale,
so output is the same on every machine.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from quiz.i18n import en, zh

CATALOGS: Mapping[str, Mapping[str, str]] = {"zh": zh.MESSAGES, "en": en.MESSAGES}
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


def t(key: str, /, **params: object) -> str:
    """The message `key` in the current language, with `{name}` placeholders filled."""
    template = CATALOGS[_current].get(key) or CATALOGS[DEFAULT_LANGUAGE][key]
    if not params:
        return template
    shown = {name: t(value) if isinstance(value, Term) else value for name, value in params.items()}
    return template.format(**shown)
