"""Passcodes are kept only as salted hashes, in a string that names its own parameters.

New hashes are SCRAM-SHA-256 verifiers (RFC 5802, RFC 7677) in PostgreSQL's own form,
`SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>` (base64): the very string a member's
database login gets as its password (`quiz org import`), computed here so the passcode never
goes over the wire or into a server's log, and checked by PostgreSQL at every connection. One
PBKDF2 of 4,096 iterations (PostgreSQL's default) costs about a millisecond, so a roster import
re-hashes an unchanged passcode with its stored salt, finds the same string and writes nothing.
A host proves a member's passcode to the database with SCRAM's client key, whose hash is the
StoredKey (quiz_host_login): the database never sees the passcode either.

Hashes stored by older versions, `scrypt$16384$8$1$<salt>$<hash>`, are still checked; the next
import replaces them (a database login needs the SCRAM form)."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
import unicodedata

SCRAM = "SCRAM-SHA-256"
ITERATIONS = 4096
"""PostgreSQL's default for scram_iterations (and libpq's): a verifier as PostgreSQL makes one."""
MAX_ITERATIONS = 1_000_000
"""A stored hash is not trusted: one asking for more work than this is refused, not checked."""
SCHEME = "scrypt"
N, R, P = 16384, 8, 1  # about 16 MB and a few tens of milliseconds per check
SALT_BYTES = 16
HASH_BYTES = 32
# Stored hashes come from a database and are not trusted: refuse parameters that would make
# one check cost more than this much memory (scrypt needs 128 * n * r bytes).
MAX_MEMORY = 64 * 1024 * 1024


def hash_passcode(passcode: str, salt: str | None = None) -> str:
    """The SCRAM-SHA-256 verifier of `passcode`, with a fresh salt, or with the salt of a stored
    one (`salt`: its `SCRAM-SHA-256$<iterations>:<salt>` part, as `salt_of` gives it), so an
    unchanged passcode gives the very string stored."""
    if not passcode:
        raise ValueError("empty passcode")
    iterations, raw_salt = _parse_salt(salt) if salt else (ITERATIONS, os.urandom(SALT_BYTES))
    salted = _salted(passcode, raw_salt, iterations)
    stored_key = hashlib.sha256(_hmac(salted, b"Client Key")).digest()
    server_key = _hmac(salted, b"Server Key")
    return f"{SCRAM}${iterations}:{_b64(raw_salt)}${_b64(stored_key)}:{_b64(server_key)}"


def salt_of(stored: str) -> str | None:
    """A SCRAM verifier's `SCRAM-SHA-256$<iterations>:<salt>` (what SCRAM tells any client
    that asks), or None for another kind of hash."""
    if not stored.startswith(SCRAM + "$"):
        return None
    head = "$".join(stored.split("$")[:2])
    try:
        _parse_salt(head)
    except ValueError:
        return None
    return head


def client_key(passcode: str, salt: str) -> bytes:
    """SCRAM's ClientKey for `passcode` under a stored verifier's salt: its SHA-256 is the
    verifier's StoredKey, so it proves the passcode without being it (ValueError: bad salt)."""
    iterations, raw_salt = _parse_salt(salt)
    return _hmac(_salted(passcode, raw_salt, iterations), b"Client Key")


def verify_passcode(passcode: str, stored: str) -> bool:
    """True when `passcode` matches `stored`; False for a wrong passcode or a malformed hash."""
    if stored.startswith(SCRAM + "$"):
        return _verify_scram(passcode, stored)
    parts = stored.split("$")
    if len(parts) != 6 or parts[0] != SCHEME:
        return False
    try:
        n, r, p = (int(x) for x in parts[1:4])
        salt = base64.b64decode(parts[4], validate=True)
        expected = base64.b64decode(parts[5], validate=True)
    except (ValueError, binascii.Error):
        return False
    power_of_two = n > 1 and n & (n - 1) == 0
    if not (power_of_two and r > 0 and 0 < p <= 16 and 128 * n * r <= MAX_MEMORY):
        return False
    if not salt or not 16 <= len(expected) <= 64 or not passcode:
        return False
    actual = _scrypt(passcode, salt, n, r, p, len(expected))
    return hmac.compare_digest(actual, expected)


def _verify_scram(passcode: str, stored: str) -> bool:
    salt = salt_of(stored)
    parts = stored.split("$")
    if salt is None or not passcode or len(parts) != 3:
        return False
    try:
        expected = base64.b64decode(parts[2].split(":")[0], validate=True)
    except (ValueError, binascii.Error):
        return False
    actual = hashlib.sha256(client_key(passcode, salt)).digest()
    return len(expected) == len(actual) and hmac.compare_digest(actual, expected)


def _parse_salt(salt: str) -> tuple[int, bytes]:
    """(iterations, salt) of `SCRAM-SHA-256$<iterations>:<salt>`; ValueError when malformed."""
    scheme, _, rest = salt.partition("$")
    count, _, encoded = rest.partition(":")
    if scheme != SCRAM or not count.isdigit() or not 0 < int(count) <= MAX_ITERATIONS:
        raise ValueError("not a SCRAM-SHA-256 salt")
    try:
        raw = base64.b64decode(encoded, validate=True)
    except binascii.Error as exc:
        raise ValueError("not a SCRAM-SHA-256 salt") from exc
    if not raw:
        raise ValueError("empty salt")
    return int(count), raw


def _salted(passcode: str, salt: bytes, iterations: int) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", _saslprep(passcode).encode("utf-8"), salt, iterations)


def _hmac(key: bytes, message: bytes) -> bytes:
    return hmac.new(key, message, hashlib.sha256).digest()


NOTHING = frozenset(
    "\u00ad\u034f\u1806\u180b\u180c\u180d\u200b\u200c\u200d\u2060\ufeff"
    + "".join(chr(c) for c in range(0xFE00, 0xFE10))
)
"""RFC 3454 table B.1: characters SASLprep maps to nothing."""


def _saslprep(passcode: str) -> str:
    """The passcode as libpq prepares a password (SASLprep, RFC 4013: non-ASCII spaces become
    spaces, B.1 characters go, then NFKC), so PostgreSQL's check of a typed passcode and ours
    agree. ASCII passcodes are unchanged."""
    if passcode.isascii():
        return passcode
    mapped = "".join(
        " " if unicodedata.category(ch) == "Zs" else ch for ch in passcode if ch not in NOTHING
    )
    return unicodedata.normalize("NFKC", mapped)


def _scrypt(passcode: str, salt: bytes, n: int, r: int, p: int, size: int = HASH_BYTES) -> bytes:
    # NFC: the same passcode typed on two terminals gives the same bytes.
    secret = unicodedata.normalize("NFC", passcode).encode("utf-8")
    return hashlib.scrypt(secret, salt=salt, n=n, r=r, p=p, maxmem=2 * MAX_MEMORY, dklen=size)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")
