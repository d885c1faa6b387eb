"""Where quiz reaches inside textual-serve (1.1.x), and why: textual-serve serves a *command*
it starts itself with a shell, and runs its own event loop and signal handlers. Its public
API offers no way to start a session some other way, or to run its page beside an SSH server
in one loop; so these hooks use its private names, here only (its application is built in
quiz.serve.web from its public handlers):

- `AppService._open_app_process`: overridden to start the session from our fork server (ready
  imported, counted, with its login channel) instead of a shell command; it must set
  `_process` and `_stdin`, which `start` and `stop` read.
- `AppService._task`: the task that reads the session's output, awaited when it stops.

Not reported upstream yet (this machine has no network): the request is a public
`AppService.open_process` hook. A test pins the
versions this module was checked against (tests/architecture/test_private_api.py): an upgrade
fails it until the hooks are checked again."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import textual_serve
from textual_serve.app_service import AppService

if TYPE_CHECKING:
    import asyncio

CHECKED_VERSIONS = ("1.1",)
"""textual-serve's releases these hooks were read against (major.minor)."""


class Piped:
    """What AppService reads and writes of a session: its standard streams."""

    def __init__(self, stdin: asyncio.StreamWriter, stdout: asyncio.StreamReader,
                 stderr: asyncio.StreamReader) -> None:  # fmt: skip
        self.stdin = stdin
        self.stdout = stdout
        self.stderr = stderr


class ProcessService(AppService):
    """An AppService whose session is started by `open_process`, not a shell command."""

    async def open_process(self, width: int, height: int) -> Piped:
        raise NotImplementedError

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Any:
        piped = await self.open_process(width, height)
        self._stdin = piped.stdin
        self._process = piped  # type: ignore[assignment]  # what start() reads of a Process
        return piped

    async def finish_reading(self) -> None:
        """Wait for the task that forwards the session's output (it ends with the session)."""
        import contextlib

        task = self._task
        if task is not None:
            with contextlib.suppress(Exception):
                await task
            self._task = None


def checked_version() -> bool:
    """The installed textual-serve is one these hooks were read against."""
    version = getattr(textual_serve, "__version__", None)
    if version is None:
        from importlib.metadata import version as installed

        version = installed("textual-serve")
    return str(version).startswith(CHECKED_VERSIONS)
