"""`quiz serve`: players reach the quiz over SSH and in a browser."""

from __future__ import annotations

from pathlib import Path

import click

from quiz.cli.options import shared_options
from quiz.cli.settings import current_settings
from quiz.i18n import t


def _address(ctx: click.Context, param: click.Parameter, value: str | None) -> object:
    from quiz.serve.config import AddressError, parse_address

    if value is None:
        return None
    try:
        return parse_address(value)
    except AddressError:
        raise click.BadParameter(t("serve.bad_address", value=value)) from None


@click.command()
@shared_options
@click.option("--ssh", "ssh", metavar="HOST:PORT", callback=_address,
              help="Listen for SSH players (e.g. 0.0.0.0:2222).")  # fmt: skip
@click.option("--web", "web", metavar="HOST:PORT", callback=_address,
              help="Listen for browser players (e.g. 0.0.0.0:8000).")  # fmt: skip
@click.option("--max-sessions", type=click.IntRange(min=1),
              help="Logged-in sessions at once (default: from this host's memory and "
              "cores).")  # fmt: skip
@click.option("--open", "open_mode", is_flag=True,
              help="No login check: any SSH user name (or name typed in the browser) plays "
              "under that name. Only on a trusted network.")  # fmt: skip
@click.option("--host-key", type=click.Path(dir_okay=False, path_type=Path),
              help="The SSH host key (made 0600 if missing; default: the data dir).")  # fmt: skip
@click.option("--allowed-origin", "allowed_origins", multiple=True, metavar="URL",
              help="A page address besides the served host's own that may open sessions "
              "(e.g. https://quiz.example.org behind a proxy); repeatable.")  # fmt: skip
@click.option("--max-anonymous", type=click.IntRange(min=1), metavar="N",
              help="Browser sessions not logged in yet, besides the members' ones "
              "(default: a quarter of --max-sessions, at least 4); one address holds at most "
              "half, and when all are held the one silent longest (5 s or more) makes room "
              "for a newcomer.")  # fmt: skip
@click.option("--login-deadline", type=click.FloatRange(min=1, max=3600), default=60,
              show_default=True, metavar="SECONDS",
              help="A connection not logged in by then is told so and closed.")  # fmt: skip
@click.option("--session-memory", type=click.IntRange(min=0), default=256, show_default=True,
              metavar="MB", help="Memory cap of each session (0: none).")  # fmt: skip
@click.option("--output-rate", type=click.IntRange(min=1), default=256, show_default=True,
              metavar="KB", help="Output of each session, in KB a second.")  # fmt: skip
@click.option("--trusted-proxy", "trusted_proxies", multiple=True, metavar="ADDR",
              help="A reverse proxy whose X-Forwarded-For (web) or PROXY protocol header "
              "(SSH) gives the client's address; repeatable.")  # fmt: skip
def serve(ssh: object, web: object, max_sessions: int | None, open_mode: bool,
          host_key: Path | None, allowed_origins: tuple[str, ...], max_anonymous: int | None,
          login_deadline: float, session_memory: int, output_rate: int,
          trusted_proxies: tuple[str, ...]) -> None:  # fmt: skip
    """Serve the quiz to players over SSH and/or in a browser, each as themself."""
    from quiz.cli.output import fail
    from quiz.serve.config import (
        KB,
        MB,
        Address,
        ServeConfig,
        default_max_anonymous,
        default_max_sessions,
        proxy_address,
    )
    from quiz.serve.hostkey import KEY_NAME
    from quiz.serve.runner import ServeError
    from quiz.serve.runner import serve as run_server
    from quiz.system import paths

    if ssh is None and web is None:
        raise click.UsageError(t("serve.no_transport"))
    assert ssh is None or isinstance(ssh, Address)
    assert web is None or isinstance(web, Address)
    try:
        proxies = tuple(proxy_address(text) for text in trusted_proxies)
    except ValueError as exc:
        raise click.BadParameter(t("serve.bad_proxy", value=str(exc)),
                                 param_hint="--trusted-proxy") from None  # fmt: skip
    members = max_sessions or default_max_sessions()
    config = ServeConfig(
        settings=current_settings(),
        ssh=ssh,
        web=web,
        max_sessions=members,
        max_anonymous=max_anonymous or default_max_anonymous(members),
        login_timeout=login_deadline,
        session_memory=session_memory * MB,
        output_rate=output_rate * KB,
        trusted_proxies=proxies,
        open_mode=open_mode,
        host_key=host_key or paths.data_dir() / KEY_NAME,
        allowed_origins=tuple(origin.rstrip("/").lower() for origin in allowed_origins),
    )
    try:
        raise SystemExit(run_server(config))
    except ServeError as exc:
        fail(exc)
