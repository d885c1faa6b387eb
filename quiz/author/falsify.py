"""Wrong values a false statement can carry: plausible (same unit, nearby size, as round as the
true one) and never true in substance ("超过600万" stays true for 400万, so it takes 900万)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection
from decimal import ROUND_HALF_UP, Decimal

# Words that make a figure a bound, not a value: a wrong value must lie beyond the bound.
_AT_LEAST = re.compile(r"(超过|突破|逾|不少于|至少|多达)$")
_AT_LEAST_AFTER = re.compile(r"^[^\d，,。；;]{0,4}?(余|多|以上|有余)")
_AT_MOST = re.compile(r"(近|将近|不到|不足|少于|接近)$")
_AT_MOST_AFTER = re.compile(r"^[^\d，,。；;]{0,4}?(以下|以内|之内)")
_UP = (Decimal("1.5"), Decimal("2"), Decimal("3"))  # nearest first
_DOWN = (Decimal("0.6"), Decimal("0.5"), Decimal("0.4"))


def _as_round_as(value: Decimal, like: Decimal) -> Decimal:
    """`value` with as many significant digits as `like` (2300 -> 3500, 86 -> 130, 5.6 -> 8.4)."""
    if value <= 0:
        return value
    digits = like.normalize()
    significant = max(1, len(digits.as_tuple().digits))
    exponent = value.adjusted() - significant + 1
    quantum = Decimal(1).scaleb(exponent)
    return value.quantize(quantum, rounding=ROUND_HALF_UP).normalize()


def _plain(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def wrong_figure(
    core: str,
    unit: str,
    before: str,
    after: str,
    taken: Collection[str],
    seed: str,
    between: tuple[float | None, float | None] = (None, None),
) -> str | None:
    """A wrong value for the figure `core` (`before` and `after` are the words around it), none
    of `taken` (the article's own figures: a swap with one of them confuses more than it tests)
    and none beyond the article's own figures of the kind around it (`between`: 已完成8批次 of
    7 answers itself). None when no wrong value is surely wrong ("超过95%" has no room above
    it)."""
    low, high = between
    try:
        value = Decimal(core)
    except ArithmeticError:
        return None
    if value <= 0:
        return None
    up_only = bool(_AT_LEAST.search(before) or _AT_LEAST_AFTER.match(after))
    down_only = bool(_AT_MOST.search(before) or _AT_MOST_AFTER.match(after))
    if up_only and down_only:
        return None
    factors: tuple[Decimal, ...]
    if up_only or down_only:
        factors = _UP if up_only else _DOWN
    else:  # either way, chosen by the seed so that wrong values are not all larger
        pairs = list(zip(_UP, _DOWN, strict=True))
        flip = int(hashlib.sha1(seed.encode()).hexdigest(), 16) % 2
        factors = tuple(f for pair in pairs for f in (pair[::-1] if flip else pair))
    percent = unit in ("%", "％")
    if percent and value >= 50:  # 98.3% -> 88.3%: a share that high is off by points, not times
        steps = (Decimal(10), Decimal(15))
        shifts = [*(s for s in steps if not down_only), *(-s for s in steps if not up_only)]
        if not (up_only or down_only) and int(hashlib.sha1(seed.encode()).hexdigest(), 16) % 2:
            shifts.reverse()
        for shift in sorted(shifts, key=lambda s: (s > 0) if value > 85 else (s < 0)):
            candidate = value + shift
            beyond = (low is not None and candidate <= low) or (
                high is not None and candidate >= high
            )
            if 0 < candidate <= 100 and _plain(candidate) not in taken and not beyond:
                return _plain(candidate)
        return None
    for factor in factors:
        candidate = _as_round_as(value * factor, value)
        if "." not in core and candidate != candidate.to_integral_value():
            candidate = candidate.to_integral_value(rounding=ROUND_HALF_UP)
        text = _plain(candidate)
        if candidate <= 0 or text == _plain(value) or text in taken:
            continue
        if (low is not None and candidate <= low) or (high is not None and candidate >= high):
            continue
        if percent and candidate > 100:
            continue
        ratio = max(candidate, value) / min(candidate, value)
        if ratio < Decimal("1.3"):
            continue  # 2300余 and 2400余 are too close to call the statement false
        return text
    return None
