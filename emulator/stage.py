"""`Stage`: the emulated Telegram in this process, and everything a test can do with it.

A Stage owns the world, the journal and the Bot API backend, and gathers the in-process API from
its parts: setting the scene (`emulator.scene`), playing the users (`emulator.playing`), watching
the bot (`emulator.watching`) and making trouble (`emulator.fault_controls`). It opens no socket.
`emulator.server.Emulator` serves a Stage over HTTP and `emulator.control` exposes its methods to
other processes; both build on this module, and nothing here knows of either.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from emulator.accounts import BotAccount
from emulator.api import invoke
from emulator.backend import Backend
from emulator.fault_controls import FaultControls
from emulator.journal import Journal
from emulator.params import Params
from emulator.playing import Playing
from emulator.scene import Scene
from emulator.watching import Watching
from emulator.webhooks import Webhooks
from emulator.world import World


class Stage(Scene, Playing, Watching, FaultControls):
    def __init__(
        self,
        *,
        accept_any_token: bool = False,
        seed: int = 0,
        clock: Callable[[], float] = time.time,
    ) -> None:
        """`accept_any_token` registers any well-formed token on first use (otherwise unknown
        tokens get 401). `clock` gives the `date` of messages, e.g. a test's fake clock."""
        self.world = World(clock=clock, seed=seed)
        self.journal = Journal(self.world.changed)
        webhooks = Webhooks(self.world, self.world.changed)
        self.backend = Backend(
            world=self.world,
            journal=self.journal,
            webhooks=webhooks,
            accept_any_token=accept_any_token,
        )
        webhooks.execute_reply = self._execute_webhook_reply

    async def _execute_webhook_reply(self, bot: BotAccount, method: str, params: Params) -> None:
        # A bot may answer a webhook POST with a method call of its own: it runs as if called.
        await invoke(self.backend, bot.token, method, params, via="webhook_reply")
