"""The ledger a page at a time, as the web desk shows it: one indexed SELECT per page.

Pages are keyset pages (the next page starts after the last ticket shown, never at an OFFSET),
so the thousandth page of a million tickets costs what the first does; there is no total count
(counting a million rows on every page is what would make it slow), only "more after this".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, false, or_, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from storage.rows import TICKETS, ticket_from_row
from storage.tickets import overdue_at
from tickets.model import Ticket

SORTS = ("number", "created_at", "resolve_due", "ack_due")


@dataclass(frozen=True, slots=True)
class LedgerQuery:
    """Which tickets a page holds, in plain values."""

    everything: bool = True  # False: only `seen_roads` and `seen_departments`
    seen_roads: frozenset[str] = frozenset()
    seen_departments: frozenset[str] = frozenset()
    road: str = ""
    department: str = ""
    category: str = ""
    states: tuple[str, ...] = ()  # any of these; empty: every state
    start: datetime | None = None  # reported at or after
    end: datetime | None = None  # reported before
    overdue_at: datetime | None = None  # only those past a deadline then
    text: str = ""  # in the words or the place
    number: int | None = None  # or this ticket number, when `text` is one
    sort: str = "number"  # one of SORTS
    descending: bool = True
    after: int | None = None  # the last ticket number of the page before


class SqlLedgerPages:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def page(self, query: LedgerQuery, size: int) -> tuple[list[Ticket], int | None]:
        """A page of tickets without their history, and the number to start the next page
        after (None on the last page)."""
        c = TICKETS.c
        column = c[query.sort]
        where = _conditions(query)
        if query.after is not None:
            where.append(_after(query, column))
        order = (column.desc(), c.number.desc()) if query.descending else (column, c.number)
        select_page = select(TICKETS).where(*where).order_by(*order).limit(size + 1)
        rows = (await self._session.execute(select_page)).all()
        tickets = [ticket_from_row(row) for row in rows[:size]]
        more = len(rows) > size and tickets
        return tickets, (tickets[-1].number if more else None)


def _conditions(query: LedgerQuery) -> list[ColumnElement[bool]]:
    c = TICKETS.c
    where: list[ColumnElement[bool]] = []
    if not query.everything:
        seen = [
            c.road.in_(sorted(query.seen_roads)),
            c.department.in_(sorted(query.seen_departments)),
        ]
        where.append(or_(*seen) if query.seen_roads or query.seen_departments else false())
    if query.road:
        where.append(c.road == query.road)
    if query.department:
        where.append(c.department == query.department)
    if query.category:
        where.append(c.category == query.category)
    if query.states:
        where.append(c.state.in_(query.states))
    if query.start is not None:
        where.append(c.created_at >= query.start)
    if query.end is not None:
        where.append(c.created_at < query.end)
    if query.overdue_at is not None:
        where.append(overdue_at(query.overdue_at))
    if query.text:
        words = [
            c.text.contains(query.text, autoescape=True),
            c.location.contains(query.text, autoescape=True),
        ]
        if query.number is not None:
            words.append(c.number == query.number)
        where.append(or_(*words))
    return where


def _after(query: LedgerQuery, column: Any) -> ColumnElement[bool]:
    c = TICKETS.c
    number = query.after
    if query.sort == "number":
        return c.number < number if query.descending else c.number > number
    # The sort value of the ticket the page before ended on, read inside the same statement.
    value = select(column).where(c.number == number).scalar_subquery()
    pair, cursor = tuple_(column, c.number), tuple_(value, number)
    return pair < cursor if query.descending else pair > cursor
