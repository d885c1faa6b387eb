"""Typed access from screens to the app and its services."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar, cast

from textual.screen import ModalScreen, Screen

from quiz.services import Services
from quiz.tui.bindings import translate_bindings

if TYPE_CHECKING:
    from quiz.tui.app import QuizApp

ResultType = TypeVar("ResultType")


class QuizScreen(Screen[ResultType]):
    def __init__(self) -> None:
        super().__init__()
        translate_bindings(self)

    @property
    def quiz(self) -> QuizApp:
        return cast("QuizApp", self.app)

    @property
    def services(self) -> Services:
        return self.quiz.services


class QuizModal(ModalScreen[ResultType]):
    def __init__(self) -> None:
        super().__init__()
        translate_bindings(self)

    @property
    def quiz(self) -> QuizApp:
        return cast("QuizApp", self.app)
