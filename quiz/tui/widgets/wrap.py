"""Text that wraps Chinese properly (see quiz.text.wrap), with an optional hanging indent. Shown
literally: never parsed as markup, control characters replaced (quiz.text.safe)."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

from quiz.text.safe import rich_text, safe_text
from quiz.text.wrap import line_breaks


def as_text(value: Text | str) -> Text:
    """A Text that shows `value` literally."""
    return rich_text(value) if isinstance(value, str) else safe_text(value)


def wrap_text(text: Text, width: int, hanging: int = 0) -> Text:
    """`text` with newlines inserted so no line is wider than `width` cells."""
    lines: list[Text] = []
    for paragraph in text.split("\n", allow_blank=True):
        pieces = paragraph.divide(line_breaks(paragraph.plain, width, hanging))
        for index, piece in enumerate(pieces):
            if index:
                piece = Text(" " * hanging) + piece
                piece.rstrip()
            lines.append(piece)
    return Text("\n").join(lines)


def _line_count(text: Text) -> int:
    return text.plain.count("\n") + 1


class WrapText(Widget):
    DEFAULT_CSS = "WrapText { height: auto; }"

    def __init__(
        self,
        text: Text | str = "",
        *,
        hanging: int = 0,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.text = as_text(text)
        self.hanging = hanging
        self._cache: tuple[int, Text] | None = None

    def update(self, text: Text | str) -> None:
        self.text = as_text(text)
        self._cache = None
        self.refresh(layout=True)

    def redraw(self, text: Text) -> None:
        """Like `update`, but when the text wraps to as many lines as before (at the width
        laid out) only repaint: no layout pass. For widgets as wide as their container."""
        if text == self.text:
            return
        width = self.content_region.width
        if self._cache is None or self._cache[0] != width or not width:
            self.update(text)
            return
        wrapped = wrap_text(text, width, self.hanging)
        if _line_count(wrapped) != _line_count(self._cache[1]):
            self.update(text)
            return
        self.text, self._cache = text, (width, wrapped)
        self.refresh()

    def wrapped(self, width: int) -> Text:
        if self._cache is None or self._cache[0] != width:
            self._cache = (width, wrap_text(self.text, width, self.hanging))
        return self._cache[1]

    def render(self) -> Text:
        return self.wrapped(self.content_region.width)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return max((cell_len(line.plain) for line in self.text.split("\n")), default=0)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.wrapped(width).split("\n", allow_blank=True))
