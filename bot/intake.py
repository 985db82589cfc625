"""Updates in: what polling and the webhook share. An update is stored in the inbox before
Telegram is told it arrived; which chat it belongs to decides the order it is processed in."""

from __future__ import annotations

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
