"""Traditional Chinese read as simplified (OpenCC's t2s): derive's rules read simplified words,
and so do the players of a simplified quiz. A page in traditional characters (棗莊供電公司) is
read as 枣庄供电公司; its quotes stay the page's own words."""

from __future__ import annotations

from functools import cache

import opencc


@cache
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def simplified(text: str) -> str:
    return str(_converter().convert(text))
