"""Setting the scene: the bots, users, groups, members and topics a test starts from.

`Scene` is one part of the in-process API (see `emulator.stage`). Its methods change the world
directly, as an administrator would: they queue no updates, except `create_topic`, whose
`forum_topic_created` service message reaches the bots as Telegram's would. Each returns what a
bot would be shown: aiogram `User` and `Chat` objects, or the new topic's thread id.
"""

from __future__ import annotations

from aiogram.types import Chat, User

from emulator import actors
from emulator.world import World


class Scene:
    """Part of `Stage`: the world it works on is set by `Stage.__init__`."""

    world: World

    def add_bot(
        self,
        token: str,
        username: str | None = None,
        bot_id: int | None = None,
        first_name: str | None = None,
        can_read_all_group_messages: bool = False,
        can_join_groups: bool = True,
        supports_inline_queries: bool = False,
    ) -> User:
        """Register a bot; its id defaults to the digits before the token's colon, as on Telegram.

        Plain (not a coroutine) so it can run before the server starts."""
        account = self.world.add_bot(
            token,
            username=username,
            bot_id=bot_id,
            first_name=first_name,
            can_read_all_group_messages=can_read_all_group_messages,
            can_join_groups=can_join_groups,
            supports_inline_queries=supports_inline_queries,
        )
        return User.model_validate(account.me_json())

    async def add_user(
        self,
        first_name: str,
        last_name: str | None = None,
        username: str | None = None,
        user_id: int | None = None,
        language_code: str | None = None,
    ) -> User:
        user = self.world.add_user(first_name, last_name, username, user_id, language_code)
        return User.model_validate(user.to_json())

    async def create_group(
        self,
        title: str,
        chat_id: int | None = None,
        is_forum: bool = False,
        chat_type: str = "supergroup",
        username: str | None = None,
    ) -> Chat:
        """A supergroup by default (what groups become once they grow); bots are members of
        every group unless `add_member` says otherwise."""
        chat = self.world.create_group(title, chat_id, is_forum, chat_type, username)
        return Chat.model_validate(chat.to_json())

    async def add_member(
        self,
        chat_id: int,
        user_id: int,
        status: str = "member",
        custom_title: str | None = None,
        rights: dict[str, bool] | None = None,
    ) -> None:
        """Set someone's place in a group: member, administrator, creator, restricted, left or
        kicked. Works for bots too (e.g. status="left" to take a bot out of a group)."""
        self.world.set_member(chat_id, user_id, status, custom_title, rights)

    async def create_topic(
        self, chat_id: int, name: str, icon_color: int = 0x6FB9F0, user_id: int | None = None
    ) -> int:
        return actors.create_topic(self.world, chat_id, name, icon_color, user_id)
