"""Filters as coroutines. aiogram runs a filter that is a plain function or a magic filter
(`F.text | F.photo`) in a worker thread (asyncio.to_thread): a thread hop per filter for every
update, a tenth of handling a group message under load. These say the same, on the loop."""

from __future__ import annotations

from aiogram.types import CallbackQuery, Message

GROUP_CHATS = frozenset({"group", "supergroup"})


async def in_group(message: Message) -> bool:
    return message.chat.type in GROUP_CHATS


async def in_private_chat(message: Message) -> bool:
    return message.chat.type == "private"


async def pressed_in_group(callback: CallbackQuery) -> bool:
    return callback.message is not None and callback.message.chat.type in GROUP_CHATS


async def has_words_or_photo(message: Message) -> bool:
    """An ordinary message: words or a photo, and not a command (those have their routers)."""
    return is_ordinary(message)


def is_ordinary(message: Message) -> bool:
    """Words or a photo, not a command: what the group-message router takes, and what polling
    lets share a run (bot/batch_polling.py). One definition, so the two never disagree."""
    return bool(message.text or message.photo) and not starts_with_slash(message)


async def has_words(message: Message) -> bool:
    return bool(message.text or message.caption)


async def is_command(message: Message) -> bool:
    """What aiogram's Command filter could match (it reads the caption too): one cheap test at
    the router instead of every command handler parsing every ordinary message."""
    return starts_with_slash(message)


def starts_with_slash(message: Message) -> bool:
    return (message.text or message.caption or "").startswith("/")
