"""The desk: what a group message means here, and the move it makes, in one transaction.

Words alone rarely decide. Who wrote it (their role in this group), what it replies to (a card,
a report) and what is open on the road decide as much: a liaison's "收到" under a card
acknowledges that ticket; a shopkeeper's "收到" is chatter. Everything a message causes — the
update id, the move, the links, the notices to send — is committed together, so a redelivered
update or a crash half-way changes nothing twice.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from tickets import permissions
from tickets.clock import Clock
from tickets.durations import Duration
from tickets.lifecycle import Action, IllegalTransition, Note, State, allowed_actions
from tickets.model import Photo, PhotoKind, Ticket
from tickets.notices import Notice, NoticeKind
from tickets.permissions import Actor, NotAllowed, Refusal, reporters_of
from tickets.ports import UnitOfWork
from tickets.roles import Role
from tickets.routing import deadlines_for, responsible_department
from tickets.service import Move, TicketService
from tickets.taxonomy import Road, Taxonomy
from tickets.understanding import Intent, Reading, Understanding

# A photo and its words often arrive a few seconds apart, an album as several messages.
DEFAULT_PHOTO_WINDOW = timedelta(minutes=2)


@dataclass(frozen=True, slots=True)
class Sender:
    user_id: int
    name: str
    username: str | None = None


@dataclass(frozen=True, slots=True)
class GroupMessage:
    chat_id: int
    message_id: int
    sender: Sender
    text: str = ""
    photos: tuple[Photo, ...] = ()
    thread_id: int | None = None
    reply_to: int | None = None  # the message id this one answers
    media_group_id: str | None = None
    update_id: int | None = None
    explicit_report: bool = False  # /report, or a message that mentions the bot
    forwarded: bool = False


class OutcomeKind(StrEnum):
    ALREADY_HANDLED = "already_handled"  # a redelivered update
    IGNORED = "ignored"  # chatter, or nothing it could be about
    CREATED = "created"
    JOINED = "joined"  # a repeat report, folded into the open ticket
    MOVED = "moved"
    REFUSED = "refused"  # the sender may not do that; they were told politely
    NOT_NOW = "not_now"  # the ticket is not in a state for that ("收到" twice)
    ASKED_WHICH = "asked_which"  # several tickets fit; asked to reply to the card
    PHOTO_HELD = "photo_held"  # a photo without words, waiting for its text
    PHOTO_ADDED = "photo_added"


@dataclass(frozen=True, slots=True)
class Outcome:
    kind: OutcomeKind
    ticket: Ticket | None = None
    action: Action | None = None
    reading: Reading | None = None
    refusal: Refusal | None = None  # why, when REFUSED: the handler words it, never decides it


_INTENT_MOVES = {
    Intent.ACK: Action.ACKNOWLEDGE,
    Intent.RESOLVED: Action.RESOLVE,
    Intent.CONFIRM: Action.CONFIRM,
    Intent.REOPEN: Action.REOPEN,
}
# Without a reply to point at it, a move is made only on the one ticket it can be about.
_CANDIDATE_STATES = {
    Action.ACKNOWLEDGE: {State.DISPATCHED, State.REOPENED},
    Action.RESOLVE: {State.DISPATCHED, State.ACKNOWLEDGED, State.REOPENED},
    Action.CONFIRM: {State.RESOLVED},
    Action.REOPEN: {State.RESOLVED},
}


class Desk:
    def __init__(
        self,
        *,
        unit_of_work: Callable[[], UnitOfWork],
        service: TicketService,
        understanding: Understanding,
        taxonomy: Taxonomy,
        clock: Clock,
        photo_window: timedelta = DEFAULT_PHOTO_WINDOW,
    ) -> None:
        self._uow = unit_of_work
        self._service = service
        self._understanding = understanding
        self._taxonomy = taxonomy
        self._clock = clock
        self._photo_window = photo_window
        # user id -> (name, username) last written by this process
        self._names: dict[int, tuple[str, str | None]] = {}

    # --- entry points -----------------------------------------------------------------------

    async def handle(self, message: GroupMessage, road: Road) -> Outcome:
        """A new message in a road's group."""
        async with self._uow() as uow:
            if message.update_id is not None and not await uow.updates.first_time(
                message.update_id
            ):
                return Outcome(OutcomeKind.ALREADY_HANDLED)
            await self._remember(uow, message.sender)
            outcome = await self._handle(uow, message, road)
            await uow.commit()
            return outcome

    async def press(
        self,
        *,
        update_id: int | None,
        chat_id: int,
        sender: Sender,
        road: Road,
        number: int,
        move: Move,
    ) -> Outcome:
        """A button under a card: the same move as the words, without the reading."""
        async with self._uow() as uow:
            found = await self._pressed(uow, update_id, chat_id, sender, road, number)
            if isinstance(found, Outcome):
                return found
            ticket, actor = found
            try:
                await self._service.apply(uow, ticket, actor, move)
            except NotAllowed as refused:
                return Outcome(OutcomeKind.REFUSED, ticket, move.action, refusal=refused.refusal)
            except IllegalTransition:
                return Outcome(OutcomeKind.NOT_NOW, ticket, move.action)
            await self.announce_move(uow, ticket, move.action, actor, reply_to=None)
            await uow.commit()
            return Outcome(OutcomeKind.MOVED, ticket, move.action)

    async def request_extension(
        self,
        *,
        update_id: int | None,
        chat_id: int,
        sender: Sender,
        road: Road,
        number: int,
        more: Duration,
        reason: str,
    ) -> Outcome:
        """A liaison asks for more time; the street chief decides (lifecycle.md: 延期)."""
        async with self._uow() as uow:
            found = await self._pressed(uow, update_id, chat_id, sender, road, number)
            if isinstance(found, Outcome):
                return found
            ticket, actor = found
            if not permissions.may(actor, Action.EXTEND, ticket):
                return Outcome(
                    OutcomeKind.REFUSED, ticket, Action.EXTEND, refusal=Refusal.NOT_IN_CHARGE
                )
            if Action.EXTEND not in allowed_actions(ticket.state):
                return Outcome(OutcomeKind.NOT_NOW, ticket, Action.EXTEND)
            clock = self._taxonomy.category(ticket.category).clock
            due = self._service.calendar.deadline(ticket.resolve_due, more, clock)
            ticket.record(
                Note.EXTENSION_REQUESTED,
                by=actor.user_id,
                at=self._clock.now(),
                note=reason,
                data={"to_due": due.isoformat(), "name": actor.name},
            )
            await uow.tickets.save(ticket)
            if ticket.chat_id is not None:
                await uow.outbox.add(
                    Notice(
                        NoticeKind.EXTENSION_REQUEST,
                        ticket.chat_id,
                        ticket.thread_id,
                        ticket.number,
                        data={"to_due": due.isoformat(), "reason": reason, "by_name": actor.name},
                    )
                )
            await uow.commit()
            return Outcome(OutcomeKind.MOVED, ticket, Action.EXTEND)

    async def approve_extension(
        self,
        *,
        update_id: int | None,
        chat_id: int,
        sender: Sender,
        road: Road,
        number: int,
        due: datetime,
    ) -> Outcome:
        """Only the chief approves; the deadline moves and the figures count it as extended."""
        async with self._uow() as uow:
            found = await self._pressed(uow, update_id, chat_id, sender, road, number)
            if isinstance(found, Outcome):
                return found
            ticket, actor = found
            if not actor.is_chief:
                return Outcome(
                    OutcomeKind.REFUSED, ticket, Action.EXTEND, refusal=Refusal.CHIEF_ONLY
                )
            # The button carries the requested deadline in whole seconds; the request holds it
            # exactly.
            requests = [
                e
                for e in ticket.events
                if e.kind is Note.EXTENSION_REQUESTED
                and int(datetime.fromisoformat(e.data["to_due"]).timestamp())
                == int(due.timestamp())
            ]
            if not requests:
                return Outcome(OutcomeKind.NOT_NOW, ticket, Action.EXTEND)
            requested = datetime.fromisoformat(requests[-1].data["to_due"])
            if requested <= ticket.resolve_due:
                return Outcome(OutcomeKind.NOT_NOW, ticket, Action.EXTEND)
            move = Move(Action.EXTEND, note=requests[-1].note, resolve_due=requested)
            try:
                await self._service.apply(uow, ticket, actor, move)
            except IllegalTransition:
                return Outcome(OutcomeKind.NOT_NOW, ticket, Action.EXTEND)
            await self.announce_move(uow, ticket, Action.EXTEND, actor, reply_to=None)
            await uow.commit()
            return Outcome(OutcomeKind.MOVED, ticket, Action.EXTEND)

    async def _pressed(
        self,
        uow: UnitOfWork,
        update_id: int | None,
        chat_id: int,
        sender: Sender,
        road: Road,
        number: int,
    ) -> Outcome | tuple[Ticket, Actor]:
        """What a button or a command about ticket `number` starts from: once per update, a
        ticket of this road, and the sender's role here."""
        if update_id is not None and not await uow.updates.first_time(update_id):
            return Outcome(OutcomeKind.ALREADY_HANDLED)
        await self._remember(uow, sender)
        ticket = await uow.tickets.get(number)
        if ticket is None or ticket.road != road.name:
            return Outcome(OutcomeKind.IGNORED)
        return ticket, await self.actor(uow, road, chat_id, sender)

    async def may(
        self, *, chat_id: int, sender: Sender, road: Road, number: int, action: Action
    ) -> Ticket | None:
        """The ticket, if `sender` may do `action` to it now (to show a choice before asking)."""
        async with self._uow() as uow:
            ticket = await uow.tickets.get(number)
            if ticket is None or ticket.road != road.name:
                return None
            actor = await self.actor(uow, road, chat_id, sender)
        if not permissions.may(actor, action, ticket) or action not in allowed_actions(
            ticket.state
        ):
            return None
        return ticket

    async def show_card_buttons(self, ticket: Ticket, mode: str) -> None:
        """Swap the card's buttons (e.g. to the list of departments for a transfer)."""
        async with self._uow() as uow:
            if ticket.chat_id is not None:
                await uow.outbox.add(
                    Notice(
                        NoticeKind.CARD_UPDATE,
                        ticket.chat_id,
                        ticket.thread_id,
                        ticket.number,
                        data={"mode": mode},
                    )
                )
            await uow.commit()

    async def say(
        self,
        *,
        update_id: int | None,
        chat_id: int,
        thread_id: int | None,
        html: str,
        reply_to: int | None = None,
        reply_markup: dict[str, object] | None = None,
    ) -> bool:
        """Answer in the group through the outbox; False if this update was answered before."""
        async with self._uow() as uow:
            if update_id is not None and not await uow.updates.first_time(update_id):
                return False
            data: dict[str, object] = {"html": html}
            if reply_markup is not None:
                data["reply_markup"] = reply_markup
            await uow.outbox.add(
                Notice(NoticeKind.TEXT, chat_id, thread_id, reply_to=reply_to, data=data)
            )
            await uow.commit()
            return True

    async def send_file(
        self,
        *,
        update_id: int | None,
        chat_id: int,
        kind: NoticeKind,
        content: bytes,
        filename: str,
        caption: str,
    ) -> bool:
        """A document or photo through the outbox. The bytes travel in the row (base64), so a
        restart or another leader can still send it."""
        async with self._uow() as uow:
            if update_id is not None and not await uow.updates.first_time(update_id):
                return False
            await uow.outbox.add(
                Notice(
                    kind,
                    chat_id,
                    data={
                        "base64": base64.b64encode(content).decode("ascii"),
                        "filename": filename,
                        "caption": caption,
                    },
                )
            )
            await uow.commit()
            return True

    async def open_tickets(self, road: Road) -> list[Ticket]:
        async with self._uow() as uow:
            return list(await uow.tickets.open_on_road(road.name))

    async def tickets_for(self, road: Road, chat_id: int, sender: Sender) -> list[Ticket]:
        """A liaison's open items on this road; for anyone else, the reports they are waiting on."""
        async with self._uow() as uow:
            actor = await self.actor(uow, road, chat_id, sender)
            open_tickets = await uow.tickets.open_on_road(road.name)
            if actor.departments:
                return [
                    t for t in open_tickets if t.is_active and t.department in actor.departments
                ]
            stored = [await uow.tickets.get(t.number) for t in open_tickets]
        return [t for t in stored if t is not None and actor.user_id in reporters_of(t)]

    async def ticket(self, number: int) -> Ticket | None:
        async with self._uow() as uow:
            return await uow.tickets.get(number)

    async def names(self, user_ids: Sequence[int]) -> dict[int, tuple[str, str | None]]:
        async with self._uow() as uow:
            return await uow.people.names(user_ids)

    async def edit(self, message: GroupMessage, road: Road) -> Outcome:
        """An edited message: a report still waiting for its department is read again."""
        async with self._uow() as uow:
            if message.update_id is not None and not await uow.updates.first_time(
                message.update_id
            ):
                return Outcome(OutcomeKind.ALREADY_HANDLED)
            outcome = await self._edit(uow, message, road)
            await uow.commit()
            return outcome

    async def _remember(self, uow: UnitOfWork, sender: Sender) -> None:
        """Keep the sender's current name for mentions; a name already written is not rewritten
        (it was a read and a write on every message). Should the transaction roll back, the name
        waits for its next change or a restart: it only ever affects how a mention reads."""
        known = (sender.name, sender.username)
        if self._names.get(sender.user_id) != known:
            await uow.people.remember(sender.user_id, *known)
            self._names[sender.user_id] = known

    async def actor(self, uow: UnitOfWork, road: Road, chat_id: int, sender: Sender) -> Actor:
        """The sender's role in this group: from the config file, then from /join."""
        user = sender.user_id
        departments = {
            d.key
            for d in self._taxonomy.departments.values()
            if user in d.liaison_ids or user in d.head_ids
        }
        departments |= {key for key, ids in road.liaison_ids.items() if user in ids}
        approved = await uow.members.approved_roles(chat_id, user)
        departments |= approved.departments
        if user in road.chief_ids or approved.chief:
            role = Role.CHIEF
        elif departments:
            role = Role.LIAISON
        else:
            role = Role.PUBLIC
        return Actor(user, sender.name, role, frozenset(departments), sender.username)

    # --- a new message ----------------------------------------------------------------------

    async def _handle(self, uow: UnitOfWork, message: GroupMessage, road: Road) -> Outcome:
        if message.forwarded:
            return Outcome(OutcomeKind.IGNORED)  # somebody else's words, perhaps elsewhere
        actor = await self.actor(uow, road, message.chat_id, message.sender)
        target = await self._replied_ticket(uow, message)
        if not message.text.strip() and message.photos and not message.explicit_report:
            return await self._photo_only(uow, message, road, target)
        reading = self._understanding.read(
            message.text,
            role=actor.role,
            has_photo=bool(message.photos),
            replying_to_ticket=target is not None,
        )
        if message.explicit_report and reading.intent is not Intent.REPORT:
            reading = Reading(Intent.REPORT, self._taxonomy.fallback_category, reading.location)
        if reading.intent is Intent.REPORT:
            return await self._report(uow, message, road, actor, reading)
        action = _INTENT_MOVES.get(reading.intent)
        if action is None:
            return Outcome(OutcomeKind.IGNORED, reading=reading)
        if target is None:
            candidates = await self._candidates(uow, road, actor, action)
            if len(candidates) > 1 and action in (Action.ACKNOWLEDGE, Action.RESOLVE):
                await uow.outbox.add(
                    Notice(
                        NoticeKind.WHICH_TICKET,
                        message.chat_id,
                        message.thread_id,
                        reply_to=message.message_id,
                        data={"numbers": [t.number for t in candidates[:10]]},
                    )
                )
                return Outcome(OutcomeKind.ASKED_WHICH, action=action, reading=reading)
            if len(candidates) != 1:
                return Outcome(OutcomeKind.IGNORED, reading=reading)
            target = await uow.tickets.get(candidates[0].number)  # with its history, to move
            if target is None:
                return Outcome(OutcomeKind.IGNORED, reading=reading)
        move = Move(action, note=message.text, photos=message.photos)
        return await self._move(uow, message, target, actor, move, reading)

    async def _report(
        self, uow: UnitOfWork, message: GroupMessage, road: Road, actor: Actor, reading: Reading
    ) -> Outcome:
        now = self._clock.now()
        held = await uow.pending_photos.take(
            message.chat_id, message.sender.user_id, since=now - self._photo_window
        )
        photos = message.photos + tuple(photo for _, photo in held)
        result = await self._service.register_report(
            uow,
            road=road.name,
            category=reading.category or self._taxonomy.fallback_category,
            text=message.text,
            location=reading.location,
            reporter=actor,
            photos=photos,
            chat_id=message.chat_id,
            thread_id=message.thread_id,
        )
        ticket = result.ticket
        for message_id in (message.message_id, *(mid for mid, _ in held)):
            await uow.links.link(message.chat_id, message_id, ticket.number, "report")
        kind = NoticeKind.CARD if result.created else NoticeKind.ALREADY_OPEN
        await uow.outbox.add(
            Notice(
                kind,
                message.chat_id,
                message.thread_id,
                ticket.number,
                reply_to=message.message_id,
                data={
                    "reporter_id": actor.user_id,
                    "reporter_name": actor.name,
                    "reporter_username": actor.username,
                },
            )
        )
        if not result.created:
            await self._card_update(uow, ticket)
        return Outcome(
            OutcomeKind.CREATED if result.created else OutcomeKind.JOINED, ticket, reading=reading
        )

    async def _move(
        self,
        uow: UnitOfWork,
        message: GroupMessage,
        ticket: Ticket,
        actor: Actor,
        move: Move,
        reading: Reading | None = None,
    ) -> Outcome:
        try:
            await self._service.apply(uow, ticket, actor, move)
        except NotAllowed as refusal:
            await uow.outbox.add(
                Notice(
                    NoticeKind.REFUSED,
                    message.chat_id,
                    message.thread_id,
                    ticket.number,
                    reply_to=message.message_id,
                    data={
                        "refusal": refusal.refusal.value,
                        "action": move.action.value,
                        "name": actor.name,
                    },
                )
            )
            return Outcome(OutcomeKind.REFUSED, ticket, move.action, reading, refusal.refusal)
        except IllegalTransition:
            return Outcome(OutcomeKind.NOT_NOW, ticket, move.action, reading)
        await uow.links.link(message.chat_id, message.message_id, ticket.number, "reply")
        await self.announce_move(uow, ticket, move.action, actor, reply_to=message.message_id)
        return Outcome(OutcomeKind.MOVED, ticket, move.action, reading)

    async def announce_move(
        self,
        uow: UnitOfWork,
        ticket: Ticket,
        action: Action,
        actor: Actor,
        reply_to: int | None,
    ) -> None:
        """After a move: the card shows it, the group hears it, the reporter is asked to verify."""
        if ticket.chat_id is None:
            return
        await self._card_update(uow, ticket)
        await uow.outbox.add(
            Notice(
                NoticeKind.MOVED,
                ticket.chat_id,
                ticket.thread_id,
                ticket.number,
                reply_to=reply_to,
                data={"action": action.value, "by_id": actor.user_id, "by_name": actor.name},
            )
        )
        if action is Action.RESOLVE:
            await uow.outbox.add(
                Notice(
                    NoticeKind.ASK_CONFIRM,
                    ticket.chat_id,
                    ticket.thread_id,
                    ticket.number,
                    data={"reporter_ids": sorted(reporters_of(ticket))},
                )
            )

    async def _card_update(self, uow: UnitOfWork, ticket: Ticket) -> None:
        if ticket.chat_id is not None:
            await uow.outbox.add(
                Notice(NoticeKind.CARD_UPDATE, ticket.chat_id, ticket.thread_id, ticket.number)
            )

    async def _photo_only(
        self, uow: UnitOfWork, message: GroupMessage, road: Road, target: Ticket | None
    ) -> Outcome:
        """A photo without words belongs to the sender's report of a moment ago, or the next one."""
        now = self._clock.now()
        ticket = target or await self._recent_ticket_of(uow, road, message.sender.user_id, now)
        if ticket is None:
            for photo in message.photos:
                await uow.pending_photos.hold(
                    message.chat_id,
                    message.sender.user_id,
                    message.message_id,
                    photo,
                    message.media_group_id,
                    now,
                )
            return Outcome(OutcomeKind.PHOTO_HELD)
        kind = PhotoKind.BEFORE if ticket.reporter_id == message.sender.user_id else PhotoKind.AFTER
        photos = tuple(Photo(p.file_id, kind, p.file_unique_id) for p in message.photos)
        ticket.record(Note.PHOTO_ADDED, by=message.sender.user_id, at=now, photos=photos)
        await uow.tickets.save(ticket)
        await uow.links.link(message.chat_id, message.message_id, ticket.number, "photo")
        return Outcome(OutcomeKind.PHOTO_ADDED, ticket)

    async def _recent_ticket_of(
        self, uow: UnitOfWork, road: Road, user_id: int, now: datetime
    ) -> Ticket | None:
        number = await uow.tickets.latest_report_by(road.name, user_id, now - self._photo_window)
        return None if number is None else await uow.tickets.get(number)

    async def _replied_ticket(self, uow: UnitOfWork, message: GroupMessage) -> Ticket | None:
        if message.reply_to is None:
            return None
        number = await uow.links.ticket_number_for(message.chat_id, message.reply_to)
        return None if number is None else await uow.tickets.get(number)

    async def _candidates(
        self, uow: UnitOfWork, road: Road, actor: Actor, action: Action
    ) -> Sequence[Ticket]:
        states = _CANDIDATE_STATES[action]
        open_tickets = [t for t in await uow.tickets.open_on_road(road.name) if t.state in states]
        if action in (Action.ACKNOWLEDGE, Action.RESOLVE):
            return [t for t in open_tickets if t.department in actor.departments]
        # Whose report it is needs the history (repeat reporters count too).
        stored = [await uow.tickets.get(t.number) for t in open_tickets]
        return [t for t in stored if t is not None and actor.user_id in reporters_of(t)]

    # --- an edited message ------------------------------------------------------------------

    async def _edit(self, uow: UnitOfWork, message: GroupMessage, road: Road) -> Outcome:
        number = await uow.links.ticket_number_for(message.chat_id, message.message_id)
        ticket = None if number is None else await uow.tickets.get(number)
        if ticket is None or ticket.reporter_id != message.sender.user_id:
            return Outcome(OutcomeKind.IGNORED)
        actor = await self.actor(uow, road, message.chat_id, message.sender)
        reading = self._understanding.read(
            message.text, role=actor.role, has_photo=bool(message.photos)
        )
        category = reading.category if reading.intent is Intent.REPORT else None
        category = category or ticket.category
        try:
            ticket.edit_report(
                by=actor.user_id,
                at=self._clock.now(),
                text=message.text,
                location=reading.location or ticket.location,
                category=category,
                department=responsible_department(self._taxonomy, category, road.name),
                deadlines=deadlines_for(
                    self._taxonomy,
                    self._service.calendar,
                    category,
                    ticket.dispatched_at or ticket.created_at,
                ),
            )
        except IllegalTransition:
            return Outcome(OutcomeKind.NOT_NOW, ticket, Action.EDIT, reading)
        await uow.tickets.save(ticket)
        await self._card_update(uow, ticket)
        return Outcome(OutcomeKind.MOVED, ticket, Action.EDIT, reading)
