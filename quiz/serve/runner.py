"""Running `quiz serve`: the store checked, the host key ready, the fork server warm, both
listeners up; Ctrl+C (or SIGTERM) asks every session to save and quit, then stops."""

from __future__ import annotations

import asyncio
import logging
import secrets
import signal
import sys
from typing import TYPE_CHECKING

from quiz.i18n import t
from quiz.serve.auth import Authenticator
from quiz.serve.config import ServeConfig
from quiz.serve.hub import Hub
from quiz.serve.limits import SessionTable
from quiz.serve.spawn import Spawner
from quiz.system.locations import is_url

if TYPE_CHECKING:
    from asyncssh import SSHKey

    from quiz.store.protocol import Store

log = logging.getLogger("quiz.serve")
LOOPBACK = ("127.0.0.1", "::1", "localhost")
QUIET = ("asyncssh", "textual-serve", "aiohttp.access")
"""Libraries whose chatter (and, at debug levels, packet dumps) stays out of the log."""


class ServeError(Exception):
    """The server cannot start; the message is for the operator."""


def configure_logging() -> None:
    logging.basicConfig(
        stream=sys.stderr, level=logging.INFO,
        format="%(asctime)s %(levelname)s %(message)s", datefmt="%Y-%m-%d %H:%M:%S",
    )  # fmt: skip
    for name in QUIET:
        logging.getLogger(name).setLevel(logging.WARNING)


def open_roster(config: ServeConfig) -> Store:
    """The store, opened (and migrated) once here, so that sessions find it ready; the roster
    logins are checked against."""
    from quiz.store.errors import StoreError
    from quiz.store.opening import open_store

    try:
        return open_store(config.settings.db)
    except StoreError as exc:
        raise ServeError(t(exc.code, **exc.params)) from exc
    except OSError as exc:
        raise ServeError(t("store.cannot_open", path=config.settings.db,
                           reason=exc.strerror)) from exc  # fmt: skip


def authenticator(config: ServeConfig, store: Store) -> Authenticator:
    """Open mode takes any name; otherwise logins are the roster's, passcodes checked against
    their scrypt hashes (an unknown login against a decoy, so timing does not tell)."""
    if config.open_mode:
        return Authenticator(True)
    from quiz.org.passcode import hash_passcode, verify_passcode

    decoy = hash_passcode(secrets.token_urlsafe(16))
    return Authenticator(False, roster=store, verify=verify_passcode, decoy_hash=decoy)


def prepare_host_key(config: ServeConfig) -> tuple[SSHKey, bool]:
    """The key, and whether it was generated just now."""
    from quiz.serve.hostkey import HostKeyError, load_host_key

    try:
        return load_host_key(config.host_key)
    except HostKeyError as exc:
        raise ServeError(t(exc.code, **exc.params)) from exc
    except OSError as exc:
        raise ServeError(t("serve.key_unreadable", path=config.host_key,
                           reason=exc.strerror)) from exc  # fmt: skip


def serve(config: ServeConfig) -> int:
    """Serve until Ctrl+C or SIGTERM; ServeError (before anything listens) when it cannot."""
    store = open_roster(config)
    host_key = None
    try:
        if config.ssh is not None:
            host_key, created = prepare_host_key(config)
    except ServeError:
        store.close()
        raise
    configure_logging()
    if host_key is not None:
        if created:
            log.info("generated the SSH host key %s", config.host_key)
        log.info("SSH host key %s", host_key.get_fingerprint())
    if config.open_mode:
        log.warning("%s", t("serve.open_warning"))
    elif config.web is not None and config.web.host not in LOOPBACK:
        log.warning("%s", t("serve.plain_http"))
    auth = authenticator(config, store)
    spawner = Spawner(postgres=is_url(config.settings.db))
    hub = Hub(config, SessionTable(config.max_sessions, config.max_anonymous), spawner, auth)
    hub.spawner.warm_up()
    try:
        asyncio.run(run(hub, host_key))
    finally:
        store.close()
    return 0


async def run(hub: Hub, host_key: SSHKey | None) -> None:
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for number in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(number, stop.set)
    config = hub.config
    acceptor = web_runner = None
    try:
        if config.ssh is not None and host_key is not None:
            from quiz.serve.ssh import start_ssh

            acceptor = await start_ssh(hub, host_key)
            for host, port, *_ in acceptor.get_addresses():
                log.info("listening for SSH on %s:%s", host, port)
        if config.web is not None:
            from quiz.serve.web import start_web

            web_runner, bound = await start_web(hub)
            for where in bound:
                log.info("listening for browsers on http://%s/", where)
    except OSError as exc:
        raise ServeError(t("serve.cannot_listen", reason=exc.strerror or str(exc))) from exc
    log.info("at most %d sessions at once, and %d not logged in yet (login deadline %.0f s)",
             config.max_sessions, config.max_anonymous, config.login_timeout)  # fmt: skip
    await stop.wait()
    log.info("stopping: %d session(s) saving and quitting", len(hub.live))
    if acceptor is not None:
        acceptor.close()
    await hub.stop_all()
    if web_runner is not None:
        await web_runner.cleanup()
    if acceptor is not None:
        await acceptor.wait_closed()
    log.info("stopped")
