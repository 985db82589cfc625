"""The bot's first words with Telegram: the token checked, getMe, the commands menu, a clear word
wherever the bot cannot read a group, and the admin check /bind and /join approvals ask for.
Start-up calls wait out Telegram's 429s and 5xx before giving up."""

from __future__ import annotations

import logging
import urllib.request
from collections.abc import Awaitable, Callable, Sequence
from functools import partial
from typing import Any
from urllib.parse import urlsplit

from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ChatMemberStatus
from aiogram.exceptions import TelegramAPIError
from aiogram.types import BotCommand, BotCommandScopeAllGroupChats, User

from bot.response_types import KeepResponseTypes
from bot.retrying import TRANSIENT_ERRORS, with_retries
from bot.settings import PUBLIC_BOT_API, Settings
from bot.startup_error import StartupError
from tickets.notices import Notice, NoticeKind
from tickets.ports import UnitOfWork
from tickets.taxonomy import Road

log = logging.getLogger("streetdesk.app")
# Start-up calls wait out a Telegram hiccup (429s as asked; 5xx for about 1.5 minutes) before the
# bot gives up and exits for its service manager to restart it.
STARTUP_ATTEMPTS = 8
_LOOPBACK = {"127.0.0.1", "localhost", "::1"}
ADMIN_STATUSES = {ChatMemberStatus.CREATOR, ChatMemberStatus.ADMINISTRATOR}

COMMANDS = {
    "zh": [
        ("report", "报告一个问题"),
        ("status", "本群未结工单"),
        ("ticket", "查看一张工单"),
        ("mine", "我的待办"),
        ("join", "登记为部门联络员"),
        ("bind", "把本群绑定到道路"),
        ("help", "使用说明"),
    ],
    "en": [
        ("report", "Report a problem"),
        ("status", "Open tickets here"),
        ("ticket", "Show one ticket"),
        ("mine", "My open items"),
        ("join", "Register as a department liaison"),
        ("bind", "Bind this group to a road"),
        ("help", "How to use"),
    ],
}


def make_bot(settings: Settings) -> Bot:
    token = settings.telegram.token.get_secret_value()
    if not token:
        raise StartupError("telegram.token is not set (use STREETDESK_TELEGRAM__TOKEN)")
    api_base = settings.telegram.api_base.rstrip("/")
    options: dict[str, Any] = {}
    if api_base != PUBLIC_BOT_API:
        options["api"] = TelegramAPIServer.from_base(api_base)
    proxy = telegram_proxy(settings.telegram.proxy, api_base)
    if proxy:
        options["proxy"] = proxy
    try:
        session = AiohttpSession(**options)
    except RuntimeError:  # aiogram's word for "aiohttp-socks is not installed"
        raise StartupError(
            f"a proxy for Telegram ({_without_password(proxy)}) needs the aiohttp-socks "
            f"package: pip install 'aiogram[proxy]'"
        ) from None
    try:
        bot = Bot(token, session=session)
    except Exception as error:  # aiogram's token check: its message never quotes the token
        raise StartupError(f"telegram.token is not a bot token: {error}") from None
    bot.session.middleware(KeepResponseTypes())
    return bot


def telegram_proxy(configured: str, api_base: str) -> str | None:
    """telegram.proxy, else the usual HTTPS_PROXY / HTTP_PROXY / ALL_PROXY (and NO_PROXY) of
    the environment, read with the standard library; never for a Bot API server on loopback
    (the emulator, a local telegram-bot-api)."""
    if configured:
        return configured
    address = urlsplit(api_base)
    host = address.hostname or ""
    if host in _LOOPBACK or urllib.request.proxy_bypass(host):
        return None
    proxies = urllib.request.getproxies()
    return proxies.get(address.scheme) or proxies.get("all") or None


def unreachable(settings: Settings, error: str) -> str:
    """The sentence for a Bot API server that cannot be reached, with what to try."""
    telegram = settings.telegram
    proxy = telegram_proxy(telegram.proxy, telegram.api_base.rstrip("/"))
    via = f" through the proxy {_without_password(proxy)}" if proxy else ""
    hint = (
        "check the proxy"
        if proxy
        else "if this office reaches Telegram only through a proxy, set telegram.proxy "
        "(or HTTPS_PROXY)"
    )
    reason = error.replace(telegram.token.get_secret_value() or "\0", "<token>")[:200]
    return f"Telegram cannot be reached at {telegram.api_base}{via} ({reason}); {hint}"


def _without_password(url: str | None) -> str:
    address = urlsplit(url or "")
    if address.password is None:
        return url or ""
    return address._replace(
        netloc=address.netloc.replace(f":{address.password}@", ":***@")
    ).geturl()


def admin_check(bot: Bot) -> Callable[[int, int], Awaitable[bool]]:
    """Whether a user is an admin of a group, as Telegram says; not knowing is not a yes."""

    async def is_admin(chat_id: int, user_id: int) -> bool:
        try:
            # Few tries: the group's updates wait while this one is processed.
            member = await with_retries(
                lambda: bot.get_chat_member(chat_id, user_id), what="getChatMember", attempts=3
            )
        except (TelegramAPIError, *TRANSIENT_ERRORS) as error:
            log.warning("admin_check_failed", extra={"chat": chat_id, "error": str(error)[:300]})
            return False
        return member.status in ADMIN_STATUSES

    return is_admin


async def introduce(
    bot: Bot,
    *,
    language: str,
    roads: Sequence[Road],
    unit_of_work: Callable[[], UnitOfWork],
) -> User:
    """getMe, the commands menu, and a word in every group the bot cannot read (it is not an
    admin there and its privacy mode is on)."""
    # bot.me() keeps the answer, so later calls to it cost nothing (and cannot fail).
    me = await with_retries(bot.me, what="getMe", attempts=STARTUP_ATTEMPTS)
    log.info(
        "bot_started",
        extra={"bot": me.username, "can_read_all_group_messages": me.can_read_all_group_messages},
    )
    for menu_language, commands in COMMANDS.items():
        entries = [BotCommand(command=c, description=d) for c, d in commands]
        scope = BotCommandScopeAllGroupChats()
        calls = [partial(bot.set_my_commands, entries, scope=scope, language_code=menu_language)]
        if menu_language == language:  # the default menu, for every other language
            calls.append(partial(bot.set_my_commands, entries, scope=scope))
        try:
            for call in calls:
                await with_retries(call, what="setMyCommands", attempts=STARTUP_ATTEMPTS)
        except TelegramAPIError as error:
            log.warning(
                "set_commands_failed", extra={"language": menu_language, "error": error.message}
            )
    if me.can_read_all_group_messages:
        return me
    is_admin = admin_check(bot)
    for road in roads:
        if road.chat_id is None or await is_admin(road.chat_id, me.id):
            continue
        log.warning("cannot_read_group", extra={"chat": road.chat_id, "road": road.name})
        async with unit_of_work() as uow:
            await uow.outbox.add(
                Notice(NoticeKind.SAY, road.chat_id, road.thread_id, data={"key": "cannot_read"})
            )
            await uow.commit()
    return me
