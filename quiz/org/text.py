"""Rules for the roster's untrusted text: names, unit paths, logins. Values are NFC-normalised
so that the same name typed on two machines is one member; control and bidi characters
(quiz.text.safe) are refused rather than cleaned, so that what is stored is what the file said."""

from __future__ import annotations

import re

from quiz.text.names import normal_name
from quiz.text.safe import UnsafeName, check_name

MAX_NAME = 64
MAX_LEVEL = 64
MAX_DEPTH = 12
SEPARATOR = "/"
LOGIN = re.compile(r"[a-z0-9][a-z0-9._-]{0,31}")


class TextProblem(ValueError):
    """`code` is a catalog key; `params` fill it."""

    def __init__(self, code: str, **params: str) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def bad_character(text: str) -> str | None:
    """The first character that may not reach a terminal (quiz.text.safe's rule; a tab or a
    newline neither, in a name), as U+XXXX, or None."""
    try:
        check_name(text)
    except UnsafeName as unsafe:
        return unsafe.char
    return None


def clean_name(raw: str) -> str:
    name = normal_name(raw)
    if not name:
        raise TextProblem("org.empty_name")
    if (bad := bad_character(name)) is not None:
        raise TextProblem("org.control_char", field="name", char=bad)
    if len(name) > MAX_NAME:
        raise TextProblem("org.too_long", field="name", limit=str(MAX_NAME))
    return name


def clean_unit(raw: str) -> str:
    """A unit path with its levels trimmed: `武汉大学 / 计算机学院` → `武汉大学/计算机学院`."""
    text = normal_name(raw)
    if not text:
        raise TextProblem("org.empty_unit")
    if (bad := bad_character(text)) is not None:
        raise TextProblem("org.control_char", field="unit", char=bad)
    levels = [level.strip() for level in text.split(SEPARATOR)]
    if any(not level for level in levels):
        raise TextProblem("org.empty_level")
    if len(levels) > MAX_DEPTH:
        raise TextProblem("org.too_deep", limit=str(MAX_DEPTH))
    if any(len(level) > MAX_LEVEL for level in levels):
        raise TextProblem("org.too_long", field="unit", limit=str(MAX_LEVEL))
    return SEPARATOR.join(levels)


def clean_login(raw: str) -> str | None:
    """Lower-case ASCII login, or None when empty; SSH user names are matched the same way."""
    login = normal_name(raw).lower()
    if not login:
        return None
    if not LOGIN.fullmatch(login):
        raise TextProblem("org.bad_login", login=login if login.isprintable() else repr(login))
    reason = reserved_login(login)
    if reason is not None:
        raise TextProblem("org.login_reserved", login=login, reason=reason)
    return login


RESERVED_LOGINS = frozenset({"public", "none", "current_user", "current_role", "session_user",
                             "user", "all", "postgres", "template0", "template1"})  # fmt: skip
"""Names PostgreSQL gives a meaning of its own (or its usual superuser): a member's database
login may not be one of them."""


def reserved_login(login: str) -> str | None:
    """Why `login` cannot be a member's database login (a PostgreSQL role), or None. Logins
    are at most 32 ASCII characters, well within PostgreSQL's 63 bytes."""
    from quiz.i18n import t

    if login.startswith("pg_"):
        return t("org.reserved_pg")
    if login.startswith("quiz_"):
        return t("org.reserved_quiz")
    if login in RESERVED_LOGINS:
        return t("org.reserved_name")
    return None


def ancestors(path: str) -> list[str]:
    """`a/b/c` → `["a", "a/b", "a/b/c"]`: the unit and every unit above it."""
    levels = path.split(SEPARATOR)
    return [SEPARATOR.join(levels[: i + 1]) for i in range(len(levels))]


def parent(path: str) -> str | None:
    head, sep, _ = path.rpartition(SEPARATOR)
    return head if sep else None
