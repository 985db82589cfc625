"""A run of group messages in one shared transaction (storage/shared_transaction.py) means what
the same messages mean one by one, and commits all of it or none of it."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import event, func, select, text
from sqlalchemy.exc import DBAPIError

from bot.database import Database
from storage.engine import create_engine
from storage.models import (
    EventRow,
    MessageLinkRow,
    OutboxRow,
    PhotoRow,
    ProcessedUpdateRow,
    TicketRow,
)
from tickets.clock import FakeClock
from tickets.desk import Desk, GroupMessage, Outcome, OutcomeKind, Sender
from tickets.lifecycle import State
from tickets.model import Photo
from tickets.permissions import Actor
from tickets.roles import Role
from tickets.service import TicketService
from tickets.taxonomy import Road, Taxonomy

CHAT = -1001000000001
SHOPKEEPER = Sender(42, "王老板")
JOINED_LIAISON = Sender(7001, "新来的路灯联络员")  # not in the config: a liaison by /join
NOT_YET = Sender(7002, "还没批准的人")  # asked to /join, never approved


@pytest.fixture
def road(taxonomy: Taxonomy) -> Road:
    return taxonomy.road("胜利路")


class Messages:
    def __init__(self) -> None:
        self.next_id = 100

    def __call__(
        self, who: Sender, text: str = "", *, reply_to: int | None = None, photo: str = ""
    ) -> GroupMessage:
        self.next_id += 1
        return GroupMessage(
            CHAT,
            self.next_id,
            who,
            text,
            (Photo(photo),) if photo else (),
            reply_to=reply_to,
            update_id=self.next_id,
        )


# A trigger that fails the INSERT of a photo named "poison", per dialect.
POISONED_PHOTO = {
    "sqlite": [
        "CREATE TRIGGER poison BEFORE INSERT ON photos WHEN NEW.file_id = 'poison' "
        "BEGIN SELECT RAISE(ABORT, 'poisoned photo'); END"
    ],
    "postgresql": [
        "CREATE FUNCTION poison() RETURNS trigger AS $$ BEGIN IF NEW.file_id = 'poison' THEN "
        "RAISE EXCEPTION 'poisoned photo'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql",
        "CREATE TRIGGER poison BEFORE INSERT ON photos FOR EACH ROW EXECUTE FUNCTION poison()",
    ],
}


async def in_one_run(
    database: Database,
    desk: Desk,
    road: Road,
    messages: list[GroupMessage],
    *,
    commit: bool = True,
) -> list[Outcome]:
    async with database.shared_run(
        update_ids=[m.update_id for m in messages if m.update_id is not None],
        chat_ids=[CHAT],
        replies=replies_in(messages),
    ) as run:
        outcomes = [await desk.handle(message, road) for message in messages]
        if commit:
            await run.commit()
    return outcomes


def replies_in(messages: list[GroupMessage]) -> list[tuple[int, int]]:
    """What the polling tells a run its messages reply to (bot/batch_polling.py)."""
    return [(m.chat_id, m.reply_to) for m in messages if m.reply_to is not None]


async def count(database: Database, what: object) -> int:
    async with database.unit_of_work() as uow:
        return int(await uow.session.scalar(select(func.count()).select_from(what)) or 0)


async def test_a_report_and_the_reply_to_it_in_one_run(
    desk: Desk, road: Road, database: Database
) -> None:
    say = Messages()
    report = say(SHOPKEEPER, "胜利路8号门口路灯不亮")
    chatter = say(SHOPKEEPER, "谢谢大家")
    ack = say(Sender(5001, "路灯所小李"), "收到", reply_to=report.message_id)
    created, ignored, moved = await in_one_run(database, desk, road, [report, chatter, ack])
    assert (created.kind, ignored.kind, moved.kind) == (
        OutcomeKind.CREATED,
        OutcomeKind.IGNORED,
        OutcomeKind.MOVED,
    )
    async with database.unit_of_work() as uow:
        ticket = await uow.tickets.get(1)
        assert ticket is not None and ticket.state is State.ACKNOWLEDGED
    assert await count(database, ProcessedUpdateRow) == 3
    # Redelivered after the commit (a crash before the next getUpdates): nothing twice.
    again = await in_one_run(database, desk, road, [report, chatter, ack])
    assert {o.kind for o in again} == {OutcomeKind.ALREADY_HANDLED}
    again_alone = await desk.handle(report, road)
    assert again_alone.kind is OutcomeKind.ALREADY_HANDLED
    assert await count(database, TicketRow) == 1


async def test_a_run_left_without_its_commit_leaves_nothing(
    desk: Desk, road: Road, database: Database
) -> None:
    say = Messages()
    messages = [say(SHOPKEEPER, "胜利路8号门口路灯不亮"), say(SHOPKEEPER, "超市后门堆了很多垃圾")]
    outcomes = await in_one_run(database, desk, road, messages, commit=False)
    assert [o.kind for o in outcomes] == [OutcomeKind.CREATED, OutcomeKind.CREATED]
    for table in (TicketRow, OutboxRow, ProcessedUpdateRow):
        assert await count(database, table) == 0, table
    # Redone one by one, as the polling does after a failed run: every message acts once.
    redone = [await desk.handle(message, road) for message in messages]
    assert [o.kind for o in redone] == [OutcomeKind.CREATED, OutcomeKind.CREATED]
    assert await count(database, TicketRow) == 2
    assert await count(database, ProcessedUpdateRow) == 2


async def test_a_role_approved_by_join_counts_in_a_run(
    desk: Desk, road: Road, database: Database
) -> None:
    async with database.unit_of_work() as uow:
        member = await uow.members.request(
            CHAT, JOINED_LIAISON.user_id, Role.LIAISON, "lighting", JOINED_LIAISON.name, None
        )
        await uow.members.confirm(member.id, by=9001)
        pending = await uow.members.request(
            CHAT, NOT_YET.user_id, Role.LIAISON, "lighting", NOT_YET.name, None
        )
        assert pending.confirmed_by is None
        await uow.commit()
    say = Messages()
    report = say(SHOPKEEPER, "胜利路8号门口路灯不亮")
    not_theirs = say(NOT_YET, "收到", reply_to=report.message_id)
    theirs = say(JOINED_LIAISON, "收到", reply_to=report.message_id)
    _, by_not_yet, by_liaison = await in_one_run(database, desk, road, [report, not_theirs, theirs])
    assert by_not_yet.kind is OutcomeKind.IGNORED  # "收到" from someone without a role: chatter
    assert (by_liaison.kind, by_liaison.ticket.state) == (OutcomeKind.MOVED, State.ACKNOWLEDGED)


async def test_photos_held_before_or_within_a_run_join_the_report(
    desk: Desk, road: Road, database: Database, clock: FakeClock
) -> None:
    say = Messages()
    held_before = await desk.handle(say(SHOPKEEPER, photo="held-before-the-run"), road)
    assert held_before.kind is OutcomeKind.PHOTO_HELD
    clock.advance(timedelta(seconds=20))
    [created] = await in_one_run(database, desk, road, [say(SHOPKEEPER, "胜利路8号门口路灯不亮")])
    assert [p.file_id for p in created.ticket.photos] == ["held-before-the-run"]

    neighbour = Sender(43, "李老板")
    held, report = await in_one_run(
        database,
        desk,
        road,
        [say(neighbour, photo="held-in-the-run"), say(neighbour, "超市后门堆了很多纸箱和垃圾")],
    )
    assert held.kind is OutcomeKind.PHOTO_HELD
    assert [p.file_id for p in report.ticket.photos] == ["held-in-the-run"]


async def test_only_the_task_that_opened_the_run_joins_it(
    desk: Desk, road: Road, database: Database
) -> None:
    say = Messages()
    async with database.shared_run(update_ids=[], chat_ids=[CHAT]):
        # A task started here inherits the run in its context, as a sender worker woken by a
        # handler would; it keeps its own transaction all the same. (On SQLite it gets the one
        # connection only once the run let it go.)
        elsewhere = asyncio.create_task(desk.handle(say(SHOPKEEPER, "胜利路8号门口路灯不亮"), road))
        # the run is left without its commit
    assert (await elsewhere).kind is OutcomeKind.CREATED
    assert await count(database, TicketRow) == 1


async def test_a_repeat_in_the_same_run_joins_the_ticket_the_run_opened(
    desk: Desk, road: Road, database: Database
) -> None:
    say = Messages()
    first = say(SHOPKEEPER, "胜利路8号门口路灯不亮")
    created, repeat = await in_one_run(
        database, desk, road, [first, say(Sender(43, "李老板"), "胜利路8号门口的路灯坏了")]
    )
    assert (created.kind, repeat.kind, repeat.ticket.number) == (
        OutcomeKind.CREATED,
        OutcomeKind.JOINED,
        1,
    )
    # Resolved and confirmed (closed) in one run, then reported again in it: a new ticket,
    # not the closed one the run read as open at first.
    lighting = Sender(5001, "路灯所小李")
    fixed, thanks, again = await in_one_run(
        database,
        desk,
        road,
        [
            say(lighting, "已修好", reply_to=first.message_id),
            say(SHOPKEEPER, "好了谢谢", reply_to=first.message_id),
            say(SHOPKEEPER, "胜利路8号门口路灯又不亮了"),
        ],
    )
    assert (fixed.kind, thanks.ticket.state) == (OutcomeKind.MOVED, State.CLOSED)
    assert (again.kind, again.ticket.number) == (OutcomeKind.CREATED, 2)


async def test_ticket_numbers_taken_elsewhere_during_a_run_fail_the_run_not_the_numbers(
    desk: Desk, road: Road, database: Database, database_url: str
) -> None:
    say = Messages()
    messages = [say(SHOPKEEPER, "胜利路8号门口路灯不亮"), say(SHOPKEEPER, "超市后门堆了很多垃圾")]
    async with database.shared_run(update_ids=[], chat_ids=[CHAT]) as run:
        outcomes = [await desk.handle(message, road) for message in messages]
        assert [o.ticket.number for o in outcomes] == [1, 2]
        # Another process hands out number 1 meanwhile (a webhook worker, say).
        other = create_engine(database_url)
        async with other.begin() as connection:
            await connection.execute(text("UPDATE counters SET value = value + 1"))
        await other.dispose()
        with pytest.raises(RuntimeError, match="ticket numbers"):
            await run.commit()
    assert await count(database, TicketRow) == 0
    redone = [await desk.handle(message, road) for message in messages]
    assert [o.ticket.number for o in redone] == [2, 3]


@contextmanager
def inserts(database: Database) -> Iterator[list[str]]:
    """The table of every INSERT sent inside the block, in order."""
    tables: list[str] = []

    def record(_conn: Any, _cursor: Any, sql: str, *_: Any) -> None:
        found = re.match(r"\s*INSERT INTO (\w+)", sql)
        if found:
            tables.append(found.group(1))

    event.listen(database.engine.sync_engine, "before_cursor_execute", record)
    try:
        yield tables
    finally:
        event.remove(database.engine.sync_engine, "before_cursor_execute", record)


@contextmanager
def selects(database: Database) -> Iterator[list[str]]:
    """Every SELECT sent inside the block."""
    sent: list[str] = []

    def record(_conn: Any, _cursor: Any, sql: str, *_: Any) -> None:
        if sql.lstrip().upper().startswith("SELECT"):
            sent.append(sql)

    event.listen(database.engine.sync_engine, "before_cursor_execute", record)
    try:
        yield sent
    finally:
        event.remove(database.engine.sync_engine, "before_cursor_execute", record)


async def test_a_runs_new_tickets_wait_for_its_commit_and_go_in_one_insert_per_table(
    desk: Desk, road: Road, database: Database
) -> None:
    say = Messages()
    reports = [
        say(SHOPKEEPER, "胜利路8号门口路灯不亮", photo="lamp"),
        say(Sender(43, "李老板"), "超市后门堆了很多纸箱和垃圾", photo="boxes"),
        say(Sender(44, "张老板"), "幸福路13号门口井盖丢了"),
    ]
    with inserts(database) as written:
        async with database.shared_run(
            update_ids=[m.update_id for m in reports if m.update_id], chat_ids=[CHAT]
        ) as run:
            outcomes = [await desk.handle(message, road) for message in reports]
            assert {"tickets", "ticket_events", "photos"}.isdisjoint(written)  # not yet
            await run.commit()
    assert [o.kind for o in outcomes] == [OutcomeKind.CREATED] * 3
    # The ORM wrote a ticket, an event and a photo one INSERT each on SQLite.
    ticket_tables = [table for table in written if table in ("tickets", "ticket_events", "photos")]
    assert ticket_tables == ["tickets", "ticket_events", "photos"]
    assert written.index("photos") < written.index("message_links")  # links find the tickets


async def test_a_runs_tickets_events_photos_and_links_agree_on_ids_and_numbers(
    desk: Desk, road: Road, database: Database
) -> None:
    # Ids and numbers apart: a ticket written alone before, then numbers taken elsewhere.
    say = Messages()
    await desk.handle(say(Sender(45, "赵老板"), "和平路3号饭店油烟太大"), road)
    async with database.unit_of_work() as uow:
        await uow.session.execute(text("UPDATE counters SET value = value + 5"))
        await uow.commit()
    lamp = say(SHOPKEEPER, "胜利路8号门口路灯不亮", photo="lamp-1")
    boxes = say(Sender(43, "李老板"), "超市后门堆了很多纸箱和垃圾")
    outcomes = await in_one_run(
        database,
        desk,
        road,
        [
            lamp,
            boxes,
            say(SHOPKEEPER, photo="lamp-2"),  # a moment later: joins the lamp's queued ticket
            say(Sender(5001, "路灯所小李"), "收到", reply_to=lamp.message_id),
            say(Sender(44, "张老板"), "幸福路13号门口井盖丢了", photo="manhole"),
        ],
    )
    assert [o.kind for o in outcomes] == [
        OutcomeKind.CREATED,
        OutcomeKind.CREATED,
        OutcomeKind.PHOTO_ADDED,
        OutcomeKind.MOVED,
        OutcomeKind.CREATED,
    ]
    assert [outcomes[i].ticket.number for i in (0, 1, 4)] == [7, 8, 9]
    async with database.unit_of_work() as uow:
        rows = await uow.session.execute(
            text(
                "SELECT t.number, e.seq, e.kind, p.file_id, p.ticket_id = t.id "
                "FROM tickets t JOIN ticket_events e ON e.ticket_id = t.id "
                "LEFT JOIN photos p ON p.event_id = e.id ORDER BY t.number, e.seq"
            )
        )
        assert [tuple(row) for row in rows] == [
            (1, 0, "report", None, None),
            (7, 0, "report", "lamp-1", True),
            (7, 1, "photo_added", "lamp-2", True),
            (7, 2, "acknowledge", None, None),
            (8, 0, "report", None, None),
            (9, 0, "report", "manhole", True),
        ]
        links = await uow.session.execute(
            text(
                "SELECT l.message_id, t.number, l.kind FROM message_links l "
                "JOIN tickets t ON t.id = l.ticket_id ORDER BY l.message_id"
            )
        )
        first = lamp.message_id
        assert [tuple(row) for row in links] == [
            (first - 1, 1, "report"),
            (first, 7, "report"),
            (first + 1, 8, "report"),
            (first + 2, 7, "photo"),
            (first + 3, 7, "reply"),
            (first + 4, 9, "report"),
        ]
        lamp_ticket = await uow.tickets.get(7)
        assert lamp_ticket is not None and lamp_ticket.state is State.ACKNOWLEDGED
        assert [p.file_id for p in lamp_ticket.photos] == ["lamp-1", "lamp-2"]


async def test_a_run_that_fails_while_writing_its_tickets_leaves_none_of_them(
    desk: Desk, road: Road, database: Database
) -> None:
    # A real failure inside the database, at the commit, once tickets and events are written.
    async with database.unit_of_work() as uow:
        for statement in POISONED_PHOTO[uow.session.bind.dialect.name]:
            await uow.session.execute(text(statement))
        await uow.commit()
    say = Messages()
    lamp = say(SHOPKEEPER, "胜利路8号门口路灯不亮", photo="lamp")
    messages = [
        lamp,
        say(Sender(43, "李老板"), "超市后门堆了很多纸箱和垃圾", photo="poison"),
        say(SHOPKEEPER, photo="lamp-2"),
        say(Sender(5001, "路灯所小李"), "收到", reply_to=lamp.message_id),
    ]
    async with database.shared_run(
        update_ids=[], chat_ids=[CHAT], replies=replies_in(messages)
    ) as run:
        outcomes = [await desk.handle(message, road) for message in messages]
        assert outcomes[-1].kind is OutcomeKind.MOVED
        with pytest.raises(DBAPIError, match="poisoned photo"):
            await run.commit()
    for table in (TicketRow, EventRow, PhotoRow, MessageLinkRow, OutboxRow):
        assert await count(database, table) == 0, table


async def test_a_unit_of_work_that_queues_a_ticket_without_committing_spoils_the_run(
    service: TicketService, database: Database
) -> None:
    async with database.shared_run(update_ids=[], chat_ids=[CHAT]) as run:
        async with database.unit_of_work() as uow:
            await service.register_report(
                uow,
                road="胜利路",
                category="streetlight",
                text="胜利路8号门口路灯不亮",
                location="胜利路8号",
                reporter=Actor(42, "王老板"),
            )
        # left without uow.commit(): the run must not commit it with the others
        assert run.spoiled


async def test_a_query_that_cannot_merge_the_runs_tickets_writes_them_first(
    desk: Desk, road: Road, database: Database
) -> None:
    say = Messages()
    lamp = say(SHOPKEEPER, "胜利路8号门口路灯不亮")
    async with database.shared_run(update_ids=[], chat_ids=[CHAT]) as run:
        assert (await desk.handle(lamp, road)).kind is OutcomeKind.CREATED
        async with database.unit_of_work() as uow:
            [listed] = await uow.tickets.list()
            assert (listed.number, listed.id is not None) == (1, True)
            await uow.commit()
        # Written already: the reply moves it as any stored ticket, the commit writes it once.
        ack = say(Sender(5001, "路灯所小李"), "收到", reply_to=lamp.message_id)
        assert (await desk.handle(ack, road)).kind is OutcomeKind.MOVED
        await run.commit()
    assert await count(database, TicketRow) == 1
    async with database.unit_of_work() as uow:
        ticket = await uow.tickets.get(1)
        assert ticket is not None and ticket.state is State.ACKNOWLEDGED
        assert [e.kind.value for e in ticket.events] == ["report", "acknowledge"]


async def test_two_messages_in_a_run_that_move_the_same_stored_ticket_both_count(
    desk: Desk, road: Road, database: Database
) -> None:
    say = Messages()
    lamp = say(SHOPKEEPER, "胜利路8号门口路灯不亮")
    await in_one_run(database, desk, road, [lamp])
    # The second reads the ticket the first changed: it must see the first's event.
    photo, ack = await in_one_run(
        database,
        desk,
        road,
        [
            say(SHOPKEEPER, photo="lamp-2", reply_to=lamp.message_id),
            say(Sender(5001, "路灯所小李"), "收到", reply_to=lamp.message_id),
        ],
    )
    assert (photo.kind, ack.kind) == (OutcomeKind.PHOTO_ADDED, OutcomeKind.MOVED)
    async with database.unit_of_work() as uow:
        ticket = await uow.tickets.get(1)
        assert ticket is not None and ticket.state is State.ACKNOWLEDGED
        assert [e.kind.value for e in ticket.events] == ["report", "photo_added", "acknowledge"]


async def test_a_runs_replies_find_their_stored_tickets_in_what_it_read_at_its_start(
    desk: Desk, road: Road, database: Database
) -> None:
    say = Messages()
    lamp = say(SHOPKEEPER, "胜利路8号门口路灯不亮", photo="lamp")
    boxes = say(Sender(43, "李老板"), "超市后门堆了很多纸箱和垃圾")
    await in_one_run(database, desk, road, [lamp, boxes])
    card = 9000  # the lamp's card, as the sender links it once posted
    async with database.unit_of_work() as uow:
        await uow.links.link(CHAT, card, 1, "card")
        await uow.commit()
    lighting = Sender(5001, "路灯所小李")
    replies = [
        say(lighting, "收到", reply_to=boxes.message_id),  # not lighting's: refused
        say(lighting, "收到", reply_to=lamp.message_id),
        say(SHOPKEEPER, "好了谢谢", reply_to=card),  # the same ticket through its card: not yet
        say(SHOPKEEPER, "哈哈", reply_to=12345),  # a message no ticket has
    ]
    statements: list[str] = []

    def record(_conn: Any, _cursor: Any, sql: str, *_: Any) -> None:
        statements.append(sql)

    async with database.shared_run(
        update_ids=[], chat_ids=[CHAT], replies=replies_in(replies)
    ) as run:
        event.listen(database.engine.sync_engine, "before_cursor_execute", record)
        try:
            outcomes = [await desk.handle(message, road) for message in replies]
        finally:
            event.remove(database.engine.sync_engine, "before_cursor_execute", record)
        await run.commit()
    assert [o.kind for o in outcomes] == [
        OutcomeKind.REFUSED,
        OutcomeKind.MOVED,
        OutcomeKind.NOT_NOW,
        OutcomeKind.IGNORED,
    ]
    assert [o.ticket.number for o in outcomes[:3] if o.ticket] == [2, 1, 1]
    assert [p.file_id for p in outcomes[1].ticket.photos] == ["lamp"]  # read with its history
    # No reply looked its message up, nor its ticket while the run had not changed it: the
    # move read the ticket's row to write to, and the reply after the move read it again.
    assert not [sql for sql in statements if "message_links" in sql]
    tickets_read = [
        re.sub(r"\$\d+(::\w+)?", "?", sql.split("WHERE")[-1].strip())  # PostgreSQL's $1
        for sql in statements
        if sql.lstrip().startswith("SELECT") and "FROM tickets" in sql
    ]
    assert tickets_read == [
        "tickets.id = ?",
        "tickets.number = ? ORDER BY ticket_events_1.seq, photos_1.id",
    ]
    async with database.unit_of_work() as uow:
        ticket = await uow.tickets.get(1)
        assert ticket is not None and ticket.state is State.ACKNOWLEDGED
        assert [e.kind.value for e in ticket.events] == ["report", "acknowledge"]


async def test_a_run_reads_what_its_messages_need_in_one_statement_at_its_start(
    database: Database,
) -> None:
    with inserts(database) as written, selects(database) as read:
        async with database.shared_run(update_ids=[1, 2, 3], chat_ids=[CHAT, CHAT - 1]):
            pass
    # handled update ids, the ticket counter, approved roles and photo holders, all at once
    assert (len(read), written) == (1, [])
    with selects(database) as read:
        async with database.shared_run(update_ids=[4], chat_ids=[CHAT], replies=[(CHAT, 1)]):
            pass
    assert len(read) == 2  # and the tickets its replies answer, with their histories


async def test_a_report_in_a_run_compares_itself_with_its_categorys_open_tickets_only(
    desk: Desk, road: Road, database: Database
) -> None:
    say = Messages()
    await in_one_run(
        database,
        desk,
        road,
        [
            say(SHOPKEEPER, "胜利路8号门口路灯不亮"),
            say(Sender(43, "李老板"), "胜利路8号门口井盖丢了"),
        ],
    )
    with selects(database) as read:
        [repeat] = await in_one_run(
            database, desk, road, [say(Sender(44, "张老板"), "胜利路8号门口的路灯坏了")]
        )
    assert (repeat.kind, repeat.ticket.number) == (OutcomeKind.JOINED, 1)
    # A road's other categories cannot be the same problem: their rows are not read.
    [open_tickets] = [sql for sql in read if "tickets.state IN" in sql]
    assert "tickets.category = " in open_tickets


async def test_a_reply_in_a_run_keeps_what_the_clock_wrote_since_the_run_began(
    desk: Desk, road: Road, database: Database, database_url: str
) -> None:
    # The run reads the tickets its replies answer at its start. On PostgreSQL the clock (its
    # own connection, or another process) may record a reminder on one of them meanwhile; the
    # reply's save must not write the old chase columns back over it.
    if database_url.startswith("sqlite"):
        pytest.skip("SQLite: the run's read snapshot makes its first write fail; it is redone")
    say = Messages()
    lamp = say(SHOPKEEPER, "胜利路8号门口路灯不亮")
    await in_one_run(database, desk, road, [lamp])
    photo = say(SHOPKEEPER, photo="lamp-2", reply_to=lamp.message_id)
    clock = create_engine(database_url)
    try:
        async with database.shared_run(
            update_ids=[], chat_ids=[CHAT], replies=replies_in([photo])
        ) as run:
            async with clock.begin() as connection:  # the sweep, committed in between
                await connection.execute(
                    text("UPDATE tickets SET chase_level = 2 WHERE number = 1")
                )
            outcome = await desk.handle(photo, road)
            await run.commit()
    finally:
        await clock.dispose()
    assert outcome.kind is OutcomeKind.PHOTO_ADDED
    async with database.unit_of_work() as uow:
        ticket = await uow.tickets.get(1)
    assert ticket is not None
    assert ticket.chase_level == 2
    assert [e.kind.value for e in ticket.events] == ["report", "photo_added"]
