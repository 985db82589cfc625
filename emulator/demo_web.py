"""`streetdesk demo --web`: the web desk switched on in the demo's config, and, after the
morning, its address and a one-time sign-in link for the street chief."""

from __future__ import annotations

import asyncio
import signal
import socket
from collections.abc import Callable
from pathlib import Path

from emulator.bot_process import DEMO_TOKEN

# [web] in the example config, switched on for `demo --web`.
WEB_OFF = "enabled = false  # true: `streetdesk run` serves it too"


def with_web(text: str, port: int) -> str:
    if WEB_OFF not in text or "port = 8080\npublic_url" not in text:
        raise RuntimeError("config.example.toml's [web] section is not where the demo looks")
    text = text.replace(WEB_OFF, WEB_OFF.replace("false", "true", 1))
    return text.replace("port = 8080\npublic_url", f"port = {port}\npublic_url")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def keep_the_desk_open(
    say: Callable[[str], None],
    config: Path,
    port: int,
    stop: asyncio.Event | None,
    link: str,
    chief: int,
    chief_name: str,
) -> None:
    """Say where the desk is and a one-time link for the street chief; wait for the stop."""
    say("")
    say(f"The web desk is at http://127.0.0.1:{port}/ (the ledger, tickets, figures).")
    say(f"Sign in as {chief_name} with this one-time link (10 minutes, one use):")
    say(f"  {link}")
    say(f"Another link: STREETDESK_TELEGRAM__TOKEN={DEMO_TOKEN} streetdesk web --config")
    say(f"  {config} --link {chief}")
    say("The emulator, the bot and the desk keep running; Ctrl-C stops them.")
    if stop is None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop.set)
    await stop.wait()
