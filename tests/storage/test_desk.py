"""The desk reads group messages in context and moves tickets, with a real database and clock."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from bot.database import Database
from storage.models import OutboxRow
from tests.conftest import Transactions
from tickets.calendar import Calendar
from tickets.clock import FakeClock
from tickets.durations import Duration
from tickets.lifecycle import Action, State
from tickets.model import Photo
from tickets.notices import NoticeKind
from tickets.permissions import Refusal
from tickets.requests import ButtonPress, GroupMessage, OutcomeKind, Person, Place
from tickets.taxonomy import ClockKind, Road, Taxonomy

CHAT = -1001000000001
SHOPKEEPER = Person(42, "王老板")
NEIGHBOUR = Person(43, "李老板")
LIGHTING = Person(5001, "路灯所小李", "lighting_li")  # a liaison of lighting in the config
SANITATION = Person(5003, "环卫小张")
CHIEF = Person(9001, "张街长")


@pytest.fixture
def road(taxonomy: Taxonomy) -> Road:
    return taxonomy.road("胜利路")


class Group:
    """A liaison group as the desk sees it: numbered messages, each in its own transaction."""

    def __init__(self, desk: Transactions, road: Road) -> None:
        self.desk, self.road = desk, road
        self.next_message = 100

    async def say(
        self,
        who: Person,
        text: str = "",
        *,
        reply_to: int | None = None,
        photo: str | None = None,
        edit_of: int | None = None,
    ) -> tuple[int, Any]:
        message_id = edit_of or self.next_message
        self.next_message += 0 if edit_of else 1
        message = GroupMessage(
            CHAT,
            message_id,
            who,
            text,
            (Photo(photo),) if photo else (),
            reply_to=reply_to,
        )
        async with self.desk() as desk:
            if edit_of:
                return message_id, await desk.intake.edit(message, self.road)
            return message_id, await desk.intake.message(message, self.road)


async def notices(database: Database) -> list[OutboxRow]:
    async with database.unit_of_work() as uow:
        return list(await uow.session.scalars(select(OutboxRow).order_by(OutboxRow.id)))


async def card_of(database: Database, number: int, message_id: int = 900) -> int:
    """Pretend the sender posted the card: link a message id to the ticket, as it would."""
    async with database.unit_of_work() as uow:
        await uow.links.link(CHAT, message_id, number, "card")
        await uow.commit()
    return message_id


async def test_a_report_becomes_a_ticket_with_a_card_answering_it(
    desk: Transactions, road: Road, database: Database
) -> None:
    group = Group(desk, road)
    message_id, outcome = await group.say(SHOPKEEPER, "胜利路8号门口路灯不亮", photo="p1")
    assert outcome.kind is OutcomeKind.CREATED
    assert (outcome.ticket.category, outcome.ticket.location) == ("streetlight", "胜利路8号")
    assert outcome.ticket.department == "lighting"
    [card] = await notices(database)
    assert (card.kind, card.reply_to, card.ticket_number) == ("card", message_id, 1)


async def test_chatter_is_left_alone(desk: Transactions, road: Road, database: Database) -> None:
    group = Group(desk, road)
    for text in ("各位老板晚上好", "路灯换成LED的了，好亮啊", "哈哈，谢谢"):
        _, outcome = await group.say(SHOPKEEPER, text)
        assert outcome.kind is OutcomeKind.IGNORED, text
    assert await notices(database) == []


async def test_the_loop_in_replies_people_already_write(
    desk: Transactions, road: Road, database: Database, clock: FakeClock
) -> None:
    group = Group(desk, road)
    _, created = await group.say(SHOPKEEPER, "胜利路8号门口路灯不亮")
    card = await card_of(database, created.ticket.number)
    clock.advance(timedelta(minutes=3))
    _, ack = await group.say(LIGHTING, "收到", reply_to=card)
    assert (ack.kind, ack.action, ack.ticket.state) == (
        OutcomeKind.MOVED,
        Action.ACKNOWLEDGE,
        State.ACKNOWLEDGED,
    )
    clock.advance(timedelta(hours=2))
    _, fixed = await group.say(LIGHTING, "已修好", reply_to=card, photo="after-1")
    assert fixed.ticket.state is State.RESOLVED
    kinds = [n.kind for n in await notices(database)]
    assert kinds.count("ask_confirm") == 1
    _, thanks = await group.say(SHOPKEEPER, "好了谢谢", reply_to=card)
    assert (thanks.kind, thanks.ticket.state) == (OutcomeKind.MOVED, State.CLOSED)


async def test_a_liaison_need_not_reply_when_only_one_ticket_is_theirs(
    desk: Transactions, road: Road
) -> None:
    group = Group(desk, road)
    await group.say(SHOPKEEPER, "胜利路8号门口路灯不亮")
    await group.say(SHOPKEEPER, "超市后门堆了很多纸箱和垃圾")  # sanitation's, not lighting's
    _, ack = await group.say(LIGHTING, "收到，马上处理")
    assert (ack.kind, ack.ticket.number) == (OutcomeKind.MOVED, 1)


async def test_with_several_open_tickets_the_liaison_is_asked_to_reply_to_the_card(
    desk: Transactions, road: Road, database: Database
) -> None:
    group = Group(desk, road)
    await group.say(SHOPKEEPER, "胜利路8号门口路灯不亮")
    await group.say(NEIGHBOUR, "公交站那盏灯一直闪")
    _, ack = await group.say(LIGHTING, "收到")
    assert ack.kind is OutcomeKind.ASKED_WHICH
    assert (await notices(database))[-1].payload == {"numbers": [1, 2]}


async def test_someone_without_the_role_is_answered_politely_and_nothing_changes(
    desk: Transactions, road: Road, database: Database
) -> None:
    group = Group(desk, road)
    _, created = await group.say(SHOPKEEPER, "胜利路8号门口路灯不亮")
    card = await card_of(database, created.ticket.number)
    _, refused = await group.say(SANITATION, "已处理", reply_to=card)
    assert refused.kind is OutcomeKind.REFUSED
    assert refused.refusal is Refusal.NOT_IN_CHARGE
    assert (await notices(database))[-1].kind == NoticeKind.REFUSED
    async with database.unit_of_work() as uow:
        assert (await uow.tickets.get(1)).state is State.DISPATCHED


async def test_still_broken_reopens_as_rework(
    desk: Transactions, road: Road, database: Database
) -> None:
    group = Group(desk, road)
    _, created = await group.say(SHOPKEEPER, "胜利路8号门口路灯不亮")
    card = await card_of(database, created.ticket.number)
    await group.say(LIGHTING, "修好了", reply_to=card)
    _, reopened = await group.say(SHOPKEEPER, "还是不亮", reply_to=card)
    assert (reopened.ticket.state, reopened.ticket.rework_count) == (State.REOPENED, 1)


async def test_a_repeat_report_joins_the_open_ticket(
    desk: Transactions, road: Road, database: Database
) -> None:
    group = Group(desk, road)
    await group.say(SHOPKEEPER, "胜利路8号门口路灯不亮")
    _, again = await group.say(NEIGHBOUR, "胜利路8号门口的路灯坏了")
    assert (again.kind, again.ticket.number) == (OutcomeKind.JOINED, 1)
    assert [n.kind for n in await notices(database)] == ["card", "already_open", "card_update"]


async def test_a_photo_then_its_words_make_one_ticket(
    desk: Transactions, road: Road, clock: FakeClock
) -> None:
    group = Group(desk, road)
    _, held = await group.say(SHOPKEEPER, photo="photo-first")
    assert held.kind is OutcomeKind.PHOTO_HELD
    clock.advance(timedelta(seconds=20))
    _, created = await group.say(SHOPKEEPER, "路灯坏了好几天了")
    assert created.kind is OutcomeKind.CREATED
    assert [p.file_id for p in created.ticket.photos] == ["photo-first"]


async def test_words_then_a_photo_make_one_ticket(
    desk: Transactions, road: Road, clock: FakeClock
) -> None:
    group = Group(desk, road)
    _, created = await group.say(SHOPKEEPER, "路灯坏了好几天了")
    clock.advance(timedelta(seconds=5))
    _, added = await group.say(SHOPKEEPER, photo="photo-after-words")
    assert (added.kind, added.ticket.number) == (OutcomeKind.PHOTO_ADDED, created.ticket.number)


async def test_a_photo_long_after_is_not_glued_to_an_old_report(
    desk: Transactions, road: Road, clock: FakeClock
) -> None:
    group = Group(desk, road)
    await group.say(SHOPKEEPER, "路灯坏了好几天了")
    clock.advance(timedelta(hours=1))
    _, held = await group.say(SHOPKEEPER, photo="unrelated")
    assert held.kind is OutcomeKind.PHOTO_HELD


async def test_an_edit_rereads_a_report_still_waiting(desk: Transactions, road: Road) -> None:
    group = Group(desk, road)
    message_id, _ = await group.say(SHOPKEEPER, "胜利路8号门口路灯不亮")
    _, edited = await group.say(SHOPKEEPER, "胜利路8号门口井盖丢了", edit_of=message_id)
    assert edited.kind is OutcomeKind.MOVED
    assert (edited.ticket.category, edited.ticket.department) == ("manhole", "municipal")


async def test_an_edit_after_acknowledgement_changes_nothing(
    desk: Transactions, road: Road
) -> None:
    group = Group(desk, road)
    message_id, _ = await group.say(SHOPKEEPER, "胜利路8号门口路灯不亮")
    await group.say(LIGHTING, "收到")
    _, edited = await group.say(SHOPKEEPER, "胜利路8号门口井盖丢了", edit_of=message_id)
    assert edited.kind is OutcomeKind.NOT_NOW
    assert edited.ticket.category == "streetlight"


async def test_an_explicit_report_is_registered_even_when_unclear(
    desk: Transactions, road: Road
) -> None:
    message = GroupMessage(CHAT, 500, SHOPKEEPER, "这里有点问题", explicit_report=True)
    async with desk() as d:
        outcome = await d.intake.message(message, road)
    assert (outcome.kind, outcome.ticket.category) == (OutcomeKind.CREATED, "other")
    assert outcome.ticket.department == "street_office"


async def test_a_liaison_asks_for_more_time_and_only_the_chief_grants_it(
    desk: Transactions, road: Road, database: Database, calendar: Calendar
) -> None:
    group = Group(desk, road)
    _, created = await group.say(SHOPKEEPER, "胜利路8号门口路灯不亮")
    number = created.ticket.number
    place = Place(CHAT, None, 700)

    async def ask(who: Person, arguments: str) -> Any:
        async with desk() as d:
            return await d.extensions.ask(place, road, who, arguments)

    async def approve(who: Person, due: datetime) -> Any:
        async with desk() as d:
            press = ButtonPress("query-1", CHAT, None, who)
            return await d.presses.approve_extension(press, road, number, due)

    asked_too_early = await ask(LIGHTING, f"{number} 2d 等灯杆配件")
    assert asked_too_early.kind is OutcomeKind.NOT_NOW  # not acknowledged yet
    await group.say(LIGHTING, "收到")
    by_shopkeeper = await ask(SHOPKEEPER, f"#{number} 2d 我也想")
    assert by_shopkeeper.kind is OutcomeKind.REFUSED
    asked = await ask(LIGHTING, f"{number} 2d 等灯杆配件")
    assert asked.kind is OutcomeKind.MOVED
    [request] = [n for n in await notices(database) if n.kind == "extension_request"]
    due = datetime.fromisoformat(request.payload["to_due"])
    assert due == calendar.deadline(created.ticket.resolve_due, Duration(days=2), ClockKind.WORKING)

    refused = await approve(LIGHTING, due)
    assert refused.kind is OutcomeKind.REFUSED  # a liaison cannot grant their own request
    granted = await approve(CHIEF, due.replace(microsecond=0))
    assert granted.kind is OutcomeKind.MOVED
    assert (granted.ticket.resolve_due, granted.ticket.extension_count) == (due, 1)
    assert granted.ticket.events[-1].note == "等灯杆配件"


async def test_a_problem_back_with_nothing_to_reopen_is_a_report(
    desk: Transactions, road: Road
) -> None:
    group = Group(desk, road)
    # Read as "it came back", but this shopkeeper has no fixed ticket to send back.
    _, outcome = await group.say(SHOPKEEPER, "井盖换了没两天又松了，哐哐响")
    assert outcome.kind is OutcomeKind.CREATED
    assert outcome.ticket.category == "manhole"
    # Words that say only "still not right" name no problem: left alone.
    _, vague = await group.say(NEIGHBOUR, "还是老样子")
    assert vague.kind is OutcomeKind.IGNORED
