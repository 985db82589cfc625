"""What the emulated Telegram knows: bots, users, chats, members, topics and every message.

`World` holds them all and allocates ids the way Telegram shapes them; it is plain data and
bookkeeping, no I/O. The records it holds live beside it (`emulator.accounts`,
`emulator.membership`, `emulator.chats`) and are importable from here too, as they always were.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

from emulator.accounts import TOKEN_PATTERN, BotAccount, UserRecord
from emulator.chats import CallbackQueryRecord, ChatMessage, ChatRecord, Revision, Topic
from emulator.files import FileStore
from emulator.membership import ADMIN_RIGHTS, MEMBER_STATUSES, RESTRICTED_RIGHTS, Membership
from emulator.updates import UpdateQueue
from emulator.wakeup import Signal

__all__ = [
    "ADMIN_RIGHTS",
    "MEMBER_STATUSES",
    "RESTRICTED_RIGHTS",
    "TOKEN_PATTERN",
    "BotAccount",
    "CallbackQueryRecord",
    "ChatMessage",
    "ChatRecord",
    "Membership",
    "Revision",
    "Topic",
    "UserRecord",
    "World",
]


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
