"""Binding descriptions are catalog keys (`key.*`), translated per instance, so the footer
speaks the language chosen at start-up (class attributes are built once, at import)."""

from __future__ import annotations

from dataclasses import replace

from textual.dom import DOMNode

from quiz.i18n import t


def translate_bindings(node: DOMNode) -> None:
    table = node._bindings.key_to_bindings  # the node's own copy of its class bindings
    for key, bindings in table.items():
        table[key] = [
            replace(b, description=t(b.description)) if b.description.startswith("key.") else b
            for b in bindings
        ]
