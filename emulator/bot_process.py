"""The real bot as a separate process against the bundled emulator: for the demo, the end-to-end
tests and the benchmarks. Nothing in the bot process knows it is not talking to Telegram."""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import multiprocessing.context
import os
import re
import signal
import sys
from importlib.metadata import entry_points
from pathlib import Path
from typing import Protocol

from emulator import Emulator

EXAMPLE_CONFIG = Path(__file__).resolve().parent.parent / "config.example.toml"
DEMO_TOKEN = "7000000001:AAStreetDeskDemoTokenNotARealOne000"
DEMO_BOT_USERNAME = "streetdesk_bot"


# The example config with no digest and no weekly summary, for tests and benches that are not
# about them: a bot that starts after digest time publishes yesterday's digest for every road at
# once (the catch-up), and on Mondays a chart per road: messages in the groups and seconds of
# work that would land in the middle of a test or a measurement, depending on the hour it runs.
QUIET_DIGESTS = {"enabled = true": "enabled = false"}  # [digest] enabled


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


class _Child(Protocol):
    """What BotProcess needs of a started child, whichever way it was started."""

    @property
    def returncode(self) -> int | None: ...

    @property
    def pid(self) -> int | None: ...

    def send_signal(self, signum: int) -> None: ...

    async def wait(self) -> int: ...


# The bot's own imports (aiogram builds some 600 pydantic models on import) cost seconds of CPU
# per start. Test suites start the bot dozens of times, so they can start it from a forkserver
# that imported all of that once: each child is still a fresh process running `streetdesk run`
# from its entry point, with its own pid, signals, log and exit code.
_PRELOAD = ["bot.cli", "bot.app"]
_forkserver: multiprocessing.context.ForkServerContext | None = None


def _forkserver_context() -> multiprocessing.context.ForkServerContext:
    global _forkserver
    if _forkserver is None:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(_PRELOAD)
        _forkserver = context
    return _forkserver


def _run_prewarmed(args: list[str], env: dict[str, str], log_path: str) -> None:
    """The child's body: the environment and output of a fresh `streetdesk ...` process."""
    os.environ.clear()
    os.environ.update(env)
    log = os.open(log_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    os.dup2(log, 1)
    os.dup2(log, 2)
    os.close(log)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)
    # The installed `streetdesk` command, found by name as its console script finds it: the
    # stage runs the product's command line and knows nothing else of it.
    main = entry_points(group="console_scripts", name="streetdesk")[0].load()
    main(args, prog_name="streetdesk")


class _PrewarmedChild:
    def __init__(self, process: multiprocessing.process.BaseProcess) -> None:
        self._process = process

    @property
    def pid(self) -> int | None:
        return self._process.pid

    @property
    def returncode(self) -> int | None:
        return self._process.exitcode

    def send_signal(self, signum: int) -> None:
        if self._process.pid is not None and self._process.exitcode is None:
            os.kill(self._process.pid, signum)

    async def wait(self) -> int:
        if self._process.exitcode is None:
            # The sentinel becomes readable when the child exits: wait on it, not on a timer.
            loop = asyncio.get_running_loop()
            exited = loop.create_future()
            sentinel = self._process.sentinel
            loop.add_reader(sentinel, lambda: exited.done() or exited.set_result(None))
            try:
                await exited
            finally:
                loop.remove_reader(sentinel)
        self._process.join()
        code = self._process.exitcode
        assert code is not None
        return code


class _ExecChild:
    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self._process = process

    @property
    def pid(self) -> int | None:
        return self._process.pid

    @property
    def returncode(self) -> int | None:
        return self._process.returncode

    def send_signal(self, signum: int) -> None:
        with contextlib.suppress(ProcessLookupError):
            self._process.send_signal(signum)

    async def wait(self) -> int:
        return await self._process.wait()


class BotProcess:
    """`streetdesk run` in a child process, started and stopped like a deployment would."""

    def __init__(
        self, config: Path, token: str, log_path: Path, *, prewarmed: bool = False
    ) -> None:
        """`prewarmed` starts it from a forkserver that has the bot's modules imported already."""
        self.config = config
        self.token = token
        self.log_path = log_path
        self.prewarmed = prewarmed
        self.process: _Child | None = None

    async def _launch(self, env: dict[str, str]) -> _Child:
        args = ["run", "--config", str(self.config)]
        if self.prewarmed:
            process = _forkserver_context().Process(
                target=_run_prewarmed, args=(args, env, str(self.log_path)), daemon=False
            )
            # Starting the forkserver the first time imports the preload: keep the loop free.
            await asyncio.to_thread(process.start)
            return _PrewarmedChild(process)
        with self.log_path.open("ab") as log:
            process = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "bot",
                *args,
                stdin=asyncio.subprocess.DEVNULL,
                stdout=log,
                stderr=log,
                env=env,
            )
        return _ExecChild(process)

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
        self.process = await self._launch(env)
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
        self.process.send_signal(signal.SIGKILL)
        return await self.process.wait()

    def log_tail(self, lines: int = 30) -> str:
        if not self.log_path.exists():
            return ""
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
