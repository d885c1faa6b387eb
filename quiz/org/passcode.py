"""Passcodes are kept only as salted scrypt hashes, in a string that names its own parameters:
`scrypt$16384$8$1$<salt>$<hash>` (salt and hash in base64), so the cost can be raised later
without breaking the hashes already stored."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
import unicodedata

SCHEME = "scrypt"
N, R, P = 16384, 8, 1  # about 16 MB and a few tens of milliseconds per check
SALT_BYTES = 16
HASH_BYTES = 32
# Stored hashes come from a database and are not trusted: refuse parameters that would make
# one check cost more than this much memory (scrypt needs 128 * n * r bytes).
MAX_MEMORY = 64 * 1024 * 1024


def hash_passcode(passcode: str) -> str:
    if not passcode:
        raise ValueError("empty passcode")
    salt = os.urandom(SALT_BYTES)
    digest = _scrypt(passcode, salt, N, R, P)
    return f"{SCHEME}${N}${R}${P}${_b64(salt)}${_b64(digest)}"


def verify_passcode(passcode: str, stored: str) -> bool:
    """True when `passcode` matches `stored`; False for a wrong passcode or a malformed hash."""
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


def _scrypt(passcode: str, salt: bytes, n: int, r: int, p: int, size: int = HASH_BYTES) -> bytes:
    # NFC: the same passcode typed on two terminals gives the same bytes.
    secret = unicodedata.normalize("NFC", passcode).encode("utf-8")
    return hashlib.scrypt(secret, salt=salt, n=n, r=r, p=p, maxmem=2 * MAX_MEMORY, dklen=size)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")
