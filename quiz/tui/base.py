"""Typed access from screens to the app and its services."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast

from textual.app import App
from textual.geometry import Size
from textual.screen import ModalScreen, Screen
from textual.worker import Worker, WorkerState

from quiz.i18n import t
from quiz.tui.widgets.plain import Plain
from quiz.usecases.services import Services

if TYPE_CHECKING:
    from quiz.tui.app import QuizApp

ResultType = TypeVar("ResultType")
PLAYER_SIZE = (40, 16)
"""The smallest terminal a player's screens are laid out for: a phone held upright gives about
40×40 cells at a readable font, held sideways about 90×18 (issue 28)."""
ORGANISER_SIZE = (60, 18)
"""What an organiser's screens (contest host, room host, 组织, statistics) need: they show
tables and boards side by side, and are run from a computer."""
NARROW_WIDTH = 60
"""Below this many columns a screen has the class -narrow: quiz.tcss trims its padding."""
TALL_HEIGHT = 30
"""From this many rows a screen has the class -tall: a phone held upright (about 40×40) has
rows to spare, and a narrow, tall screen gives each option three rows, a finger's width."""


class TooSmallNotice(Plain):
    """Shown, and everything else hidden (see quiz.tcss), while the terminal is too small."""


class SizeGuard:
    """Mixed into every screen: a terminal below MIN_SIZE shows a notice instead of a broken
    layout, saying how much the screen needs; the screen comes back as it was once the terminal
    is big enough. A terminal narrower than NARROW_WIDTH marks the screen -narrow."""

    app: App[object]
    MIN_SIZE: ClassVar[tuple[int, int]] = PLAYER_SIZE

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        try:
            size = self.app.size
        except RuntimeError:  # made outside a running app (NoActiveAppError): set at its mount
            return
        self.shape_classes(size, update=False)

    def on_mount(self) -> None:
        self.guard_size()

    def on_resize(self) -> None:
        self.guard_size()

    def shape_classes(self, size: Size, update: bool = True) -> None:
        """-narrow and -tall for a terminal of `size`. Set when the screen is made, before its
        styles are first applied: set at its mount, a changed class restyled every widget of
        the screen again (-tall, on a terminal of 30 rows or more, on every screen shown)."""
        screen = cast("Screen[object]", self)
        screen.set_class(size.width < NARROW_WIDTH, "-narrow", update=update)
        screen.set_class(size.height >= TALL_HEIGHT, "-tall", update=update)

    def guard_size(self) -> None:
        screen = cast("Screen[object]", self)
        size = self.app.size
        width, height = self.MIN_SIZE
        small = size.width < width or size.height < height
        self.shape_classes(size)
        was_small = screen.has_class("-too-small")
        if small and not was_small:
            self._focus_before = screen.focused  # hidden widgets lose focus: bring it back later
            if not screen.query(TooSmallNotice):  # made the first time only: most never need it
                screen.mount(TooSmallNotice(t("app.too_small", width=width, height=height)))
        screen.set_class(small, "-too-small")
        if small != was_small:
            self.size_guarded(small)
        before = getattr(self, "_focus_before", None)
        if was_small and not small and before is not None and before.is_attached:
            screen.call_after_refresh(before.focus)

    def size_guarded(self, small: bool) -> None:
        """The notice was shown (`small`) or taken away: screens with a timer pause it."""


class QuizScreenBase(SizeGuard):
    """What every screen of the quiz has: translated key hints, the size guard, typed access
    to the app and its services."""

    KEY_HELP: ClassVar[tuple[tuple[str, str], ...]] = ()
    """The screen's keys for its help (F1): (keys as shown, catalog key of what they do)."""

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A background task of this screen failed (a locked or damaged database, say): the
        player is told, the screen stays up."""
        if event.state is WorkerState.ERROR:
            self.quiz.fault(event.worker.error)

    @property
    def quiz(self) -> QuizApp:
        return cast("QuizApp", self.app)

    @property
    def services(self) -> Services:
        return self.quiz.services


class QuizScreen(QuizScreenBase, Screen[ResultType]):
    pass


class QuizModal(QuizScreenBase, ModalScreen[ResultType]):
    ANSWER_FIRST: ClassVar[bool] = True
    """The dialog waits for an answer, so the command palette does not open over it: a command
    would open a screen on top and leave the dialog open underneath. Dialogs that only show
    something (help, the bank's errors) set it False."""
