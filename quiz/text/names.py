"""Names as they are compared: two spellings a reader cannot tell apart are one name.

A name (a player's, a member's, a login, a unit's level, a team's) is kept in the form
`normal_name` gives: Unicode NFKC (full-width letters and digits, compatibility forms folded),
zero-width characters removed, surrounding spaces trimmed. So `甲` and `甲` + U+200B, or `乙`
and `乙 `, are one player, and a kicked player cannot come back as a look-alike."""

from __future__ import annotations

import re
import unicodedata

ZERO_WIDTH = re.compile("[\u00ad\u180e\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff]")
"""Soft hyphen, Mongolian vowel separator, zero-width space, (non-)joiner, word joiner,
invisible operators, zero-width no-break space: they draw nothing."""


def normal_name(raw: str) -> str:
    return ZERO_WIDTH.sub("", unicodedata.normalize("NFKC", raw)).strip()
