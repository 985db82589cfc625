"""Answers to commands: what the bot says back, decided here and worded at send time.

Each answer is a notice naming what to show (a sentence of the catalogue, a list of tickets, a
ticket with its history, the figures of a period, the ledger as a file); the sender renders it
in the configured language when it goes out. The checks on what people typed are made here, so a
ticket number like 99999999999999999999 or a period that does not exist gets a polite sentence.
"""

from __future__ import annotations

from collections.abc import Sequence

from tickets.actors import actor_in
from tickets.assessment import Period
from tickets.durations import Duration
from tickets.notices import Notice, NoticeKind
from tickets.office import Office
from tickets.permissions import reporters_of
from tickets.ports import UnitOfWork
from tickets.requests import Person, Place
from tickets.taxonomy import Road

# Ticket numbers are counted from 1; a database integer holds no more than this.
LARGEST_NUMBER = 2**31 - 1


def ticket_number(text: str) -> int | None:
    """ "12" or "#12" as a ticket number; None for anything else (words, 0, a number too large)."""
    digits = text.strip().removeprefix("#")
    if not digits.isascii() or not digits.isdigit() or len(digits) > 10:
        return None
    number = int(digits)
    return number if 0 < number <= LARGEST_NUMBER else None


# More time than a year is not an extension but a new plan; it is also where dates end.
LONGEST_EXTENSION = Duration(days=366)


def extension_length(text: str) -> Duration | None:
    """ "2d" or "1d4h" as more time for a ticket; None for anything else (words, nothing, more
    than a year: "99999999999d" would be past the last date there is)."""
    try:
        more = Duration.parse(text)
    except ValueError:
        return None
    # Compared as plain numbers: a timedelta of 99999999999 days cannot even be made.
    seconds = more.days * 86_400 + more.seconds
    longest = LONGEST_EXTENSION.days * 86_400 + LONGEST_EXTENSION.seconds
    return more if 0 < seconds <= longest else None


def period(text: str | None, default: Period) -> Period | None:
    word = (text or "").strip().lower() or default.value
    return Period(word) if word in Period._value2member_map_ else None


class Answers:
    def __init__(self, uow: UnitOfWork, office: Office) -> None:
        self._uow = uow
        self._office = office

    async def say(self, place: Place, key: str, **args: object) -> None:
        """One sentence of the catalogue, answering in `place`."""
        await self._add(place, NoticeKind.SAY, {"key": key, "args": args})

    async def status(self, place: Place, road: Road) -> None:
        """/status: the road's open tickets, oldest first."""
        numbers = [t.number for t in await self._uow.tickets.open_on_road(road.name)]
        if not numbers:
            await self.say(place, "status.none")
            return
        await self._add(place, NoticeKind.LISTING, {"header": "status.header", "numbers": numbers})

    async def mine(self, place: Place, road: Road, person: Person) -> None:
        """/mine: a liaison's open items on this road; anyone else's reports still open."""
        actor = await actor_in(self._uow, self._office.taxonomy, road, place.chat_id, person)
        listed = await self._uow.tickets.open_on_road(road.name)
        if actor.departments:
            numbers = [
                t.number for t in listed if t.is_active and t.department in actor.departments
            ]
        else:
            numbers = []
            for ticket in listed:
                stored = await self._uow.tickets.get(ticket.number)
                if stored is not None and person.user_id in reporters_of(stored):
                    numbers.append(ticket.number)
        if not numbers:
            await self.say(place, "mine.none")
            return
        await self._add(place, NoticeKind.LISTING, {"header": "mine.header", "numbers": numbers})

    async def ticket(self, place: Place, road: Road, argument: str | None) -> None:
        """/ticket N: the ticket's card and its history, if it is this road's."""
        number = ticket_number(argument or "")
        if number is None:
            await self.say(place, "ticket.usage")
            return
        found = await self._uow.tickets.get(number)
        if found is None or found.road != road.name:
            await self.say(place, "ticket.unknown", number=number)
            return
        await self._add(place, NoticeKind.TICKET_DETAIL, {}, number)

    async def figures(
        self, place: Place, show: str, argument: str | None, roads: Sequence[str], scope: str
    ) -> None:
        """/stats or /rank for a period (default: this week), over `roads`."""
        chosen = period(argument, Period.WEEK)
        if chosen is None:
            await self.say(place, "stats.usage")
            return
        await self._add(
            place,
            NoticeKind.FIGURES,
            {
                "show": show,
                "period": chosen.value,
                "roads": list(roads),
                "scope": scope,
                "at": self._office.clock.now().isoformat(),
            },
        )

    async def export(
        self, place: Place, argument: str | None, roads: Sequence[str], scope: str
    ) -> None:
        """/export: the ledger of a period (default: this month) as the XLSX file."""
        chosen = period(argument, Period.MONTH)
        if chosen is None:
            await self.say(place, "stats.usage")
            return
        await self._add(
            place,
            NoticeKind.EXPORT,
            {
                "period": chosen.value,
                "roads": list(roads),
                "scope": scope,
                "at": self._office.clock.now().isoformat(),
            },
        )

    def roads_of(self, user_id: int, roads: Sequence[Road]) -> list[str] | None:
        """The roads a person may see figures of: all for the office's admins, their own for a
        chief; None for anyone else."""
        if user_id in self._office.admin_ids:
            return [road.name for road in roads]
        mine = [road.name for road in roads if user_id in road.chief_ids]
        return mine or None

    async def _add(
        self, place: Place, kind: NoticeKind, data: dict[str, object], number: int | None = None
    ) -> None:
        await self._uow.outbox.add(
            Notice(kind, place.chat_id, place.thread_id, number, place.reply_to, data=data)
        )
