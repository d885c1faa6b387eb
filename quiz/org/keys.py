"""SSH public keys for `quiz org key add`: each line checked by asyncssh (the library that
serves the sessions), stored in one normal OpenSSH form."""

from __future__ import annotations

from typing import TYPE_CHECKING

from quiz.org.text import bad_character

if TYPE_CHECKING:
    from asyncssh import SSHKey

MAX_KEY_FILE = 64 * 1024


class KeyProblem(ValueError):
    """`code` is a catalog key; `line` the file's line (0: the whole file)."""

    def __init__(self, code: str, line: int = 0) -> None:
        super().__init__(code, line)
        self.code = code
        self.line = line


def read_public_keys(data: bytes) -> list[str]:
    """The key lines of an OpenSSH public key file (`id_ed25519.pub` or an authorized_keys
    list); KeyProblem at the first line that is not a public key."""
    from quiz.org.sshlib import asyncssh

    if len(data) > MAX_KEY_FILE:
        raise KeyProblem("org.key_file_too_large")
    if b"PRIVATE KEY" in data:
        raise KeyProblem("org.key_is_private")
    try:
        text = data.decode("ascii")
    except UnicodeDecodeError:
        raise KeyProblem("org.key_not_ascii") from None
    keys: list[str] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        try:
            key = asyncssh.import_public_key(line)
        except (asyncssh.KeyImportError, ValueError):
            raise KeyProblem("org.key_invalid", number) from None
        keys.append(openssh_line(key))
    if not keys:
        raise KeyProblem("org.key_none")
    return keys


def openssh_line(key: SSHKey) -> str:
    """`algorithm base64 [comment]`; a comment with control characters is dropped."""
    comment = key.get_comment()
    if comment is not None and bad_character(comment) is not None:
        key.set_comment(None)
    return key.export_public_key("openssh").decode("ascii").strip()
