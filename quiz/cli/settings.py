"""The Settings of the running command, from the click context."""

from __future__ import annotations

import click

from quiz.system.settings import Settings


def current_settings() -> Settings:
    settings = click.get_current_context().find_object(Settings)
    if settings is None:  # pragma: no cover - the root group always sets it
        raise click.UsageError("internal: settings missing")
    return settings
