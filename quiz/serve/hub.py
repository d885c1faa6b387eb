"""What both transports share: the configuration, the session table, the process spawner,
the login check, and the live sessions to stop when the server stops."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Protocol

from quiz.serve.auth import Authenticator
from quiz.serve.config import ServeConfig
from quiz.serve.limits import LoggingIn, SessionTable
from quiz.serve.spawn import Spawner
from quiz.tui.hosted import SessionSpec


class Live(Protocol):
    async def stop(self) -> None:
        """Ask the session to save and quit, and wait until it has."""


@dataclass
class Hub:
    config: ServeConfig
    table: SessionTable
    spawner: Spawner
    auth: Authenticator
    live: set[Live] = field(default_factory=set)
    logging_in: LoggingIn = field(default_factory=LoggingIn)
    """SSH connections that have not logged in yet."""
    stopping: bool = False

    def spec(self, transport: str, player: str | None, **terminal: object) -> SessionSpec:
        settings = self.config.settings
        return SessionSpec(
            transport=transport,
            player=player,
            lang=settings.lang,
            bank=str(settings.bank),
            db=str(settings.db),
            theme=settings.theme,
            open_mode=self.config.open_mode,
            memory=self.config.session_memory,
            **terminal,  # type: ignore[arg-type]
        )

    async def stop_all(self) -> None:
        self.stopping = True
        await asyncio.gather(*(session.stop() for session in list(self.live)))
