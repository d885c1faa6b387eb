"""Reading Moodle's GIFT format, following Moodle's own importer (question/format/gift).

Questions are separated by blank lines; `//` lines are comments; `::title::` names a question
(its id here when it is a valid one); `[html]`/`[moodle]`/`[plain]`/`[markdown]` set a text's
format; `\\~ \\= \\# \\{ \\} \\: \\\\` are literal characters and `\\n` a new line;
`$CATEGORY: path` sets the section of the questions after it.

Mapped: multiple choice (`{=right ~wrong}`: single choice), multiple response (no `=`, weights
like `~%50%a ~%50%b ~%-100%c`: the options with a positive weight are the answer), true/false
(`{T}` `{F}` `{TRUE}` `{FALSE}`) and short answer (`{=a =b}`: a fill question with one blank,
placed where the braces stand). As in Moodle, braces followed by more text leave a blank
`____` in the question ("missing word"). General feedback (`####…`) is the explanation, else the
feedback of the right answer. Skipped, each with its reason: matching (`->`), numerical
(`{#…}`), essays (`{}`), descriptions (no braces), and what our types cannot hold (several
right answers in a single choice, partial-credit-only answers).
"""

from __future__ import annotations

import html
import re

from quiz.bank.formats.common import (
    Collector,
    ImportReport,
    ProgressFn,
    Skip,
    at_line,
    clean_texts,
)

MARKER = re.compile(r"^\[(html|moodle|plain|markdown)\]")
WEIGHT = re.compile(r"^%(-*[0-9]{1,2}\.?[0-9]*)%")
"""Moodle's pattern for an answer weight, `%50%` or `%-33.3%`."""
BLANK = "____"
TRUE_FALSE = {"T": True, "TRUE": True, "F": False, "FALSE": False}

# Escaped control characters are hidden behind noncharacters while the question is taken apart,
# as Moodle does with its `&&058;` placeholders; noncharacters never occur in real text.
_HIDE = {":": "\ufdd0", "#": "\ufdd1", "=": "\ufdd2", "{": "\ufdd3", "}": "\ufdd4", "~": "\ufdd5"}
_SHOW = str.maketrans({v: k for k, v in _HIDE.items()})
_ESCAPE = re.compile(r"\\([\\:#={}~n])")
_RESERVED = re.compile("[\ufdd0-\ufdef]")
_LINES = re.compile(r"\r\n|\r|\n")
_CONTEXT = re.compile(r"^\$[a-z0-9]+\$/(top(/|$))?")
_TAG = re.compile(r"<[^>]*>")
_BREAK = re.compile(r"(?i)<br\s*/?>|</p>\s*")


def _hide_escapes(text: str) -> str:
    def one(match: re.Match[str]) -> str:
        char = match.group(1)
        return {"\\": "\\", "n": "\n"}.get(char) or _HIDE[char]

    return _ESCAPE.sub(one, text)


def _show(text: str) -> str:
    return text.translate(_SHOW)


def _text(raw: str, default: str = "moodle") -> tuple[str, str]:
    """(plain text, format) of one part: its own [format] marker or the question's; HTML is
    turned into text since the quiz shows plain text."""
    raw = raw.strip()
    fmt = default
    if match := MARKER.match(raw):
        fmt, raw = match.group(1), raw[match.end() :]
    text = _show(raw)
    if fmt == "html":
        text = html.unescape(_TAG.sub("", _BREAK.sub("\n", text)))
    return text.strip(), fmt


def blocks(text: str) -> list[tuple[int, str]]:
    """(line number, text) of each question: lines between blank lines, comments left out."""
    found: list[tuple[int, str]] = []
    lines: list[str] = []
    start = 0
    for number, raw in enumerate(_LINES.split(text.removeprefix("\ufeff")), start=1):
        line = raw.strip()
        if not line:
            if lines:
                found.append((start, "\n".join(lines)))
            lines = []
        elif not line.startswith("//"):
            if not lines:
                start = number
            lines.append(line)
    if lines:
        found.append((start, "\n".join(lines)))
    return found


def read_gift(text: str, progress: ProgressFn = None) -> ImportReport:
    collector = Collector("gift", progress)
    found = blocks(text)
    collector.total = len(found)
    section: str | None = None
    for line, block in found:
        where = at_line(line)
        with collector.record(where):
            if block.startswith("$CATEGORY:"):
                section = _category(block[len("$CATEGORY:") :])
                continue
            title, question = _question(block)
            if section is not None:
                question["section"] = section
            collector.add(where, question, name=title)
    return collector.report


def _category(path: str) -> str | None:
    """A Moodle category path as a section: `$course$/top/党史/一领` → `党史/一领`."""
    return _CONTEXT.sub("", path.strip()).strip() or None


def _question(block: str) -> tuple[str | None, dict[str, object]]:
    if _RESERVED.search(block):
        raise Skip("import.gift.reserved")
    text = _hide_escapes(block)
    title = None
    if text.startswith("::"):
        text = text[2:]
        end = text.find("::")
        if end >= 0:
            title, text = _show(text[:end]).strip(), text[end + 2 :].strip()
    start, finish = text.find("{"), text.find("}")
    if start < 0 and finish < 0:
        raise Skip("import.gift.description")
    if start < 0 or finish < 0:
        raise Skip("import.gift.unclosed", open="{", close="}")
    if finish < start:
        raise Skip("import.gift.close_first", open="{", close="}")
    answers = text[start + 1 : finish].strip()
    before, after = text[:start], text[finish + 1 :]
    general = ""
    if (mark := answers.rfind("####")) >= 0:
        answers, general = answers[:mark].strip(), answers[mark + 4 :]
    kind = _kind(answers)
    # Moodle leaves a blank where the braces stood unless they end the question; a fill
    # question needs its blank there in any case.
    blank = BLANK if (not text.endswith("}") or kind == "fill") else ""
    prompt, fmt = _text(before + blank + after)
    question: dict[str, object] = {"type": kind, "prompt": prompt}
    feedback = ""
    if kind == "judge":
        mark_text, *feedbacks = answers.split("#", 2)  # T#wrong-answer feedback#right-answer
        question["answer"] = TRUE_FALSE[mark_text.strip()]
        feedback = feedbacks[1] if len(feedbacks) > 1 else ""
    elif kind == "fill":
        question["answer"] = [_short_answers(answers, fmt)]
    else:
        options, right, feedback = _choices(answers, fmt)
        question["options"] = options
        question["answer"] = right[0] if kind == "single" else right
    explanation = _text(general, fmt)[0] or _text(feedback, fmt)[0]
    if explanation:
        question["explanation"] = explanation
    return title, question


def _kind(answers: str) -> str:
    """The question type, decided in Moodle's order."""
    if not answers:
        raise Skip("import.gift.essay")
    if answers.startswith("#"):
        raise Skip("import.gift.numerical")
    if "~" in answers:
        return "single" if "=" in answers else "multiple"
    if "=" in answers and "->" in answers:
        raise Skip("import.gift.matching")
    if answers.split("#", 1)[0].strip() in TRUE_FALSE:
        return "judge"
    return "fill"


def _choices(answers: str, fmt: str) -> tuple[list[str], list[str], str]:
    """(options, right options, feedback of the right one) of a multiple-choice answer part."""
    single = "=" in answers
    parts = answers.replace("=", "~=").split("~")
    if parts and not parts[0].strip():
        parts.pop(0)
    if len(parts) < 2:
        raise Skip("import.gift.two_answers")
    options: list[str] = []
    weights: list[float] = []
    feedbacks: list[str] = []
    for part in parts:
        item = part.strip()
        weight = 0.0
        if item.startswith("="):
            weight, item = 1.0, item[1:]
        elif match := WEIGHT.match(item):
            weight, item = _percent(match.group(1)), item[match.end() :]
        answer, *comment = item.split("#", 1)
        option = _text(answer, fmt)[0]
        if not option:
            raise Skip("import.gift.empty_answer")
        options.append(option)
        weights.append(weight)
        feedbacks.append(comment[0] if comment else "")
    if single:
        right = [i for i, w in enumerate(weights) if w >= 0.9999]
        if len(right) != 1:
            raise Skip("import.gift.several_right" if right else "import.gift.none_full")
        return options, [options[right[0]]], feedbacks[right[0]]
    right = [i for i, w in enumerate(weights) if w > 0]
    if not right:
        raise Skip("import.gift.none_positive")
    return options, [options[i] for i in right], ""


def _short_answers(answers: str, fmt: str) -> list[str]:
    """The accepted texts of a short answer: those with full marks (partial credit has no
    equivalent in a fill question)."""
    parts = answers.split("=")
    if parts and not parts[0].strip():
        parts.pop(0)
    accepted: list[str] = []
    for part in parts:
        item = part.strip()
        weight = 1.0
        if match := WEIGHT.match(item):
            weight, item = _percent(match.group(1)), item[match.end() :]
        text = _text(item.split("#", 1)[0], fmt)[0]
        if not text:
            raise Skip("import.gift.empty_answer")
        if weight >= 0.9999:
            accepted.append(text)
    if not accepted:
        raise Skip("import.gift.none_full")
    return clean_texts(accepted)


def _percent(value: str) -> float:
    number = float(value.lstrip("-") or 0) / 100
    return -number if value.startswith("-") else number
