"""Building an answer from key presses, per question type (the key contract of the play screen).

single/judge: picking an option selects it (picking again keeps it); multiple: picking toggles;
order: picking appends to the sequence (an option already placed is ignored) and `undo` removes
the last; fill: the text of each blank. Options the question does not have are ignored.
"""

from __future__ import annotations

from quiz.bank.models import QuestionType
from quiz.engine.checking import Given

OPTION_KEYS = "abcdef"


def option_label(index: int) -> str:
    return OPTION_KEYS[index].upper()


class ResponseBuilder:
    def __init__(self, qtype: QuestionType, options: tuple[str, ...], blanks: int = 0) -> None:
        self.qtype = qtype
        self.options = options
        self.chosen: list[int] = []
        self.blanks = [""] * blanks

    def pick(self, index: int) -> bool:
        """Apply a pick; False when it changes nothing (an option the question lacks)."""
        if not 0 <= index < len(self.options) or self.qtype is QuestionType.FILL:
            return False
        match self.qtype:
            case QuestionType.MULTIPLE:
                if index in self.chosen:
                    self.chosen.remove(index)
                else:
                    self.chosen.append(index)
            case QuestionType.ORDER:
                if index in self.chosen:
                    return False
                self.chosen.append(index)
            case _:
                if self.chosen == [index]:
                    return False
                self.chosen = [index]
        return True

    def undo(self) -> bool:
        if self.qtype is not QuestionType.ORDER or not self.chosen:
            return False
        self.chosen.pop()
        return True

    def set_blank(self, index: int, text: str) -> None:
        if 0 <= index < len(self.blanks):
            self.blanks[index] = text

    def load(self, given: Given) -> None:
        """Show an earlier answer again (an exam question revisited)."""
        if self.qtype is QuestionType.FILL:
            self.blanks = [*given, *[""] * len(self.blanks)][: len(self.blanks)]
            return
        self.chosen = [self.options.index(text) for text in given if text in self.options]

    @property
    def ready(self) -> bool:
        """Enough to hand in: an option chosen, every item placed, or any blank filled."""
        match self.qtype:
            case QuestionType.FILL:
                return any(text.strip() for text in self.blanks)
            case QuestionType.ORDER:
                return len(self.chosen) == len(self.options)
            case _:
                return bool(self.chosen)

    def given(self) -> Given:
        if self.qtype is QuestionType.FILL:
            return tuple(text.strip() for text in self.blanks)
        if self.qtype is QuestionType.MULTIPLE:
            return tuple(self.options[i] for i in sorted(self.chosen))
        return tuple(self.options[i] for i in self.chosen)
