"""The group's road, looked up once per update (from the config and the bindings in the
database, so a /bind in another process counts at once) and passed to the handlers; groups bound
to no road are ignored, except for a new /bind message, which is how a group gets bound (an
edit of one is not: it binds nothing and is not answered)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.dispatcher.event.bases import UNHANDLED
from aiogram.types import CallbackQuery, Message, TelegramObject

from handlers.filters import GROUP_CHATS
from handlers.messages_in import thread_of
from tickets.desk import Desk


def is_bind_command(text: str) -> bool:
    """`/bind ...` or `/bind@somebot ...`, and not `/binding`."""
    words = text.split(maxsplit=1)
    return bool(words) and words[0].split("@", 1)[0] == "/bind"


class RoadMiddleware(BaseMiddleware):
    def __init__(self, *, lets_bind_through: bool = False) -> None:
        self._lets_bind_through = lets_bind_through

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        message = event.message if isinstance(event, CallbackQuery) else event
        # UNHANDLED, not None: None would count as handled and keep the event from the
        # routers after this one (the private chat's).
        if not isinstance(message, Message) or message.chat.type not in GROUP_CHATS:
            return UNHANDLED
        desk: Desk = data["desk"]
        road = await desk.roads.at(message.chat.id, thread_of(message))
        if road is None:
            text = (message.text or "") if isinstance(event, Message) else ""
            if not (self._lets_bind_through and is_bind_command(text)):
                return UNHANDLED  # not one of ours: say nothing, record nothing
        data["road"] = road
        return await handler(event, data)
