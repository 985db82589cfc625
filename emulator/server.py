"""`Emulator`: the Bot API server, plus a control API to play the users and watch the bot.

    async with Emulator() as emu:
        emu.add_bot(TOKEN, username="streetdesk_bot", can_read_all_group_messages=True)
        chat = await emu.create_group("金桥路联络群")
        resident = await emu.add_user("王", username="wang")
        await emu.post_message(chat.id, resident.id, "金桥路12号路灯不亮")
        card = await emu.wait_for_message(lambda m: "路灯" in m.body)

Acting and configuring methods are coroutines (the same calls exist over HTTP under `/_control/`
for a bot or a demo in another process); reading methods are plain. Waiting never polls on a
timer: waiters wake when the emulator's state changes.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from aiohttp import web

from emulator.control import EMULATOR, add_control_routes
from emulator.http_api import BACKEND, add_routes
from emulator.stage import Stage

MAX_UPLOAD = 64 * 1024 * 1024  # Telegram takes documents up to 50 MB from bots


class Emulator(Stage):
    """A `Stage` served over HTTP: its methods (see `emulator.stage` for where each group lives)
    plus starting, stopping and the address a bot connects to."""

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        accept_any_token: bool = False,
        seed: int = 0,
        clock: Callable[[], float] = time.time,
    ) -> None:
        """It listens on `host`:`port` once started (port 0 picks a free one, read back into
        `port`); the keyword arguments are the Stage's."""
        self.host = host
        self.port = port
        super().__init__(accept_any_token=accept_any_token, seed=seed, clock=clock)
        self._runner: web.AppRunner | None = None

    # -- lifecycle ------------------------------------------------------------------------------
    def build_app(self) -> web.Application:
        app = web.Application(client_max_size=MAX_UPLOAD)
        app[BACKEND] = self.backend
        app[EMULATOR] = self
        add_control_routes(app)
        add_routes(app)  # last: it ends with the catch-all 404
        return app

    async def start(self) -> Emulator:
        self.backend.closing = False
        self._runner = web.AppRunner(self.build_app(), access_log=None, shutdown_timeout=2.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        address = self._runner.addresses[0]
        self.port = int(address[1])
        return self

    async def stop(self) -> None:
        self.backend.closing = True
        self.world.changed.notify()  # long polls return now instead of at their timeout
        await self.backend.webhooks.close()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> Emulator:
        return await self.start()

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    @property
    def base_url(self) -> str:
        """What `TelegramAPIServer.from_base()` takes."""
        return f"http://{self.host}:{self.port}"
