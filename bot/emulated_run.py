"""The real bot as a separate process against the bundled emulator: for the demo, the end-to-end
tests and the benchmarks. Nothing in the bot process knows it is not talking to Telegram."""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import signal
import sys
from pathlib import Path

from bot.emulator import Emulator

EXAMPLE_CONFIG = Path(__file__).resolve().parent.parent / "config.example.toml"
DEMO_TOKEN = "7000000001:AAStreetDeskDemoTokenNotARealOne000"
DEMO_BOT_USERNAME = "streetdesk_bot"


def emulator_config(
    *,
    api_base: str,
    database: Path,
    per_chat_interval: str = "0s",
    replacements: dict[str, str] | None = None,
    extra: str = "",
) -> str:
    """The example configuration pointed at the emulator and a database file.

    `replacements` swaps whole lines that start with a key (e.g. {'ack = "2h"': 'ack = "2s"'} or a
    regex pattern), `extra` is appended (more roads).
    """
    text = EXAMPLE_CONFIG.read_text(encoding="utf-8")
    text = re.sub(r'(?m)^api_base = ".*"', f'api_base = "{api_base}"', text)
    text = re.sub(r'(?m)^url = ".*"', f'url = "sqlite+aiosqlite:///{database}"', text)
    text = re.sub(
        r'(?m)^per_chat_interval = ".*"', f'per_chat_interval = "{per_chat_interval}"', text
    )
    for old, new in (replacements or {}).items():
        text = text.replace(old, new)
    return text + extra


class BotProcess:
    """`streetdesk run` in a child process, started and stopped like a deployment would."""

    def __init__(self, config: Path, token: str, log_path: Path) -> None:
        self.config = config
        self.token = token
        self.log_path = log_path
        self.process: asyncio.subprocess.Process | None = None

    async def start(
        self,
        emulator: Emulator,
        timeout: float = 60.0,  # noqa: ASYNC109
        ready_call: str = "getUpdates",
    ) -> None:
        """Start the bot and return once it asks for updates (getUpdates, or setWebhook in
        webhook mode): its handlers are wired by then."""
        since = len(emulator.calls())
        env = {**os.environ, "STREETDESK_TELEGRAM__TOKEN": self.token, "PYTHONUNBUFFERED": "1"}
        with self.log_path.open("ab") as log:
            self.process = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "bot",
                "run",
                "--config",
                str(self.config),
                stdin=asyncio.subprocess.DEVNULL,
                stdout=log,
                stderr=log,
                env=env,
            )
        # Ready once a long poll has begun: handlers are wired by then, and the poll itself may
        # last its whole timeout before it finishes.
        ready = asyncio.ensure_future(
            emulator.wait_until(lambda: emulator.calls(ready_call, since=since), timeout=timeout)
        )
        died = asyncio.ensure_future(self.process.wait())
        done, _ = await asyncio.wait({ready, died}, return_when=asyncio.FIRST_COMPLETED)
        if died in done:
            ready.cancel()
            raise RuntimeError(f"the bot exited with {self.process.returncode}: {self.log_tail()}")
        died.cancel()
        ready.result()

    async def stop(self, timeout: float = 15.0) -> int | None:  # noqa: ASYNC109
        """SIGTERM, as a service manager would; SIGKILL if it does not stop in time."""
        if self.process is None or self.process.returncode is not None:
            return None if self.process is None else self.process.returncode
        self.process.send_signal(signal.SIGTERM)
        try:
            return await asyncio.wait_for(self.process.wait(), timeout)
        except TimeoutError:
            return await self.kill()

    async def kill(self) -> int | None:
        """SIGKILL: a crash, with no chance to tidy up."""
        if self.process is None or self.process.returncode is not None:
            return None if self.process is None else self.process.returncode
        with contextlib.suppress(ProcessLookupError):
            self.process.kill()
        return await self.process.wait()

    def log_tail(self, lines: int = 30) -> str:
        if not self.log_path.exists():
            return ""
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
