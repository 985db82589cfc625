"""The ledger page's query: the office's filters made into one indexed SELECT, a page at a time.

Pages are keyset pages (the next page starts after the last ticket shown, never at an OFFSET),
so the thousandth page of a million tickets costs what the first does; there is no total count
(counting a million rows on every page is what would make it slow), only "more after this".
The same filters decide, in Python, which tickets an export holds (`matches`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, and_, false, or_, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from reports.web.access import Scope
from storage.rows import TICKETS, ticket_from_row
from tickets.lifecycle import ACTIVE_STATES, OPEN_STATES, State
from tickets.model import Ticket

PAGE = 50
OPEN = "open"
SORTS = ("number", "created_at", "resolve_due", "ack_due")
_ACK_RUNNING = [State.DISPATCHED.value, State.REOPENED.value]
_ACTIVE = [s.value for s in ACTIVE_STATES]
_OPEN = [s.value for s in OPEN_STATES]
LONGEST_QUERY = 100


@dataclass(frozen=True, slots=True)
class Filters:
    road: str = ""
    department: str = ""
    category: str = ""
    state: str = ""  # "", "open" or a State's value
    since: date | None = None  # reported on or after (local day)
    until: date | None = None  # reported on or before (local day)
    overdue: bool = False
    q: str = ""
    sort: str = "number"
    descending: bool = True
    after: int | None = None  # the last ticket number of the page before

    @classmethod
    def from_query(cls, query: Mapping[str, str]) -> Filters:
        """Filters from a URL's query; anything malformed is dropped, never an error page."""
        state = query.get("state", "")
        if state not in {OPEN, *(s.value for s in State)}:
            state = ""
        sort = query.get("sort", "number")
        return cls(
            road=query.get("road", "")[:200],
            department=query.get("department", "")[:64],
            category=query.get("category", "")[:64],
            state=state,
            since=_day(query.get("since")),
            until=_day(query.get("until")),
            overdue=query.get("overdue") in {"1", "on", "true"},
            q=query.get("q", "").strip()[:LONGEST_QUERY],
            sort=sort if sort in SORTS else "number",
            descending=query.get("order", "desc") != "asc",
            after=_number(query.get("after")),
        )

    def query(self, **changes: Any) -> dict[str, str]:
        """These filters as a URL query (the defaults left out), with `changes` applied."""
        shown = replace(self, **changes)
        values = {
            "road": shown.road,
            "department": shown.department,
            "category": shown.category,
            "state": shown.state,
            "since": shown.since.isoformat() if shown.since else "",
            "until": shown.until.isoformat() if shown.until else "",
            "overdue": "1" if shown.overdue else "",
            "q": shown.q,
            "sort": "" if shown.sort == "number" else shown.sort,
            "order": "" if shown.descending else "asc",
            "after": str(shown.after) if shown.after else "",
        }
        return {key: value for key, value in values.items() if value}

    def window(self, zone: ZoneInfo) -> tuple[datetime | None, datetime | None]:
        start = datetime.combine(self.since, time(0), zone) if self.since else None
        end = (
            datetime.combine(self.until + timedelta(days=1), time(0), zone) if self.until else None
        )
        return start, end

    def matches(self, ticket: Ticket, now: datetime, zone: ZoneInfo) -> bool:
        """What `conditions` selects, for one ticket in hand (the export's filter)."""
        start, end = self.window(zone)
        text = self.q.lower()
        return (
            (not self.road or ticket.road == self.road)
            and (not self.department or ticket.department == self.department)
            and (not self.category or ticket.category == self.category)
            and (
                not self.state
                or (ticket.is_open if self.state == OPEN else ticket.state.value == self.state)
            )
            and (start is None or ticket.created_at >= start)
            and (end is None or ticket.created_at < end)
            and (not self.overdue or ticket.overdue(now))
            and (
                not text
                or text in ticket.text.lower()
                or text in (ticket.location or "").lower()
                or _number(text.removeprefix("#")) == ticket.number
            )
        )


def conditions(
    filters: Filters, scope: Scope, now: datetime, zone: ZoneInfo
) -> list[ColumnElement[bool]]:
    c = TICKETS.c
    where: list[ColumnElement[bool]] = []
    if not scope.everything:
        seen = [c.road.in_(sorted(scope.roads)), c.department.in_(sorted(scope.departments))]
        where.append(or_(*seen) if scope.anything else false())
    if filters.road:
        where.append(c.road == filters.road)
    if filters.department:
        where.append(c.department == filters.department)
    if filters.category:
        where.append(c.category == filters.category)
    if filters.state == OPEN:
        where.append(c.state.in_(_OPEN))
    elif filters.state:
        where.append(c.state == filters.state)
    start, end = filters.window(zone)
    if start is not None:
        where.append(c.created_at >= start)
    if end is not None:
        where.append(c.created_at < end)
    if filters.overdue:
        # The active states stand alone, so that a road's (road, state) index narrows the
        # read to its open tickets before the deadlines are compared.
        where.append(c.state.in_(_ACTIVE))
        where.append(or_(and_(c.state.in_(_ACK_RUNNING), c.ack_due < now), c.resolve_due < now))
    if filters.q:
        words = [c.text.contains(filters.q, autoescape=True)]
        words.append(c.location.contains(filters.q, autoescape=True))
        number = _number(filters.q.removeprefix("#"))
        if number is not None:
            words.append(c.number == number)
        where.append(or_(*words))
    return where


async def ledger_page(
    session: AsyncSession,
    filters: Filters,
    scope: Scope,
    now: datetime,
    zone: ZoneInfo,
    size: int = PAGE,
) -> tuple[list[Ticket], int | None]:
    """A page of tickets without their history, and the number to start the next page after
    (None on the last page)."""
    c = TICKETS.c
    column = c[filters.sort]
    where = conditions(filters, scope, now, zone)
    if filters.after is not None:
        where.append(_after(filters, column))
    order = (column.desc(), c.number.desc()) if filters.descending else (column, c.number)
    query = select(TICKETS).where(*where).order_by(*order).limit(size + 1)
    rows = (await session.execute(query)).all()
    tickets = [ticket_from_row(row) for row in rows[:size]]
    more = len(rows) > size and tickets
    return tickets, (tickets[-1].number if more else None)


def _after(filters: Filters, column: Any) -> ColumnElement[bool]:
    c = TICKETS.c
    number = filters.after
    if filters.sort == "number":
        return c.number < number if filters.descending else c.number > number
    # The sort value of the ticket the page before ended on, read inside the same statement.
    value = select(column).where(c.number == number).scalar_subquery()
    pair, cursor = tuple_(column, c.number), tuple_(value, number)
    return pair < cursor if filters.descending else pair > cursor


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _number(text: str | None) -> int | None:
    if not text or not text.isascii() or not text.isdigit() or len(text) > 10:
        return None
    number = int(text)
    return number if 0 < number < 2**31 else None
