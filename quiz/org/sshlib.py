"""asyncssh, imported without the warnings its import prints: with recent cryptography releases
(51 here), asyncssh's type aliases name the DSA key classes, and each name warns
`CryptographyDeprecationWarning: DSA is deprecated` (five blocks on stderr before `quiz serve`
or `quiz org key add` says anything). Only that warning, from asyncssh's own modules, is
silenced, and only while asyncssh is imported. Import asyncssh through here:
`from quiz.org.sshlib import asyncssh`."""

from __future__ import annotations

import warnings

from cryptography.utils import CryptographyDeprecationWarning

with warnings.catch_warnings():
    warnings.filterwarnings(
        "ignore",
        message="DSA is deprecated",
        category=CryptographyDeprecationWarning,
        module=r"asyncssh\.",
    )
    import asyncssh as asyncssh
