"""A private chat with the bot: street chiefs (for their roads) and the street office's admins
(for all roads) ask for the figures and the ledger here; everyone else is pointed to their group."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message, Update

from bot.rendering import Renderer
from bot.sender import Sender
from reports.ledger_files import LedgerFiles
from tickets.assessment import Assessment, Period, window_of
from tickets.desk import Desk
from tickets.notices import NoticeKind
from tickets.roads import RoadDirectory

router = Router(name="private_chat")
Now = Callable[[], datetime]


def roads_of(user_id: int, roads: RoadDirectory, admin_ids: Sequence[int]) -> list[str] | None:
    """The roads a person may see figures of; None for someone who is neither chief nor admin."""
    if user_id in admin_ids:
        return [road.name for road in roads.all()]
    mine = [road.name for road in roads.all() if user_id in road.chief_ids]
    return mine or None


async def _say(message: Message, update: Update, desk: Desk, sender: Sender, html: str) -> None:
    await desk.say(
        update_id=update.update_id,
        chat_id=message.chat.id,
        thread_id=None,
        html=html,
        reply_to=message.message_id,
    )
    sender.wake()


@router.message(Command("start", "help"))
async def private_help(
    message: Message, event_update: Update, desk: Desk, sender: Sender, renderer: Renderer
) -> None:
    await _say(message, event_update, desk, sender, renderer.t("private.help"))


@router.message(Command("stats", "rank", "export"))
async def figures_for_chiefs(
    message: Message,
    command: CommandObject,
    event_update: Update,
    desk: Desk,
    sender: Sender,
    renderer: Renderer,
    assessment: Assessment,
    roads: RoadDirectory,
    admin_ids: Sequence[int],
    ledger_files: LedgerFiles,
    now: Now,
) -> None:
    if message.from_user is None:
        return
    mine = roads_of(message.from_user.id, roads, admin_ids)
    if mine is None:
        await _say(message, event_update, desk, sender, renderer.t("private.not_chief"))
        return
    default = "month" if command.command == "export" else "week"
    word = (command.args or default).strip().lower()
    if word not in Period._value2member_map_:
        await _say(message, event_update, desk, sender, renderer.t("stats.usage"))
        return
    period = Period(word)
    window = window_of(period, now(), assessment.calendar)
    scope = mine[0] if len(mine) == 1 else renderer.t("stats.all_roads")
    if command.command == "export":
        export = await ledger_files.xlsx(mine, window, scope)
        await desk.send_file(
            update_id=event_update.update_id,
            chat_id=message.chat.id,
            kind=NoticeKind.DOCUMENT,
            content=export.content,
            filename=export.filename,
            caption=renderer.t(
                "export.caption",
                scope=scope,
                first=window.first_day.isoformat(),
                last=window.last_day.isoformat(),
                count=export.count,
            ),
        )
        sender.wake()
        return
    assessed = await assessment.assess(window, mine)
    show = renderer.stats if command.command == "stats" else renderer.rank
    await _say(message, event_update, desk, sender, show(assessed, period, scope))
