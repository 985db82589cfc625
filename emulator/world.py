"""What the emulated Telegram knows: bots, users, chats, members, topics and every message.

Plain records, no I/O. Each record renders itself as Bot API JSON (`to_json`), which is the only
shape a bot ever sees.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from emulator.files import FileStore
from emulator.updates import UpdateQueue
from emulator.wakeup import Signal

TOKEN_PATTERN = re.compile(r"^(\d{1,20}):[A-Za-z0-9_-]{1,100}$")
MEMBER_STATUSES = ("creator", "administrator", "member", "restricted", "left", "kicked")

# An administrator's rights as getChatMember reports them; everything but promoting by default.
ADMIN_RIGHTS = (
    "can_manage_chat",
    "can_delete_messages",
    "can_manage_video_chats",
    "can_restrict_members",
    "can_promote_members",
    "can_change_info",
    "can_invite_users",
    "can_post_stories",
    "can_edit_stories",
    "can_delete_stories",
    "can_send_welcome_messages",
    "can_pin_messages",
    "can_manage_topics",
)
RESTRICTED_RIGHTS = (
    "can_send_messages",
    "can_send_audios",
    "can_send_documents",
    "can_send_photos",
    "can_send_videos",
    "can_send_video_notes",
    "can_send_voice_notes",
    "can_send_polls",
    "can_send_other_messages",
    "can_add_web_page_previews",
    "can_react_to_messages",
    "can_edit_tag",
    "can_change_info",
    "can_invite_users",
    "can_pin_messages",
    "can_manage_topics",
)


@dataclass
class UserRecord:
    id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    is_bot: bool = False
    language_code: str | None = None

    def to_json(self) -> dict[str, Any]:
        user: dict[str, Any] = {"id": self.id, "is_bot": self.is_bot, "first_name": self.first_name}
        if self.last_name:
            user["last_name"] = self.last_name
        if self.username:
            user["username"] = self.username
        if self.language_code:
            user["language_code"] = self.language_code
        return user


@dataclass
class BotAccount:
    token: str
    user: UserRecord
    updates: UpdateQueue
    can_join_groups: bool = True
    can_read_all_group_messages: bool = False
    supports_inline_queries: bool = False
    # (scope as canonical JSON, language_code) -> commands, as setMyCommands keeps them.
    commands: dict[tuple[str, str], list[dict[str, str]]] = field(default_factory=dict)

    @property
    def id(self) -> int:
        return self.user.id

    @property
    def username(self) -> str:
        return self.user.username or ""

    def me_json(self) -> dict[str, Any]:
        return {
            **self.user.to_json(),
            "can_join_groups": self.can_join_groups,
            "can_read_all_group_messages": self.can_read_all_group_messages,
            "supports_inline_queries": self.supports_inline_queries,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }


@dataclass
class Membership:
    user_id: int
    status: str
    custom_title: str | None = None
    rights: dict[str, bool] = field(default_factory=dict)

    def to_json(self, user: dict[str, Any]) -> dict[str, Any]:
        member: dict[str, Any] = {"status": self.status, "user": user}
        if self.status == "creator":
            member["is_anonymous"] = False
        elif self.status == "administrator":
            member["can_be_edited"] = False
            member["is_anonymous"] = False
            for right in ADMIN_RIGHTS:
                member[right] = self.rights.get(right, right != "can_promote_members")
        elif self.status == "restricted":
            member["is_member"] = self.rights.get("is_member", True)
            for right in RESTRICTED_RIGHTS:
                member[right] = self.rights.get(right, False)
            member["until_date"] = 0
        elif self.status == "kicked":
            member["until_date"] = 0
        if self.custom_title and self.status in ("creator", "administrator"):
            member["custom_title"] = self.custom_title
        return member

    @property
    def present(self) -> bool:
        return self.status not in ("left", "kicked")

    @property
    def is_admin(self) -> bool:
        return self.status in ("creator", "administrator")


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

    def to_json(self, world: World, with_reply: bool = True) -> dict[str, Any]:
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


class World:
    """Everything the emulated Telegram holds, with ids allocated the way Telegram shapes them."""

    def __init__(self, clock: Callable[[], float], seed: int = 0) -> None:
        self.clock = clock
        self.rng = random.Random(seed)
        self.changed = Signal()
        self.files = FileStore(self.rng)
        self.users: dict[int, UserRecord] = {}
        self.bots: dict[str, BotAccount] = {}
        self.chats: dict[int, ChatRecord] = {}
        self.callback_queries: dict[str, CallbackQueryRecord] = {}
        # (bot id, user id) pairs where the user has opened the private chat with the bot.
        self.private_started: set[tuple[int, int]] = set()
        self._next_user_id = 700_000_001
        self._next_supergroup_id = -1_002_000_000_001
        self._next_group_id = -4_000_000_001

    def now(self) -> int:
        return int(self.clock())

    # -- bots and users -------------------------------------------------------------------------
    def add_user(
        self,
        first_name: str,
        last_name: str | None = None,
        username: str | None = None,
        user_id: int | None = None,
        language_code: str | None = None,
        is_bot: bool = False,
    ) -> UserRecord:
        if user_id is None:
            while self._next_user_id in self.users:
                self._next_user_id += 1
            user_id = self._next_user_id
            self._next_user_id += 1
        if username is not None:
            username = username.removeprefix("@")
            owner = self.user_by_username(username)
            if owner is not None and owner.id != user_id:
                raise ValueError(f"username @{username} already belongs to user {owner.id}")
        user = UserRecord(user_id, first_name, last_name, username, is_bot, language_code)
        self.users[user_id] = user
        self.changed.notify()
        return user

    def user_by_username(self, username: str) -> UserRecord | None:
        wanted = username.removeprefix("@").lower()
        return next(
            (user for user in self.users.values() if (user.username or "").lower() == wanted),
            None,
        )

    def user_json(self, user_id: int) -> dict[str, Any] | None:
        user = self.users.get(user_id)
        return None if user is None else user.to_json()

    def add_bot(
        self,
        token: str,
        username: str | None = None,
        bot_id: int | None = None,
        first_name: str | None = None,
        can_read_all_group_messages: bool = False,
        can_join_groups: bool = True,
        supports_inline_queries: bool = False,
    ) -> BotAccount:
        match = TOKEN_PATTERN.match(token)
        if match is None:
            raise ValueError("a bot token looks like <digits>:<letters, digits, _ or ->")
        bot_id = int(match.group(1)) if bot_id is None else bot_id
        username = (username or f"emulated_{bot_id}_bot").removeprefix("@")
        existing = self.bots.get(token)
        if existing is not None:
            # Registering again updates the profile but keeps the bot's pending updates.
            existing.user.username = username
            existing.user.first_name = first_name or username
            existing.can_join_groups = can_join_groups
            existing.can_read_all_group_messages = can_read_all_group_messages
            existing.supports_inline_queries = supports_inline_queries
            return existing
        user = self.add_user(first_name or username, username=username, user_id=bot_id, is_bot=True)
        account = BotAccount(
            token=token,
            user=user,
            updates=UpdateQueue(
                next_update_id=self.rng.randint(100_000_000, 900_000_000), changed=self.changed
            ),
            can_join_groups=can_join_groups,
            can_read_all_group_messages=can_read_all_group_messages,
            supports_inline_queries=supports_inline_queries,
        )
        self.bots[token] = account
        self.changed.notify()
        return account

    def find_bot(self, ref: str | int | None) -> BotAccount:
        """A bot by token, username or id; with no ref, the only (or first) bot."""
        if ref is None:
            if not self.bots:
                raise ValueError("no bot is registered: call add_bot first")
            return next(iter(self.bots.values()))
        for bot in self.bots.values():
            if ref in (bot.token, bot.id, str(bot.id)) or (
                isinstance(ref, str) and ref.removeprefix("@").lower() == bot.username.lower()
            ):
                return bot
        raise ValueError(f"no bot {ref!r}")

    def bot_by_user_id(self, user_id: int) -> BotAccount | None:
        return next((bot for bot in self.bots.values() if bot.id == user_id), None)

    # -- chats ----------------------------------------------------------------------------------
    def create_group(
        self,
        title: str,
        chat_id: int | None = None,
        is_forum: bool = False,
        chat_type: str = "supergroup",
        username: str | None = None,
    ) -> ChatRecord:
        if chat_type not in ("group", "supergroup"):
            raise ValueError("a group is a 'group' or a 'supergroup'")
        if is_forum and chat_type != "supergroup":
            raise ValueError("only supergroups can be forums")
        if chat_id is None:
            if chat_type == "supergroup":
                chat_id = self._next_supergroup_id
                self._next_supergroup_id -= 1
            else:
                chat_id = self._next_group_id
                self._next_group_id -= 1
        if chat_id in self.chats:
            raise ValueError(f"chat {chat_id} exists already")
        chat = ChatRecord(
            id=chat_id,
            type=chat_type,
            title=title,
            username=username.removeprefix("@") if username else None,
            is_forum=is_forum,
        )
        self.chats[chat_id] = chat
        self.changed.notify()
        return chat

    def private_chat(self, user_id: int) -> ChatRecord:
        """A user's private chat: its id is the user's id, as in Telegram."""
        chat = self.chats.get(user_id)
        if chat is None:
            user = self.users[user_id]
            chat = ChatRecord(
                id=user_id,
                type="private",
                username=user.username,
                first_name=user.first_name,
                last_name=user.last_name,
            )
            self.chats[user_id] = chat
        return chat

    def find_chat(self, ref: int | str) -> ChatRecord | None:
        if isinstance(ref, int):
            return self.chats.get(ref)
        wanted = ref.removeprefix("@").lower()
        return next(
            (chat for chat in self.chats.values() if (chat.username or "").lower() == wanted),
            None,
        )

    def membership(self, chat: ChatRecord, user_id: int) -> Membership | None:
        """A user's place in a group. Bots belong to every group unless told otherwise."""
        membership = chat.members.get(user_id)
        if membership is None and chat.type != "private" and self.bot_by_user_id(user_id):
            return Membership(user_id, "member")
        return membership

    def set_member(
        self,
        chat_id: int,
        user_id: int,
        status: str = "member",
        custom_title: str | None = None,
        rights: dict[str, bool] | None = None,
    ) -> Membership:
        chat = self.chats.get(chat_id)
        if chat is None or chat.type == "private":
            raise ValueError(f"no group {chat_id}")
        if user_id not in self.users:
            raise ValueError(f"no user {user_id}: call add_user first")
        if status not in MEMBER_STATUSES:
            raise ValueError(f"status must be one of {', '.join(MEMBER_STATUSES)}")
        membership = Membership(user_id, status, custom_title, dict(rights or {}))
        chat.members[user_id] = membership
        self.changed.notify()
        return membership

    def store(self, chat: ChatRecord, message: ChatMessage) -> ChatMessage:
        """Give the message the chat's next id (ids grow per chat) and log it."""
        chat.last_message_id += 1
        message.message_id = chat.last_message_id
        chat.messages[message.message_id] = message
        self.changed.notify()
        return message

    def reply_thread(self, chat: ChatRecord, replied: ChatMessage) -> tuple[int | None, bool]:
        """The thread a reply lands in, and whether that thread is a forum topic.

        In a forum a reply stays in its topic; in any other supergroup Telegram still reports the
        reply thread (the root message) as message_thread_id, without is_topic_message.
        """
        if chat.is_forum:
            return replied.thread_id, replied.is_topic_message
        if chat.type == "supergroup":
            return (replied.thread_id or replied.message_id), False
        return None, False
