"""A small client for the control API, for code that drives the emulator from another process.

async with EmulatorClient("http://127.0.0.1:8081") as emu:
    chat = await emu.call("create_group", title="金桥路联络群")
    await emu.call("post_message", chat_id=chat["id"], user_id=uid, text="路灯不亮")
    card = await emu.call("wait_for_message", chat_id=chat["id"], text_contains="路灯")
"""

from __future__ import annotations

from typing import Any

import aiohttp


class EmulatorControlError(Exception):
    def __init__(self, status: int, description: str) -> None:
        super().__init__(f"{status}: {description}")
        self.status = status
        self.description = description


class EmulatorClient:
    def __init__(self, base_url: str) -> None:
        self.base_url = base_url.rstrip("/")
        self._session: aiohttp.ClientSession | None = None

    async def __aenter__(self) -> EmulatorClient:
        self._session = aiohttp.ClientSession()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def call(self, action: str, **arguments: Any) -> Any:
        """Run `Emulator.<action>(**arguments)` in the emulator's process; returns its JSON."""
        if self._session is None:
            self._session = aiohttp.ClientSession()
        async with self._session.post(
            f"{self.base_url}/_control/{action}", json=arguments
        ) as response:
            body = await response.json()
        if not body.get("ok"):
            raise EmulatorControlError(response.status, str(body.get("description")))
        return body["result"]
