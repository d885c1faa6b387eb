"""Who is playing: an SSH login or the web login screen, checked against the roster (a member's
passcode or public key), or, in open mode, any name. Failed attempts are rate-limited per
address; passcodes are never logged, kept or compared other than through their hash."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from quiz.serve.limits import LoginLimits, shown

log = logging.getLogger("quiz.serve")
NAME_MAX = 32


class Member(Protocol):
    """What serving needs of a roster member (quiz.org's Member has these fields)."""

    @property
    def name(self) -> str: ...

    @property
    def has_passcode(self) -> bool: ...


class Roster(Protocol):
    def member_by_login(self, login: str) -> Member | None: ...

    def member_keys(self, login: str) -> list[str]: ...

    def check_login(self, login: str, passcode: str) -> bool:
        """The store's check (on PostgreSQL the database's, which then lets this host's
        connection act for the member)."""
        ...

    def check_login_key(self, login: str, key: str) -> bool: ...


@dataclass(frozen=True, slots=True)
class Identity:
    player: str
    """The name scores are kept under."""
    login: str | None = None


@dataclass(frozen=True, slots=True)
class Verdict:
    identity: Identity | None
    wait: float = 0.0
    """When refused because of too many failures: seconds before the next try."""


def player_name(text: str) -> str | None:
    """An open-mode name: trimmed, 1 to NAME_MAX characters, none that may not reach a
    terminal (quiz.text.safe decides which)."""
    from quiz.text.names import normal_name
    from quiz.text.safe import UnsafeName, check_name

    name = normal_name(text)
    if not name or len(name) > NAME_MAX:
        return None
    try:
        return check_name(name)
    except UnsafeName:
        return None


def clean(login: str) -> str:
    """A typed login as roster logins are kept (quiz.org.text.clean_login), never refused: one
    that is not valid is simply not on the roster."""
    from quiz.text.names import normal_name

    return normal_name(login[:200]).lower()


def logged(login: str, member: Member | None) -> str:
    """How a login appears in the log: a roster login as it is; anything else (a typo, a
    passcode typed into the login field) as "an unknown login", never its text."""
    return f"login {shown(login)}" if member is not None else "an unknown login"


class Authenticator:
    def __init__(
        self,
        open_mode: bool,
        roster: Roster | None = None,
        verify: Callable[[str, str], bool] | None = None,
        limits: LoginLimits | None = None,
        decoy_hash: str = "",
    ) -> None:
        self.open_mode = open_mode
        self.roster = roster
        self.verify = verify
        self.limits = limits or LoginLimits()
        self.decoy_hash = decoy_hash
        """A hash checked when the login is unknown, so that timing does not tell."""

    def open_identity(self, username: str) -> Identity | None:
        name = player_name(username)
        return Identity(name) if name is not None and self.open_mode else None

    async def check_passcode(self, transport: str, login: str, passcode: str,
                             address: str) -> Verdict:  # fmt: skip
        """A roster login and passcode (open mode: any valid name, no passcode)."""
        if self.open_mode:
            identity = self.open_identity(login)
            if identity is None:
                log.info("%s: name %s from %s refused", transport, shown(login), address)
            return Verdict(identity)
        account = clean(login)
        wait = self.limits.wait_seconds(account, address)
        if wait > 0:
            log.warning("%s: %s from %s refused: too many failures (wait %.0f s)",
                        transport, await self._logged(account), address, wait)  # fmt: skip
            return Verdict(None, wait)
        member, right = await asyncio.to_thread(self._checked_member, account, passcode)
        if member is None or not right:
            self.limits.failed(account, address)
            log.warning("%s: %s from %s refused: unknown login or wrong passcode",
                        transport, logged(account, member), address)  # fmt: skip
            return Verdict(None)
        return Verdict(Identity(member.name, account))

    async def _logged(self, login: str) -> str:
        roster = self.roster
        member = await asyncio.to_thread(roster.member_by_login, login) if roster else None
        return logged(login, member)

    def _checked_member(self, login: str, passcode: str) -> tuple[Member | None, bool]:
        """The member behind `login` (None: no such member) and whether the passcode is
        theirs."""
        if self.roster is None or self.verify is None:
            return None, False
        member = self.roster.member_by_login(login)
        if member is None or not member.has_passcode:
            if self.decoy_hash:  # as long as a real check, so timing does not tell
                self.verify(passcode, self.decoy_hash)
            return member, False
        return member, self.roster.check_login(login, passcode)

    async def key_accepted(self, login: str, line: str) -> bool:
        """The store's word that the key is the member's (on PostgreSQL, the database records
        that this host may act for them)."""
        roster = self.roster
        if roster is None:
            return False
        return await asyncio.to_thread(roster.check_login_key, login, line)

    async def member_keys(self, login: str) -> tuple[Identity | None, list[str]]:
        """The member behind `login` and their public keys (OpenSSH lines)."""
        if self.open_mode or self.roster is None:
            return None, []
        roster = self.roster

        def lookup() -> tuple[Identity | None, list[str]]:
            member = roster.member_by_login(login)
            if member is None:
                return None, []
            return Identity(member.name, login), roster.member_keys(login)

        return await asyncio.to_thread(lookup)
