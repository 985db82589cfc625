"""Ordinary group messages and their edits: no command needed, the desk reads them."""

from __future__ import annotations

import logging

from aiogram import Router
from aiogram.types import Message, Update

from bot.sender import Sender
from handlers.filters import has_words, has_words_or_photo
from handlers.messages_in import group_message, mentions_bot, strip_bot_mention
from tickets.desk import Desk
from tickets.taxonomy import Road

log = logging.getLogger("streetdesk.handlers")
router = Router(name="group_messages")


@router.message(has_words_or_photo)
async def on_message(
    message: Message,
    event_update: Update,
    road: Road,
    desk: Desk,
    sender: Sender,
    bot_username: str | None,
) -> None:
    if message.from_user is None or message.from_user.is_bot:
        return
    explicit = mentions_bot(message, bot_username)
    text = message.text or message.caption or ""
    incoming = group_message(
        message,
        update_id=event_update.update_id,
        text=strip_bot_mention(text, bot_username) if explicit else text,
        explicit_report=explicit,
    )
    outcome = await desk.handle(incoming, road)
    log.info(
        "message_handled",
        extra={
            "chat": message.chat.id,
            "outcome": outcome.kind.value,
            "ticket": outcome.ticket.number if outcome.ticket else None,
        },
    )
    sender.wake()


@router.edited_message(has_words)
async def on_edit(
    edited_message: Message, event_update: Update, road: Road, desk: Desk, sender: Sender
) -> None:
    if edited_message.from_user is None or edited_message.from_user.is_bot:
        return
    outcome = await desk.edit(group_message(edited_message, update_id=event_update.update_id), road)
    log.info("edit_handled", extra={"chat": edited_message.chat.id, "outcome": outcome.kind.value})
    sender.wake()
