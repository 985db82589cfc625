"""/bind a road to this group, /join as a department's liaison and its approval."""

from __future__ import annotations

import logging

from aiogram import Bot, Router
from aiogram.enums import ChatMemberStatus
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update

from bot.callbacks import JoinButton
from bot.rendering import Renderer, escape
from bot.retrying import with_retries
from bot.sender import Sender
from handlers.callback_answers import answer
from handlers.filters import is_command
from tickets.desk import Desk
from tickets.group_setup import GroupSetup
from tickets.roads import RoadTaken
from tickets.taxonomy import Road, Taxonomy

log = logging.getLogger("streetdesk.handlers")
router = Router(name="group_setup")
router.message.filter(is_command)  # only commands here: one test, not one per handler
ADMIN_STATUSES = {ChatMemberStatus.CREATOR, ChatMemberStatus.ADMINISTRATOR}


async def is_group_admin(bot: Bot, chat_id: int, user_id: int) -> bool:
    try:
        # Few tries: the update waits while this one is handled.
        member = await with_retries(
            lambda: bot.get_chat_member(chat_id, user_id), what="getChatMember", attempts=3
        )
    except TelegramAPIError as error:
        # Not knowing is not a yes: refuse, and say why in the log.
        log.warning("admin_check_failed", extra={"chat": chat_id, "error": error.message})
        return False
    return member.status in ADMIN_STATUSES


def _thread(message: Message) -> int | None:
    return message.message_thread_id if message.is_topic_message else None


async def _say(
    message: Message,
    update: Update,
    desk: Desk,
    sender: Sender,
    html: str,
    markup: InlineKeyboardMarkup | None = None,
) -> None:
    await desk.say(
        update_id=update.update_id,
        chat_id=message.chat.id,
        thread_id=_thread(message),
        html=html,
        reply_to=message.message_id,
        reply_markup=markup.model_dump(mode="json", exclude_none=True) if markup else None,
    )
    sender.wake()


@router.message(Command("bind"))
async def bind(
    message: Message,
    command: CommandObject,
    event_update: Update,
    bot: Bot,
    desk: Desk,
    sender: Sender,
    setup: GroupSetup,
    renderer: Renderer,
) -> None:
    t = renderer.t
    if message.from_user is None:
        return
    if not await is_group_admin(bot, message.chat.id, message.from_user.id):
        await _say(message, event_update, desk, sender, t("bind.admins_only"))
        return
    name = (command.args or "").strip()
    if not name:
        await _say(message, event_update, desk, sender, t("bind.usage"))
        return
    try:
        road = await setup.bind(name, message.chat.id, _thread(message), message.from_user.id)
    except RoadTaken:
        await _say(message, event_update, desk, sender, t("bind.taken", road=escape(name)))
        return
    log.info("road_bound", extra={"chat": message.chat.id, "road": road.name})
    await _say(message, event_update, desk, sender, t("bind.done", road=escape(road.name)))


@router.message(Command("join"))
async def join(
    message: Message,
    command: CommandObject,
    event_update: Update,
    road: Road,
    desk: Desk,
    sender: Sender,
    setup: GroupSetup,
    renderer: Renderer,
    taxonomy: Taxonomy,
) -> None:
    t = renderer.t
    if message.from_user is None:
        return
    choices = ", ".join(taxonomy.departments)
    key = (command.args or "").strip()
    if not key:
        await _say(message, event_update, desk, sender, t("join.usage", departments=choices))
        return
    if key not in taxonomy.departments:
        await _say(
            message,
            event_update,
            desk,
            sender,
            t("join.unknown", department=escape(key), departments=choices),
        )
        return
    user = message.from_user
    request = await setup.request_join(message.chat.id, user.id, user.full_name, user.username, key)
    approve = InlineKeyboardMarkup(
        inline_keyboard=[
            [
                InlineKeyboardButton(
                    text=t("join.approve"),
                    callback_data=JoinButton(member_id=request.member_id).pack(),
                )
            ]
        ]
    )
    await _say(
        message,
        event_update,
        desk,
        sender,
        t(
            "join.requested",
            name=escape(user.full_name),
            department=escape(renderer.department_name(key)),
        ),
        approve,
    )


@router.callback_query(JoinButton.filter())
async def approve_join(
    query: CallbackQuery,
    callback_data: JoinButton,
    event_update: Update,
    road: Road,
    bot: Bot,
    desk: Desk,
    sender: Sender,
    setup: GroupSetup,
    renderer: Renderer,
) -> None:
    t = renderer.t
    if not isinstance(query.message, Message):
        await answer(query, t("callback.stale"))
        return
    chat_id = query.message.chat.id
    allowed = setup.is_chief(road, query.from_user.id) or await is_group_admin(
        bot, chat_id, query.from_user.id
    )
    if not allowed:
        await answer(query, t("join.approvers_only"), show_alert=True)
        return
    request = await setup.approve_join(callback_data.member_id, query.from_user.id)
    if request is None:
        await answer(query, t("callback.stale"))
        return
    await desk.say(
        update_id=event_update.update_id,
        chat_id=chat_id,
        thread_id=_thread(query.message),
        html=t(
            "join.approved",
            name=escape(request.name),
            department=escape(renderer.department_name(request.department)),
        ),
    )
    sender.wake()
    await answer(query, t("callback.done"))
