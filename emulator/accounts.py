"""Telegram accounts: users, and bots (a user with a token, an update queue and commands).

Plain records, no I/O. `to_json` and `me_json` render them as the Bot API's `User`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from emulator.updates import UpdateQueue

TOKEN_PATTERN = re.compile(r"^(\d{1,20}):[A-Za-z0-9_-]{1,100}$")


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
