"""From aiogram's objects to the desk's plain values: the only place that knows both shapes."""

from __future__ import annotations

from aiogram.types import CallbackQuery, Message, User

from tickets.model import Photo, PhotoKind
from tickets.requests import ButtonPress, GroupMessage, Person, Place, Replied


def person(user: User) -> Person:
    return Person(user_id=user.id, name=user.full_name, username=user.username)


def thread_of(message: Message) -> int | None:
    """The forum topic a message is in (a reply thread in an ordinary group is not a topic)."""
    return message.message_thread_id if message.is_topic_message else None


def place_of(message: Message) -> Place:
    """Answering `message`, in its chat and topic."""
    return Place(message.chat.id, thread_of(message), message.message_id)


def photos_of(message: Message) -> tuple[Photo, ...]:
    if not message.photo:
        return ()
    largest = message.photo[-1]  # Telegram lists the sizes smallest first
    return (Photo(largest.file_id, PhotoKind.BEFORE, largest.file_unique_id),)


def mentions_bot(message: Message, bot_username: str | None) -> bool:
    if not bot_username:
        return False
    text = message.text or message.caption or ""
    entities = message.entities or message.caption_entities or []
    wanted = f"@{bot_username}".lower()
    return (
        any(
            e.type == "mention" and text[e.offset : e.offset + e.length].lower() == wanted
            for e in entities
        )
        or wanted in text.lower()
    )


def strip_bot_mention(text: str, bot_username: str | None) -> str:
    if not bot_username:
        return text
    return text.replace(f"@{bot_username}", "").strip()


def group_message(
    message: Message, *, text: str | None = None, explicit_report: bool = False
) -> GroupMessage | None:
    """The message as the desk reads it; None for one without a person behind it (a channel
    posting in the group, another bot)."""
    if message.from_user is None or message.from_user.is_bot:
        return None
    return GroupMessage(
        chat_id=message.chat.id,
        message_id=message.message_id,
        sender=person(message.from_user),
        text=text if text is not None else (message.text or message.caption or ""),
        photos=photos_of(message),
        thread_id=thread_of(message),
        reply_to=message.reply_to_message.message_id if message.reply_to_message else None,
        media_group_id=message.media_group_id,
        explicit_report=explicit_report,
        forwarded=message.forward_origin is not None,
        replied=replied_of(message),
    )


def replied_of(message: Message) -> Replied | None:
    """The message answered, when a person wrote it: not a bot's (a card), and not a forum
    topic's first message (a message in a topic "replies" to it)."""
    replied = message.reply_to_message
    if replied is None or replied.from_user is None or replied.from_user.is_bot:
        return None
    if message.is_topic_message and replied.message_id == message.message_thread_id:
        return None
    return Replied(
        message_id=replied.message_id,
        sender=person(replied.from_user),
        text=replied.text or replied.caption or "",
        photos=photos_of(replied),
    )


def button_press(query: CallbackQuery) -> ButtonPress | None:
    """The press as the desk reads it; None when its message is gone (too old to say where)."""
    if not isinstance(query.message, Message):
        return None
    return ButtonPress(
        query_id=query.id,
        chat_id=query.message.chat.id,
        thread_id=thread_of(query.message),
        presser=person(query.from_user),
    )
