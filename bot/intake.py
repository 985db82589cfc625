"""Updates in: what polling and the webhook share. An update is stored in the inbox before
Telegram is told it arrived; which chat it belongs to decides the order it is processed in."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any

from aiogram.types import Update

from bot.database import Database
from storage.inbox import Incoming
from tickets.clock import Clock


def chat_of(update: Update) -> int | None:
    """The chat whose updates must be processed in order: the group of a message, of a button's
    message, of a membership change; None for the few updates that belong to no chat."""
    message = (
        update.message
        or update.edited_message
        or update.channel_post
        or update.edited_channel_post
        or update.business_message
    )
    if message is not None:
        return message.chat.id
    if update.callback_query is not None:
        query = update.callback_query
        return query.message.chat.id if query.message is not None else query.from_user.id
    for changed in (update.my_chat_member, update.chat_member, update.chat_join_request):
        if changed is not None:
            return changed.chat.id
    return None


def incoming(update: Update, raw: dict[str, Any] | None = None) -> Incoming:
    """The update as it is stored: as Telegram sent it (`raw`, from a webhook), or as aiogram
    read it from getUpdates (unset fields left out, so it is what Telegram sent)."""
    payload = (
        raw
        if raw is not None
        else update.model_dump(mode="json", exclude_unset=True, by_alias=True)
    )
    return Incoming(update.update_id, chat_of(update), payload)


async def store(database: Database, clock: Clock, bot_id: int, updates: Sequence[Incoming]) -> None:
    """Store updates in one transaction; a repeat of one already stored changes nothing."""
    async with database.unit_of_work() as uow:
        await uow.inbox.store(bot_id, updates, clock.now())
        await uow.commit()


class InboxWriter:
    """Stores updates one by one as they arrive, several to a transaction when they arrive
    together: those that come while a transaction is being written wait and go together in the
    next (a group commit). Telegram delivers a webhook's updates over up to 40 connections at
    once; one transaction each would make the database's commit the intake's limit."""

    def __init__(self, database: Database, clock: Clock, bot_id: int) -> None:
        self._database = database
        self._clock = clock
        self._bot_id = bot_id
        self._waiting: list[tuple[Incoming, asyncio.Future[None]]] = []
        self._writing: asyncio.Task[None] | None = None

    async def store(self, update: Incoming) -> None:
        """Return once the update is committed; raise what its transaction raised."""
        stored = asyncio.get_running_loop().create_future()
        self._waiting.append((update, stored))
        if self._writing is None or self._writing.done():
            self._writing = asyncio.create_task(self._write())
        await stored  # cancelled (the caller gave up): the update may still be stored, harmlessly

    async def _write(self) -> None:
        while self._waiting:
            batch, self._waiting = self._waiting, []
            outcome: BaseException | None = None
            try:
                await store(self._database, self._clock, self._bot_id, [u for u, _ in batch])
            except Exception as error:  # each waiter answers for its own update
                outcome = error
            for _, stored in batch:
                if stored.done():
                    continue
                if outcome is None:
                    stored.set_result(None)
                else:
                    stored.set_exception(outcome)
