"""`Emulator`: the Bot API server, plus a control API to play the users and watch the bot.

    async with Emulator() as emu:
        emu.add_bot(TOKEN, username="streetdesk_bot", can_read_all_group_messages=True)
        chat = await emu.create_group("金桥路联络群")
        resident = await emu.add_user("王", username="wang")
        await emu.post_message(chat.id, resident.id, "金桥路12号路灯不亮")
        card = await emu.wait_for_message(lambda m: "路灯" in m.body)

Acting and configuring methods are coroutines (the same calls exist over HTTP under `/_control/`
for a bot or a demo in another process); reading methods are plain. Waiting never polls on a
timer: waiters wake when the emulator's state changes.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from aiogram.types import Chat, Message, User
from aiohttp import web

from emulator import actors
from emulator.api import invoke
from emulator.backend import Backend
from emulator.control import EMULATOR, add_control_routes
from emulator.http_api import BACKEND, add_routes
from emulator.journal import AnsweredCallback, ApiCall, Journal, Stats
from emulator.params import Params
from emulator.webhooks import Webhooks
from emulator.world import BotAccount, ChatMessage, World

T = TypeVar("T")
MAX_UPLOAD = 64 * 1024 * 1024  # Telegram takes documents up to 50 MB from bots


class Emulator:
    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        accept_any_token: bool = False,
        seed: int = 0,
        clock: Callable[[], float] = time.time,
    ) -> None:
        """`accept_any_token` registers any well-formed token on first use (otherwise unknown
        tokens get 401). `clock` gives the `date` of messages, e.g. a test's fake clock."""
        self.host = host
        self.port = port
        self.world = World(clock=clock, seed=seed)
        self.journal = Journal(self.world.changed)
        webhooks = Webhooks(self.world, self.world.changed)
        self.backend = Backend(
            world=self.world,
            journal=self.journal,
            webhooks=webhooks,
            accept_any_token=accept_any_token,
        )
        webhooks.execute_reply = self._execute_webhook_reply
        self._runner: web.AppRunner | None = None

    # -- lifecycle ------------------------------------------------------------------------------
    def build_app(self) -> web.Application:
        app = web.Application(client_max_size=MAX_UPLOAD)
        app[BACKEND] = self.backend
        app[EMULATOR] = self
        add_control_routes(app)
        add_routes(app)  # last: it ends with the catch-all 404
        return app

    async def start(self) -> Emulator:
        self.backend.closing = False
        self._runner = web.AppRunner(self.build_app(), access_log=None, shutdown_timeout=2.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        address = self._runner.addresses[0]
        self.port = int(address[1])
        return self

    async def stop(self) -> None:
        self.backend.closing = True
        self.world.changed.notify()  # long polls return now instead of at their timeout
        await self.backend.webhooks.close()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> Emulator:
        return await self.start()

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    @property
    def base_url(self) -> str:
        """What `TelegramAPIServer.from_base()` takes."""
        return f"http://{self.host}:{self.port}"

    async def _execute_webhook_reply(self, bot: BotAccount, method: str, params: Params) -> None:
        await invoke(self.backend, bot.token, method, params, via="webhook_reply")

    # -- setting the scene ----------------------------------------------------------------------
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

    # -- playing the users ----------------------------------------------------------------------
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

    # -- reading what the bot did ---------------------------------------------------------------
    def sent_messages(self, chat_id: int | None = None, since: int = 0) -> list[ChatMessage]:
        """Messages bots sent, in sending order (edits update them in place, see `.history`)."""
        return [
            message
            for message in self.journal.sent[since:]
            if chat_id is None or message.chat_id == chat_id
        ]

    def chat_log(self, chat_id: int) -> list[ChatMessage]:
        """Everything in a chat, users' messages included, by message id."""
        return list(self.world.chats[chat_id].messages.values())

    def mark(self) -> int:
        """A bookmark in the sent messages, for `wait_for_message(since=...)`."""
        return len(self.journal.sent)

    async def wait_for_message(
        self,
        predicate: Callable[[ChatMessage], bool] | None = None,
        timeout: float = 5.0,  # noqa: ASYNC109  (a bounded wait by default is the point)
        *,
        chat_id: int | None = None,
        since: int = 0,
    ) -> ChatMessage:
        """The first sent message (from `since` on) that matches; edits count, so waiting for a
        card to read "已受理" works. Raises TimeoutError listing what was sent."""

        def find() -> ChatMessage | None:
            return next(
                (
                    message
                    for message in self.sent_messages(chat_id, since)
                    if predicate is None or predicate(message)
                ),
                None,
            )

        try:
            return await self.world.changed.wait_for(find, timeout)
        except TimeoutError:
            recent = [
                f"{message.chat_id}/{message.message_id}: {message.body[:80]!r}"
                for message in self.sent_messages(chat_id, since)[-5:]
            ]
            raise TimeoutError(
                f"no matching message within {timeout}s; last sent: {recent or 'nothing'}"
            ) from None

    def calls(self, method: str | None = None, since: int = 0) -> list[ApiCall]:
        """Every API call (method names compare case-insensitively), oldest first."""
        return [
            call
            for call in self.journal.calls[since:]
            if method is None or call.method.lower() == method.lower()
        ]

    async def wait_for_call(
        self,
        method: str,
        predicate: Callable[[ApiCall], bool] | None = None,
        timeout: float = 5.0,  # noqa: ASYNC109  (a bounded wait by default is the point)
        since: int = 0,
    ) -> ApiCall:
        """The first finished call of `method` (from call number `since`) that matches."""

        def find() -> ApiCall | None:
            return next(
                (
                    call
                    for call in self.calls(method, since)
                    if call.status is not None and (predicate is None or predicate(call))
                ),
                None,
            )

        try:
            return await self.world.changed.wait_for(find, timeout)
        except TimeoutError:
            raise TimeoutError(f"no finished {method} call within {timeout}s") from None

    async def wait_until(
        self,
        condition: Callable[[], T],
        timeout: float = 5.0,  # noqa: ASYNC109  (a bounded wait by default is the point)
    ) -> T:
        """Wait until `condition()` is truthy, re-checking whenever the emulator's state changes,
        e.g. `await emu.wait_until(lambda: emu.confirmed_offset() > update_id)`."""
        return await self.world.changed.wait_for(condition, timeout)

    @property
    def answered_callbacks(self) -> list[AnsweredCallback]:
        return list(self.journal.answered)

    def confirmed_offset(self, token: str | None = None) -> int:
        """The highest offset the bot has confirmed (via getUpdates, or a 2xx to a webhook)."""
        return self.world.find_bot(token).updates.confirmed_offset

    def pending_updates(self, token: str | None = None) -> list[dict[str, Any]]:
        return list(self.world.find_bot(token).updates.pending)

    def commands(
        self,
        token: str | None = None,
        scope: dict[str, Any] | None = None,
        language_code: str = "",
    ) -> list[dict[str, str]]:
        """What setMyCommands stored for exactly this scope and language."""
        key = (json.dumps(scope or {"type": "default"}, sort_keys=True), language_code)
        return self.world.find_bot(token).commands.get(key, [])

    def file_bytes(self, file_id: str) -> bytes:
        stored = self.world.files.get(file_id)
        if stored is None:
            raise KeyError(file_id)
        return stored.data

    @property
    def stats(self) -> Stats:
        """Requests by status, 429s sent (all / from the rate limiter), faults, dropped links."""
        return self.journal.stats

    # -- faults and limits ----------------------------------------------------------------------
    async def fail_next(
        self,
        method: str,
        times: int = 1,
        error_code: int = 429,
        retry_after: int = 1,
        description: str | None = None,
    ) -> None:
        """The next `times` calls of `method` fail with `error_code` (429 carries retry_after;
        502 and 504 answer with nginx's HTML page, as Telegram's front end does)."""
        self.backend.faults.fail_next(method, times, error_code, retry_after, description)

    async def delay(self, method: str, seconds: float, times: int | None = None) -> None:
        """Answer `method` `seconds` late (every call, or the next `times`); 0 removes it."""
        self.backend.faults.delay(method, seconds, times)

    async def drop_connection(
        self, method: str, times: int = 1, after_processing: bool = False
    ) -> None:
        """Close the connection without an answer. With `after_processing` the call took effect
        first (the message was sent, the bot just never heard back)."""
        self.backend.faults.drop_connection(method, times, after_processing)

    async def faults(
        self,
        rate: float = 0.1,
        kinds: Iterable[str] = ("429", "500", "502", "drop"),
        seed: int | None = 0,
        methods: Iterable[str] | None = None,
        retry_after: int = 1,
        delay_seconds: float = 0.2,
    ) -> None:
        """Fail a share of calls at random (seeded, so repeatable); rate=0 turns it off. Kinds:
        "429", "500", "502", "504", "drop", "delay". Without `methods`: all but getUpdates."""
        self.backend.faults.random(rate, kinds, seed, methods, retry_after, delay_seconds)

    async def clear_faults(self) -> None:
        self.backend.faults.clear()

    async def rate_limits(
        self,
        enabled: bool = True,
        per_chat_per_minute: int = 20,
        global_per_second: int = 30,
        per_chat_per_second: int = 1,
    ) -> None:
        """Telegram's flood limits on sending methods: 429 with the seconds until a slot frees."""
        self.backend.limiter.configure(
            enabled, per_chat_per_minute, global_per_second, per_chat_per_second
        )
