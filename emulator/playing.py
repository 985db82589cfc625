"""Playing the users: what people do in the chats, each act queued as the updates Telegram sends.

`Playing` is one part of the in-process API (see `emulator.stage`). The rules of who sees what
(privacy mode, private chats) live in `emulator.actors`; these methods give them the signatures
tests call and return the message as an aiogram `Message`, as the bot would receive it.
"""

from __future__ import annotations

from typing import Any

from aiogram.types import Message

from emulator import actors
from emulator.chats import ChatMessage
from emulator.world import World


class Playing:
    """Part of `Stage`: the world it works on is set by `Stage.__init__`."""

    world: World

    def _message(self, message: ChatMessage) -> Message:
        return Message.model_validate(message.to_json(self.world))

    async def post_message(
        self,
        chat_id: int,
        user_id: int,
        text: str | None = None,
        *,
        photo: actors.PhotoArg = False,
        caption: str | None = None,
        document: actors.DocumentArg = None,
        location: tuple[float, float] | None = None,
        reply_to: int | None = None,
        media_group_id: str | None = None,
        thread_id: int | None = None,
        forward: bool | int = False,
        entities: list[dict[str, Any]] | None = None,
    ) -> Message:
        """A user posts in a group. `photo=True` makes a realistic photo (several sizes of a real
        JPEG); bytes upload your own; a photo file_id resends one. `forward=True` marks it
        forwarded from a hidden user, `forward=<user id>` from that user. A user who is not in
        the group yet joins it as a member; one who left or was kicked cannot post."""
        message = actors.post_message(
            self.world,
            chat_id,
            user_id,
            text,
            photo=photo,
            caption=caption,
            document=document,
            location=location,
            reply_to=reply_to,
            media_group_id=media_group_id,
            thread_id=thread_id,
            forward=forward,
            entities=entities,
        )
        return self._message(message)

    async def post_album(
        self,
        chat_id: int,
        user_id: int,
        photos: int = 2,
        caption: str | None = None,
        media_group_id: str | None = None,
        **details: Any,
    ) -> list[Message]:
        """Several photos with one media_group_id, as an album arrives: one message each, the
        caption on the first."""
        group_id = media_group_id or str(self.world.rng.getrandbits(60))
        return [
            await self.post_message(
                chat_id,
                user_id,
                photo=True,
                caption=caption if index == 0 else None,
                media_group_id=group_id,
                **details,
            )
            for index in range(photos)
        ]

    async def post_command(
        self,
        chat_id: int,
        user_id: int,
        command: str,
        args: str | None = None,
        bot_username: str | None = None,
        **details: Any,
    ) -> Message:
        """`/command[@bot] [args]`, with the bot_command entity Telegram adds."""
        text = actors.command_text(command, args, bot_username)
        if chat_id == user_id:
            return await self.post_private_message(user_id, text, **details)
        return await self.post_message(chat_id, user_id, text, **details)

    async def post_private_message(
        self, user_id: int, text: str | None = None, *, bot: str | int | None = None, **details: Any
    ) -> Message:
        """A user writes to a bot in private (the chat id is the user id); it also lets the bot
        write back, which Telegram forbids until the user has started the chat."""
        message = actors.post_private_message(self.world, user_id, text, bot=bot, **details)
        return self._message(message)

    async def edit_message(
        self, chat_id: int, message_id: int, text: str | None = None, caption: str | None = None
    ) -> Message:
        """The author edits a message; bots that saw it get an `edited_message` update."""
        return self._message(actors.edit_message(self.world, chat_id, message_id, text, caption))

    async def press_button(
        self, chat_id: int, user_id: int, message_id: int, callback_data: str
    ) -> str:
        """Tap an inline button of a bot's message; returns the callback query id."""
        return actors.press_button(self.world, chat_id, user_id, message_id, callback_data)

    async def post_raw_update(
        self, update: dict[str, Any], bot: str | int | None = None
    ) -> int | None:
        """Queue any update (even a type aiogram does not know); an update_id in it is kept."""
        return actors.post_raw_update(self.world, update, bot)
