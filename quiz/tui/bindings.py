"""What a key does, in the UI language.

Our bindings' descriptions are catalog keys (`key.*`); Textual's own widgets describe theirs in
English (the select's "Dismiss menu"). Both are translated where they are shown, through this
one function, so no binding table is ever rewritten and only public Textual API is used.
"""

from __future__ import annotations

from textual.binding import Binding

from quiz.i18n import t

TEXTUAL_DESCRIPTIONS = {
    "Dismiss menu": "key.textual.dismiss_menu",
    "Exit the command palette": "key.textual.exit_palette",
    "Open link": "key.textual.open_link",
}
"""Textual's shown binding descriptions and their catalog keys (a test lists Textual's)."""


def describe(binding: Binding) -> str:
    """The binding's description in the UI language."""
    text = binding.description
    if text.startswith("key."):
        return t(text)
    key = TEXTUAL_DESCRIPTIONS.get(text)
    return t(key) if key else text
