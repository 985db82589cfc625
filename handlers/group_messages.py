"""Ordinary group messages: words or a photo, read by the desk's intake; edits of them."""

from __future__ import annotations

import logging

from aiogram import Router
from aiogram.types import Message

from handlers.filters import has_words, has_words_or_photo
from handlers.messages_in import group_message, mentions_bot, strip_bot_mention
from tickets.desk import Desk
from tickets.taxonomy import Road

log = logging.getLogger("streetdesk.handlers")


async def on_message(message: Message, road: Road, desk: Desk, bot_username: str | None) -> None:
    explicit = mentions_bot(message, bot_username)
    text = message.text or message.caption or ""
    incoming = group_message(
        message,
        text=strip_bot_mention(text, bot_username) if explicit else text,
        explicit_report=explicit,
    )
    if incoming is None:
        return
    outcome = await desk.intake.message(incoming, road)
    log.info(
        "message_handled",
        extra={
            "chat": message.chat.id,
            "outcome": outcome.kind.value,
            "ticket": outcome.ticket.number if outcome.ticket else None,
        },
    )


async def on_edit(edited_message: Message, road: Road, desk: Desk) -> None:
    incoming = group_message(edited_message)
    if incoming is None:
        return
    outcome = await desk.intake.edit(incoming, road)
    log.info("edit_handled", extra={"chat": edited_message.chat.id, "outcome": outcome.kind.value})


def router() -> Router:
    """A new group messages router: a process has one dispatcher, tests build several."""
    built = Router(name="group_messages")
    built.message.register(on_message, has_words_or_photo)
    built.edited_message.register(on_edit, has_words)
    return built
