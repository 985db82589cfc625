"""From aiogram's Message to the desk's GroupMessage: the only place that knows both shapes."""

from __future__ import annotations

from aiogram.types import Message, User

from tickets.desk import GroupMessage, Sender
from tickets.model import Photo, PhotoKind


def sender_of(user: User) -> Sender:
    return Sender(user_id=user.id, name=user.full_name, username=user.username)


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
    message: Message,
    *,
    update_id: int | None,
    text: str | None = None,
    explicit_report: bool = False,
) -> GroupMessage:
    if message.from_user is None:
        raise ValueError("a group message without a sender (channel post) is not a report")
    return GroupMessage(
        chat_id=message.chat.id,
        message_id=message.message_id,
        sender=sender_of(message.from_user),
        text=text if text is not None else (message.text or message.caption or ""),
        photos=photos_of(message),
        thread_id=message.message_thread_id if message.is_topic_message else None,
        reply_to=message.reply_to_message.message_id if message.reply_to_message else None,
        media_group_id=message.media_group_id,
        update_id=update_id,
        explicit_report=explicit_report,
        forwarded=message.forward_origin is not None,
    )
