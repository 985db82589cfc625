"""The ledger page's filters: read from a URL, written back into links, made into the query of
a page (storage/ledger_pages.py); the same filters decide, in Python, which tickets an export
holds (`matches`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from reports.web.access import Scope
from storage.ledger_pages import SORTS, LedgerQuery
from tickets.lifecycle import OPEN_STATES, State
from tickets.model import Ticket

PAGE = 50
OPEN = "open"
_OPEN = tuple(sorted(s.value for s in OPEN_STATES))
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
        """What the page's query selects, for one ticket in hand (the export's filter)."""
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


def ledger_query(filters: Filters, scope: Scope, now: datetime, zone: ZoneInfo) -> LedgerQuery:
    """The filters and who is looking, as the query of a page of the ledger."""
    start, end = filters.window(zone)
    if filters.state == OPEN:
        states: tuple[str, ...] = _OPEN
    else:
        states = (filters.state,) if filters.state else ()
    return LedgerQuery(
        everything=scope.everything,
        seen_roads=scope.roads,
        seen_departments=scope.departments,
        road=filters.road,
        department=filters.department,
        category=filters.category,
        states=states,
        start=start,
        end=end,
        overdue_at=now if filters.overdue else None,
        text=filters.q,
        number=_number(filters.q.removeprefix("#")),
        sort=filters.sort,
        descending=filters.descending,
        after=filters.after,
    )


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
