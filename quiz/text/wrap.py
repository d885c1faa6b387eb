"""Line breaking for mixed Chinese and Latin text.

Terminal libraries break lines only at spaces, so a Chinese sentence is one long "word": it is
pushed whole onto the next line, then cut at the edge wherever it falls. Here a line may break
between any two Chinese characters, Latin words and numbers stay whole, and the common 禁则
(kinsoku) rules hold: closing punctuation never starts a line, opening punctuation never ends one,
and a figure keeps its measure word (1732场). A no-break space holds its token together.
"""

from __future__ import annotations

import itertools
import re

from rich.cells import cell_len

NO_LINE_START = set("，。、；：？！）》」』】〕”’,.;:?!)]}%…—·～")
NO_LINE_END = set("（《「『【〔“‘([{")
_LATIN = re.compile(r"[A-Za-z0-9_@#$%&+\-=/.,:'’]+ *| +")
NBSP = "\u00a0"
_GLUED = re.compile(r"[^ \u00a0\n]*(?:\u00a0+[^ \u00a0\n]+)+ *")
"""A space-delimited token holding a no-break space (`江城学子 ✓ 853`) is kept whole."""


def units(text: str) -> list[str]:
    """The pieces a line may not be broken inside."""
    pieces: list[str] = []
    index = 0
    while index < len(text):
        at_token = index == 0 or text[index - 1] == " "
        match = (_GLUED.match(text, index) if at_token else None) or _LATIN.match(text, index)
        end = match.end() if match else index + 1
        piece = text[index:end]
        after_figure = bool(pieces) and pieces[-1][-1].isdigit() and not piece[0].isascii()
        if pieces and (piece[0] in NO_LINE_START or pieces[-1][-1] in NO_LINE_END or after_figure):
            pieces[-1] += piece
        else:
            pieces.append(piece)
        index = end
    return pieces


def line_breaks(text: str, width: int, hanging: int = 0) -> list[int]:
    """Offsets where `text` (one paragraph, no newlines) should break to fit `width` cells;
    lines after the first are `hanging` cells narrower (they are indented by the caller)."""
    if width <= 0 or cell_len(text) <= width:  # most lines fit: no need to look inside
        return []
    breaks: list[int] = []
    used = 0
    offset = 0
    limit = width
    for piece in units(text):
        size = cell_len(piece.rstrip(" "))
        if used and used + size > limit:
            breaks.append(offset)
            limit = max(1, width - hanging)
            used = 0
            if piece.strip() == "":
                offset += len(piece)
                continue
        while size > limit:  # a piece wider than a whole line: cut it by cells
            cut, cells = 0, 0
            while cut < len(piece) and cells + cell_len(piece[cut]) <= limit:
                cells += cell_len(piece[cut])
                cut += 1
            cut = max(cut, 1)
            offset += cut
            breaks.append(offset)
            piece = piece[cut:]
            size = cell_len(piece.rstrip(" "))
            limit = max(1, width - hanging)
        used += cell_len(piece)
        offset += len(piece)
    return [b for b in breaks if 0 < b < len(text)]


def fill(text: str, width: int) -> str:
    """`text` with newlines where it should break to fit `width` cells (paragraphs kept)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        cuts = [0, *line_breaks(paragraph, width), len(paragraph)]
        lines.extend(paragraph[a:b].rstrip(" ") for a, b in itertools.pairwise(cuts))
    return "\n".join(lines)
