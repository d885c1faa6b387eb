"""Figures as players type them: Arabic or Chinese numerals, with or without their unit.

A fill blank that asks for a figure accepts "190", "一百九十", "190场" and "一百九十场"; the
bank's tests and `quiz derive` both build those variants here.
"""

from __future__ import annotations

import re

# Longest first, so "人次" wins over "人" and "个百分点" over "个".
UNITS = (
    "个百分点", "平方米", "百分点", "人次", "条次", "场次", "件次", "户次", "篇次", "个次",
    "周年", "小时", "公里", "课时", "学时", "分钟",
    "个", "场", "次", "名", "支", "条", "份", "人",
    "家", "所", "位", "项", "届", "期", "批", "篇", "天", "年", "元", "户", "处", "座", "部", "门",
    "件", "集", "册", "讲", "轮", "台", "套", "本", "种", "亩", "间", "%", "％",
    "幅", "块", "首", "张", "堂", "节", "章", "组", "队", "辆", "封",
)  # fmt: skip
UNIT = "|".join(re.escape(unit) for unit in UNITS)
SCALE = "万|亿"
UNIT_AFTER = re.compile(rf"(?:(?:{SCALE})(?:余|多)?(?:{UNIT})?|(?:余|多)?(?:{UNIT}))")
PERCENT = ("%", "％")

DIGITS = "零一二三四五六七八九"
_PLACES = (("千", 1000), ("百", 100), ("十", 10), ("", 1))
_POWERS = {"十": 10, "百": 100, "千": 1000}
CHINESE_NUMBER = re.compile(rf"[{DIGITS}两十百千万亿]+(?:点[{DIGITS}]+)?")
ARABIC_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _section(value: int, leading: bool) -> str:
    """0 < value < 10000, as read aloud; `leading` when nothing is written before it (十二, not
    一十二)."""
    text = ""
    zero = False
    for name, size in _PLACES:
        digit = value // size % 10
        if not digit:
            zero = zero or bool(text)
            continue
        if zero:
            text += "零"
            zero = False
        short = name == "十" and digit == 1 and leading and not text
        text += ("" if short else DIGITS[digit]) + name
    return text


def integer_to_chinese(value: int) -> str:
    if value == 0:
        return "零"
    yi, rest = divmod(value, 10**8)
    wan, low = divmod(rest, 10**4)
    text = ""
    zero = False
    for part, suffix in ((yi, "亿"), (wan, "万"), (low, "")):
        if not part:
            zero = zero or bool(text)
            continue
        if text and (zero or part < 1000):
            text += "零"
        words = integer_to_chinese(part) if part >= 10**4 else _section(part, not text)
        text += words + suffix
        zero = False
    return text


def to_chinese(arabic: str) -> str:
    """3289.5 -> 三千二百八十九点五."""
    whole, _, fraction = arabic.partition(".")
    text = integer_to_chinese(int(whole))
    return text + ("点" + "".join(DIGITS[int(d)] for d in fraction) if fraction else "")


def to_arabic(chinese: str) -> str | None:
    """一万零六十四 -> 10064, 百 -> 100; None for text that is not a Chinese numeral."""
    if not CHINESE_NUMBER.fullmatch(chinese):
        return None
    whole, _, fraction = chinese.partition("点")
    total = section = digit = 0
    for char in whole:
        if char in DIGITS or char == "两":
            digit = 2 if char == "两" else DIGITS.index(char)
        elif char in _POWERS:
            section += (digit or 1) * _POWERS[char]
            digit = 0
        elif char == "万":
            total += (section + digit) * 10**4
            section = digit = 0
        else:  # 亿
            total = (total + section + digit) * 10**8
            section = digit = 0
    number = str(total + section + digit)
    # Only numerals as written in prose ("七一" is a date, not 71; "百" is 100, "两" is 2).
    canonical = integer_to_chinese(int(number))
    written = whole.replace("两", "二")
    short = "一" + written == canonical or (canonical[0] == "十" and written == "一" + canonical)
    if written != canonical and not short:
        return None
    return number + ("." + "".join(str(DIGITS.index(d)) for d in fraction) if fraction else "")


def split_figure(text: str) -> tuple[str, str] | None:
    """190场 -> ("190", "场"), 四 -> ("四", ""); None when `text` is not a figure."""
    for pattern in (ARABIC_NUMBER, CHINESE_NUMBER):
        match = pattern.match(text)
        if not match or (pattern is CHINESE_NUMBER and to_arabic(match.group()) is None):
            continue
        if not text[match.end() :] or UNIT_AFTER.fullmatch(text[match.end() :]):
            return match.group(), text[match.end() :]
    return None


def unit_after(text: str) -> str:
    """The unit a blank's figure is counted in, read from the text right after the blank."""
    match = UNIT_AFTER.match(text)
    return match.group() if match else ""


def figure_variants(number: str, unit: str = "") -> list[str]:
    """Every way a player may write `number` (Arabic or Chinese) counted in `unit`: the number as
    written first, then Arabic, Chinese, and each with the unit (and with the scale alone,
    "800万" for "800万余份"); percentages also as 百分之…"""
    arabic = number if ARABIC_NUMBER.fullmatch(number) else to_arabic(number)
    if arabic is None:
        return [number]
    chinese = to_chinese(arabic)
    spoken = spoken_chinese(chinese)
    forms = [number, arabic, chinese, spoken]
    if unit in PERCENT:
        forms += [arabic + "%", "百分之" + chinese]
    elif unit:
        scale = unit[0] if unit[0] in "万亿" else ""
        for form in dict.fromkeys((arabic, chinese, spoken)):
            forms += [form + unit] + ([form + scale] if scale and scale != unit else [])
    return list(dict.fromkeys(forms))


def spoken_chinese(chinese: str) -> str:
    """The form people write as they say it: 二 before 千, 万 or 亿, and a leading 二百, read 两
    (两千六百零三 beside 二千六百零三); a reader marked the 二… forms alone as too narrow."""
    spoken = re.sub(r"二(?=[千万亿])", "两", chinese)
    if spoken == "二":
        return "两"  # 两个小时, 两家: a count of two is said 两
    return "两" + spoken[1:] if spoken.startswith("二百") else spoken


# A Chinese numeral counting inside a name ("七个一", "六项专题行动"): also typed in digits.
_COUNT_IN_NAME = re.compile(r"[一二三四五六七八九十两]+(?=[个项大条种类批支名次场件])")
_DOTS = "·•・‧"  # the middle dots a page or a keyboard gives
_DOT = re.compile(f"[{_DOTS}]")
_NAME_JOINERS = re.compile(rf"\s*[{_DOTS}\-—–]\s*|\s+")  # 灯塔-党建在线: a dash joins parts too


def name_variants(name: str) -> list[str]:
    """Every way a player may type a name: as written; its counts in digits (七个一 → 7个一);
    the parts of a name joined by a dot or a space (学史手牵手·学史心连心) also run together,
    with a space, a comma or a 顿号 between them (学党史、铸铁军、开新局); a dot typed as any
    middle dot, or left out (益•青春: 益·青春, 益青春)."""
    forms = [name]
    digits = _COUNT_IN_NAME.sub(lambda m: to_arabic(m.group()) or m.group(), name)
    forms.append(digits)
    for form in list(forms):
        parts = [p for p in _NAME_JOINERS.split(form) if p]
        if len(parts) > 1 and all(len(p) >= 2 for p in parts):  # not 七 一 of 七·一
            forms += ["".join(parts), " ".join(parts), "，".join(parts), "、".join(parts)]
            forms += ["-".join(parts)] if re.search(r"[-—–]", form) else []  # 灯塔-党建在线
        if _DOT.search(form):  # 益•青春 typed with any middle dot, or none: 益·青春, 益青春
            forms += [_DOT.sub(dot, form) for dot in ("·", "•", "・", "")]
    return list(dict.fromkeys(forms))
