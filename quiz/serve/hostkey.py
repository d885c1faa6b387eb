"""The server's SSH host key: generated once, kept 0600, refused when others can read it."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from asyncssh import SSHKey

KEY_NAME = "ssh_host_ed25519_key"


class HostKeyError(Exception):
    """A host key that cannot be used; `code` and `params` name the catalog message."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def load_host_key(path: Path) -> tuple[SSHKey, bool]:
    """The key at `path`, generated first when there is none; True when it was generated."""
    from quiz.org.sshlib import asyncssh

    created = False
    if not path.exists():
        write_new_key(path)
        created = True
    mode = path.stat().st_mode
    if not stat.S_ISREG(mode):
        raise HostKeyError("serve.key_not_file", path=path)
    if mode & 0o077:
        raise HostKeyError("serve.key_open", path=path, mode=f"{stat.S_IMODE(mode):o}")
    try:
        return asyncssh.read_private_key(path), created
    except (asyncssh.KeyImportError, ValueError) as exc:
        raise HostKeyError("serve.key_unreadable", path=path, reason=str(exc)) from exc


def write_new_key(path: Path) -> None:
    """An Ed25519 key, written 0600 through a temp file; an existing file is never replaced."""
    from quiz.org.sshlib import asyncssh

    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    data = asyncssh.generate_private_key("ssh-ed25519").export_private_key()
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.link(temp, path)  # fails if another server wrote one meanwhile: keep theirs
    except FileExistsError:
        pass
    finally:
        temp.unlink(missing_ok=True)
