"""Chats and what is in them: topics, messages with their edit history, pressed buttons.

Plain records, no I/O. A message renders itself as the Bot API's `Message` (`to_json`), which needs
the chats and users around it: any `Directory` gives those (in practice the `World`), so this
module needs nothing of emulator.world, which holds these records.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from emulator.accounts import UserRecord
from emulator.membership import Membership


class Directory(Protocol):
    """What a message needs to render itself: the chats and users by id."""

    chats: dict[int, ChatRecord]
    users: dict[int, UserRecord]


@dataclass
class Topic:
    thread_id: int
    name: str
    icon_color: int


@dataclass
class Revision:
    """A message as it was before an edit."""

    edited_at: float
    text: str | None
    entities: list[dict[str, Any]]
    caption: str | None
    caption_entities: list[dict[str, Any]]
    raw_text: str | None
    parse_mode: str | None
    reply_markup: dict[str, Any] | None


@dataclass
class ChatMessage:
    """One message in a chat's log, from a user or from a bot, with its edit history."""

    chat_id: int
    message_id: int
    date: int
    sender_id: int | None
    from_bot: bool = False
    text: str | None = None
    entities: list[dict[str, Any]] = field(default_factory=list)
    caption: str | None = None
    caption_entities: list[dict[str, Any]] = field(default_factory=list)
    raw_text: str | None = None  # the text or caption exactly as the bot sent it
    parse_mode: str | None = None
    photo: list[dict[str, Any]] | None = None
    document: dict[str, Any] | None = None
    location: dict[str, Any] | None = None
    reply_markup: dict[str, Any] | None = None
    reply_to: int | None = None
    thread_id: int | None = None
    is_topic_message: bool = False
    media_group_id: str | None = None
    forward_origin: dict[str, Any] | None = None
    service: dict[str, Any] = field(default_factory=dict)
    edit_date: int | None = None
    history: list[Revision] = field(default_factory=list)
    deleted: bool = False
    recipient_bot_id: int | None = None  # private chats: the bot the user wrote to

    # -- what tests read ------------------------------------------------------------------------
    @property
    def body(self) -> str:
        """The text, or the caption of a photo or document."""
        return self.text if self.text is not None else (self.caption or "")

    @property
    def html(self) -> str | None:
        """The markup the bot sent, when it used parse_mode HTML."""
        return self.raw_text if (self.parse_mode or "").lower() == "html" else None

    @property
    def reply_to_message_id(self) -> int | None:
        return self.reply_to

    @property
    def buttons(self) -> list[dict[str, Any]]:
        rows = (self.reply_markup or {}).get("inline_keyboard", [])
        return [button for row in rows for button in row]

    @property
    def callback_data(self) -> list[str]:
        return [button["callback_data"] for button in self.buttons if "callback_data" in button]

    @property
    def mentioned_user_ids(self) -> list[int]:
        """Users the message links to with tg://user?id= (text_mention entities)."""
        entities = self.entities if self.text is not None else self.caption_entities
        return [entity["user"]["id"] for entity in entities if entity["type"] == "text_mention"]

    def revise(self, at: float) -> None:
        self.history.append(
            Revision(
                edited_at=at,
                text=self.text,
                entities=self.entities,
                caption=self.caption,
                caption_entities=self.caption_entities,
                raw_text=self.raw_text,
                parse_mode=self.parse_mode,
                reply_markup=self.reply_markup,
            )
        )

    def to_json(self, world: Directory, with_reply: bool = True) -> dict[str, Any]:
        chat = world.chats[self.chat_id]
        message: dict[str, Any] = {"message_id": self.message_id}
        if self.sender_id is not None and self.sender_id in world.users:
            message["from"] = world.users[self.sender_id].to_json()
        message["chat"] = chat.to_json()
        message["date"] = self.date
        if self.thread_id is not None:
            message["message_thread_id"] = self.thread_id
        if self.is_topic_message:
            message["is_topic_message"] = True
        if self.forward_origin:
            message["forward_origin"] = self.forward_origin
        if with_reply and self.reply_to is not None:
            replied = chat.messages.get(self.reply_to)
            if replied is not None and not replied.deleted:
                message["reply_to_message"] = replied.to_json(world, with_reply=False)
        if self.edit_date is not None:
            message["edit_date"] = self.edit_date
        if self.media_group_id:
            message["media_group_id"] = self.media_group_id
        if self.text is not None:
            message["text"] = self.text
            if self.entities:
                message["entities"] = self.entities
        if self.photo:
            message["photo"] = self.photo
        if self.document:
            message["document"] = self.document
        if self.location:
            message["location"] = self.location
        if self.caption is not None:
            message["caption"] = self.caption
            if self.caption_entities:
                message["caption_entities"] = self.caption_entities
        message.update(self.service)
        # Only inline keyboards come back on a Message; reply keyboards are the client's business.
        if self.reply_markup and "inline_keyboard" in self.reply_markup:
            message["reply_markup"] = self.reply_markup
        return message


@dataclass
class ChatRecord:
    id: int
    type: str  # "private", "group" or "supergroup"
    title: str | None = None
    username: str | None = None
    is_forum: bool = False
    first_name: str | None = None
    last_name: str | None = None
    members: dict[int, Membership] = field(default_factory=dict)
    topics: dict[int, Topic] = field(default_factory=dict)
    messages: dict[int, ChatMessage] = field(default_factory=dict)
    last_message_id: int = 0

    def to_json(self) -> dict[str, Any]:
        chat: dict[str, Any] = {"id": self.id, "type": self.type}
        if self.title is not None:
            chat["title"] = self.title
        if self.username:
            chat["username"] = self.username
        if self.first_name is not None:
            chat["first_name"] = self.first_name
        if self.last_name:
            chat["last_name"] = self.last_name
        if self.is_forum:
            chat["is_forum"] = True
        return chat

    def full_info_json(self) -> dict[str, Any]:
        """The ChatFullInfo getChat returns."""
        return {
            **self.to_json(),
            "accent_color_id": 0,
            "max_reaction_count": 11,
            "accepted_gift_types": {
                "unlimited_gifts": False,
                "limited_gifts": False,
                "unique_gifts": False,
                "premium_subscription": False,
                "gifts_from_channels": False,
            },
        }


@dataclass
class CallbackQueryRecord:
    id: str
    bot_token: str
    user_id: int
    chat_id: int
    message_id: int
    data: str
    answered: bool = False
