"""The moves: the one place where a ticket changes at someone's request, through permissions,
and where the notices that follow a change are written.

Every move is checked by `permissions` before it is made; a refusal (NotAllowed) or a move the
state does not allow (IllegalTransition) leaves the ticket as it was. Nothing here commits: the
update's owner commits the move with its notices, or neither.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from tickets import permissions
from tickets.duplicates import find_same_problem
from tickets.floods import answered_before
from tickets.lifecycle import Action, IllegalTransition, Note, allowed_actions
from tickets.model import Photo, PhotoKind, Ticket
from tickets.notices import Notice, NoticeKind
from tickets.office import Office
from tickets.permissions import Actor, reporters_of
from tickets.ports import UnitOfWork
from tickets.requests import Place
from tickets.routing import responsible_department
from tickets.triage import triage_department


@dataclass(frozen=True, slots=True)
class Move:
    """A move a person asks for, with what that move needs."""

    action: Action
    note: str = ""
    photos: tuple[Photo, ...] = ()
    department: str | None = None  # transfer
    resolve_due: datetime | None = None  # extension
    of_number: int | None = None  # duplicate
    category: str | None = None  # correction: what it really is
    location: str | None = None  # correction of the place


class TicketNotFound(LookupError):
    def __init__(self, number: int) -> None:
        super().__init__(f"there is no ticket #{number}")
        self.number = number


class Moves:
    def __init__(self, uow: UnitOfWork, office: Office) -> None:
        self._uow = uow
        self._office = office

    # --- a report ------------------------------------------------------------------------

    async def report(
        self,
        *,
        road: str,
        category: str,
        text: str,
        location: str | None,
        reporter: Actor,
        photos: Sequence[Photo],
        place: Place,
        message_ids: Sequence[int],
        carded: bool = True,
        read: dict[str, Any] | None = None,
    ) -> tuple[Ticket, bool]:
        """Register a report, or fold it into the open ticket of the same problem on this road;
        link its messages to the ticket and answer with the card (or "already open"), unless
        the flood limits said no (`carded`, tickets/floods.py). A repeat is answered once per
        person and ticket; later ones are recorded, and edit the card only to add photos.
        `read` is what the reader made of it (tickets/triage.py). Returns the ticket and whether
        it is new."""
        office = self._office
        office.taxonomy.category(category)  # an unknown category is a bug, not a ticket
        now = office.clock.now()
        before = tuple(Photo(p.file_id, PhotoKind.BEFORE, p.file_unique_id) for p in photos)
        same = find_same_problem(
            await self._uow.tickets.open_on_road(road, category), category, location
        )
        ticket = None if same is None else await self._uow.tickets.get(same.number)
        created = ticket is None
        # A repeat by someone already answered about this ticket is recorded, not answered, and
        # changes the card only with new photos (it shows photos and how many others reported).
        repeat = ticket is not None and answered_before(ticket, reporter.user_id)
        carded = carded and not repeat
        if ticket is not None:
            ticket.record(
                Note.ALSO_REPORTED,
                by=reporter.user_id,
                at=now,
                note=text,
                photos=before,
                data={"name": reporter.name},
            )
            await self._uow.tickets.save(ticket)
        else:
            ticket = Ticket.report(
                number=await self._uow.tickets.next_number(),
                road=road,
                category=category,
                department=responsible_department(office.taxonomy, category, road),
                text=text,
                location=location,
                reporter_id=reporter.user_id,
                reporter_name=reporter.name,
                at=now,
                deadlines=office.deadlines(category, now),
                photos=before,
                chat_id=place.chat_id,
                thread_id=place.thread_id,
                read=read,
            )
            await self._uow.tickets.add(ticket)
        for message_id in message_ids:
            await self._uow.links.link(place.chat_id, message_id, ticket.number, "report")
        if carded:
            await self._uow.outbox.add(
                Notice(
                    NoticeKind.CARD if created else NoticeKind.ALREADY_OPEN,
                    place.chat_id,
                    place.thread_id,
                    ticket.number,
                    reply_to=place.reply_to,
                    data={
                        "reporter_id": reporter.user_id,
                        "reporter_name": reporter.name,
                        "reporter_username": reporter.username,
                    },
                )
            )
        if not created and not (repeat and not before):
            await self.card_update(ticket)
        return ticket, created

    # --- moves by people -----------------------------------------------------------------

    async def make(self, ticket: Ticket, actor: Actor, move: Move) -> None:
        """Check and make `move` on `ticket` and save it. Raises NotAllowed (wrong person),
        IllegalTransition (wrong moment) or TicketNotFound (a duplicate of nothing); the ticket
        is then unchanged."""
        office = self._office
        triage = triage_department(office.taxonomy, ticket.road)
        permissions.check(actor, move.action, ticket, triage=triage)
        now = office.clock.now()
        by = actor.user_id
        match move.action:
            case Action.ACKNOWLEDGE:
                ticket.acknowledge(by=by, at=now, note=move.note)
            case Action.RESOLVE:
                after = tuple(
                    Photo(p.file_id, PhotoKind.AFTER, p.file_unique_id) for p in move.photos
                )
                ticket.resolve(
                    by=by,
                    at=now,
                    note=move.note,
                    photos=after,
                    verify_due=now + office.verify_within,
                )
            case Action.CONFIRM:
                ticket.confirm(by=by, at=now, note=move.note)
            case Action.REOPEN:
                ticket.reopen(
                    by=by,
                    at=now,
                    note=move.note,
                    photos=move.photos,
                    deadlines=office.deadlines(ticket.category, now),
                )
            case Action.TRANSFER:
                if move.department is None:
                    raise ValueError("a transfer needs the department to transfer to")
                office.taxonomy.department(move.department)
                ticket.transfer(
                    by=by,
                    at=now,
                    department=move.department,
                    note=move.note,
                    deadlines=office.deadlines(ticket.category, now),
                )
            case Action.CORRECT:
                if move.category is None:
                    raise ValueError("a correction needs the category it really is")
                department = move.department or responsible_department(
                    office.taxonomy, move.category, ticket.road
                )
                office.taxonomy.department(department)
                ticket.correct(
                    by=by,
                    at=now,
                    category=move.category,
                    department=department,
                    deadlines=office.deadlines(move.category, now),
                )
            case Action.CORRECT_PLACE:
                if not move.location:
                    raise ValueError("a correction of the place needs the place")
                ticket.correct_place(by=by, at=now, location=move.location)
            case Action.EXTEND:
                if move.resolve_due is None:
                    raise ValueError("an extension needs the new resolve deadline")
                ticket.extend(by=by, at=now, resolve_due=move.resolve_due, note=move.note)
            case Action.MARK_DUPLICATE:
                if move.of_number is None or await self._uow.tickets.get(move.of_number) is None:
                    raise TicketNotFound(move.of_number or 0)
                ticket.mark_duplicate(by=by, at=now, of_number=move.of_number)
            case Action.REJECT:
                ticket.reject(by=by, at=now, note=move.note)
            case Action.CANCEL:
                ticket.cancel(by=by, at=now, note=move.note)
            case Action.CLOSE:
                ticket.close(by=by, at=now, note=move.note)
            case _:
                raise ValueError(f"{move.action.value} is not a move a person makes")
        await self._uow.tickets.save(ticket)

    async def request_extension(
        self, ticket: Ticket, actor: Actor, due: datetime, reason: str
    ) -> None:
        """A liaison asks the chief for more time (延期): recorded, and the chief is asked with a
        button that carries the requested deadline. Raises NotAllowed or IllegalTransition."""
        permissions.check(actor, Action.EXTEND, ticket)
        if Action.EXTEND not in allowed_actions(ticket.state):
            raise IllegalTransition(ticket.number, ticket.state, Action.EXTEND)
        ticket.record(
            Note.EXTENSION_REQUESTED,
            by=actor.user_id,
            at=self._office.clock.now(),
            note=reason,
            data={"to_due": due.isoformat(), "name": actor.name},
        )
        await self._uow.tickets.save(ticket)
        if ticket.chat_id is not None:
            await self._uow.outbox.add(
                Notice(
                    NoticeKind.EXTENSION_REQUEST,
                    ticket.chat_id,
                    ticket.thread_id,
                    ticket.number,
                    data={"to_due": due.isoformat(), "reason": reason, "by_name": actor.name},
                )
            )

    # --- what the group hears ------------------------------------------------------------

    async def announce(
        self, ticket: Ticket, action: Action, actor: Actor, reply_to: int | None
    ) -> None:
        """After a move: the card shows it, the group hears it, the reporter is asked to verify."""
        if ticket.chat_id is None:
            return
        await self.card_update(ticket)
        await self._uow.outbox.add(
            Notice(
                NoticeKind.MOVED,
                ticket.chat_id,
                ticket.thread_id,
                ticket.number,
                reply_to=reply_to,
                data={"action": action.value, "by_id": actor.user_id, "by_name": actor.name},
            )
        )
        # Only people can be asked: a city platform's request (reporter 0) follows the ticket
        # through the API instead.
        asked = sorted(user for user in reporters_of(ticket) if user > 0)
        if action is Action.RESOLVE and asked:
            await self._uow.outbox.add(
                Notice(
                    NoticeKind.ASK_CONFIRM,
                    ticket.chat_id,
                    ticket.thread_id,
                    ticket.number,
                    data={"reporter_ids": asked},
                )
            )

    async def card_update(self, ticket: Ticket, mode: str | None = None) -> None:
        """Edit the ticket's card to show it as it is (or, with `mode`, other buttons)."""
        if ticket.chat_id is None:
            return
        data = {} if mode is None else {"mode": mode}
        await self._uow.outbox.add(
            Notice(
                NoticeKind.CARD_UPDATE, ticket.chat_id, ticket.thread_id, ticket.number, data=data
            )
        )
