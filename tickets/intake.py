"""The intake: what a group message means here, and the move it makes.

Words alone rarely decide. Who wrote it (their role in this group), what it replies to (a card,
a report) and what is open on the road decide as much: a liaison's "收到" under a card
acknowledges that ticket; a shopkeeper's "收到" is chatter. The intake reads the message in that
context and hands the move to `Moves`; it never commits.
"""

from __future__ import annotations

from collections.abc import Sequence

from tickets.actors import actor_in
from tickets.corrections import Correction, correction_in
from tickets.floods import Crossed, Verdict, judge
from tickets.lifecycle import Action, IllegalTransition, Note, State
from tickets.model import Photo, PhotoKind, Ticket
from tickets.moves import Move, Moves
from tickets.notices import Notice, NoticeKind
from tickets.office import Office
from tickets.permissions import Actor, NotAllowed, reporters_of
from tickets.ports import UnitOfWork
from tickets.requests import GroupMessage, Outcome, OutcomeKind, Place, Replied
from tickets.roles import Role
from tickets.routing import responsible_department
from tickets.taxonomy import Road
from tickets.triage import read_data
from tickets.understanding import Intent, Reading
from tickets.understanding.reading import NOTHING

# How sure the reader must be of what a problem "back again" is before it becomes a report when
# there is nothing to reopen: a guess would send a department someone else's business.
CLEARLY = 0.8

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
# The most tickets a "which one?" question lists.
MAX_ASKED = 10
# What a liaison or the chief says, replying to a report the bot missed, to make it a ticket.
REGISTER_WORDS = frozenset({"立案", "请立案", "立个案", "登记", "register"})


def _registers(text: str) -> bool:
    return text.strip().strip("。.!！").strip().casefold() in REGISTER_WORDS


class Intake:
    def __init__(self, uow: UnitOfWork, office: Office, moves: Moves) -> None:
        self._uow = uow
        self._office = office
        self._moves = moves

    async def message(self, message: GroupMessage, road: Road) -> Outcome:
        """A new message in a road's group."""
        if message.forwarded:
            return Outcome(OutcomeKind.IGNORED)  # somebody else's words, perhaps elsewhere
        actor = await actor_in(
            self._uow, self._office.taxonomy, road, message.chat_id, message.sender
        )
        target = await self._replied_ticket(message, road)
        if not message.text.strip() and message.photos and not message.explicit_report:
            return await self._photo_only(message, road, target)
        if actor.role is not Role.PUBLIC:  # only those who may correct are heard correcting
            if target is not None:
                correction = correction_in(message.text, self._office.taxonomy, target)
                if correction is not None:
                    return await self._correct(message, target, actor, correction)
            elif message.replied is not None and _registers(message.text):
                replied = message.replied
                if replied.text.strip() or replied.photos:  # a sticker is no report
                    return await self._register(message, road, actor, replied)
                return Outcome(OutcomeKind.IGNORED)
        reading = self._office.understanding.read(
            message.text,
            role=actor.role,
            has_photo=bool(message.photos),
            replying_to_ticket=target is not None,
        )
        if message.explicit_report and reading.intent is not Intent.REPORT:
            reading = Reading(
                Intent.REPORT, self._office.taxonomy.fallback_category, reading.location
            )
        if reading.intent is Intent.REPORT:
            return await self._report(message, road, actor, reading)
        action = _INTENT_MOVES.get(reading.intent)
        if action is None:
            return Outcome(OutcomeKind.IGNORED, reading=reading)
        if target is None:
            candidates = await self._candidates(road, actor, action)
            if len(candidates) > 1 and action in (Action.ACKNOWLEDGE, Action.RESOLVE):
                await self._uow.outbox.add(
                    Notice(
                        NoticeKind.WHICH_TICKET,
                        message.chat_id,
                        message.thread_id,
                        reply_to=message.message_id,
                        data={"numbers": [t.number for t in candidates[:MAX_ASKED]]},
                    )
                )
                return Outcome(OutcomeKind.ASKED_WHICH, action=action, reading=reading)
            if len(candidates) != 1:
                if action is Action.REOPEN and not candidates:
                    return await self._still_there(message, road, actor, reading)
                return Outcome(OutcomeKind.IGNORED, reading=reading)
            target = candidates[0]
        move = Move(action, note=message.text, photos=message.photos)
        return await self._move(message, target, actor, move, reading)

    async def edit(self, message: GroupMessage, road: Road) -> Outcome:
        """An edited message: a report still waiting for its department is read again."""
        number = await self._uow.links.ticket_number_for(message.chat_id, message.message_id)
        ticket = None if number is None else await self._uow.tickets.get(number)
        if ticket is None or ticket.reporter_id != message.sender.user_id:
            return Outcome(OutcomeKind.IGNORED)
        if ticket.road != road.name:  # the message moved to another road's group? not ours
            return Outcome(OutcomeKind.IGNORED)
        office = self._office
        actor = await actor_in(self._uow, office.taxonomy, road, message.chat_id, message.sender)
        reading = office.understanding.read(
            message.text, role=actor.role, has_photo=bool(message.photos)
        )
        category = reading.category if reading.intent is Intent.REPORT else None
        if reading.unsure:  # still unclear: the triage keeps it
            category = office.taxonomy.fallback_category
        if any(e.kind is Action.CORRECT for e in ticket.events):
            category = ticket.category  # a person said what it is; an edit does not undo that
        category = category or ticket.category
        try:
            ticket.edit_report(
                by=actor.user_id,
                at=office.clock.now(),
                text=message.text,
                location=reading.location or ticket.location,
                category=category,
                department=responsible_department(office.taxonomy, category, road.name),
                deadlines=office.deadlines(category, ticket.dispatched_at or ticket.created_at),
            )
        except IllegalTransition:
            return Outcome(OutcomeKind.NOT_NOW, ticket, Action.EDIT, reading)
        await self._uow.tickets.save(ticket)
        await self._moves.card_update(ticket)
        return Outcome(OutcomeKind.MOVED, ticket, Action.EDIT, reading)

    # --- a report ------------------------------------------------------------------------

    async def _report(
        self, message: GroupMessage, road: Road, actor: Actor, reading: Reading
    ) -> Outcome:
        await self._remember(message)
        now = self._office.clock.now()
        verdict = await self._flood_verdict(message, actor)
        held = await self._uow.pending_photos.take(
            message.chat_id, message.sender.user_id, since=now - self._office.photo_window
        )
        fallback = self._office.taxonomy.fallback_category
        # Unsure of what it is: the street office's triage chooses (tickets/triage.py).
        category = fallback if reading.unsure else reading.category or fallback
        ticket, created = await self._moves.report(
            road=road.name,
            category=category,
            text=message.text,
            location=reading.location,
            reporter=actor,
            photos=message.photos + tuple(photo for _, photo in held),
            place=message.place,
            message_ids=[message.message_id, *(message_id for message_id, _ in held)],
            carded=verdict.carded,
            read=read_data(reading),
        )
        if verdict.crossed is not None:
            await self._tell_flooded(message, verdict.crossed, ticket.number)
        kind = OutcomeKind.CREATED if created else OutcomeKind.JOINED
        return Outcome(kind, ticket, reading=reading)

    async def _still_there(
        self, message: GroupMessage, road: Road, actor: Actor, reading: Reading
    ) -> Outcome:
        """ "又淹了" in the open from someone with nothing of theirs to reopen: the problem is
        there, so it is a report when its words say clearly what it is; otherwise nothing."""
        as_report = self._office.understanding.read_as_report(
            message.text, role=actor.role, has_photo=bool(message.photos)
        )
        fallback = self._office.taxonomy.fallback_category
        if as_report.confidence < CLEARLY or as_report.category in (None, fallback):
            return Outcome(OutcomeKind.IGNORED, reading=reading)
        return await self._report(message, road, actor, as_report)

    async def _flood_verdict(self, message: GroupMessage, actor: Actor) -> Verdict:
        """Whether this report gets its own message, by the reports of the last window."""
        limits = self._office.floods
        since = self._office.clock.now() - limits.window
        counts = await self._uow.tickets.report_counts(message.chat_id, actor.user_id, since)
        in_group, by_person = counts
        return judge(limits, by_person=by_person, in_group=in_group, chief=actor.is_chief)

    async def _tell_flooded(self, message: GroupMessage, crossed: Crossed, number: int) -> None:
        """Once, when a limit is crossed: the reports go on being kept, without their cards,
        from this number on (a liaison finds them with /status)."""
        limits = self._office.floods
        count = limits.per_person if crossed is Crossed.PERSON else limits.per_group
        data: dict[str, object] = {
            "key": f"flood.{crossed.value}",
            "args": {"name": message.sender.name, "count": count, "number": number},
        }
        if crossed is Crossed.PERSON:
            # Sent in turn with the member's cards, after them (bot/group_queue.py): it ends
            # their flood rather than taking a turn from the others.
            data["reporter_id"] = message.sender.user_id
        await self._uow.outbox.add(
            Notice(
                NoticeKind.SAY,
                message.chat_id,
                message.thread_id,
                reply_to=message.message_id,
                data=data,
            )
        )

    async def _photo_only(
        self, message: GroupMessage, road: Road, target: Ticket | None
    ) -> Outcome:
        """A photo without words belongs to the sender's report of a moment ago, or the next one."""
        now = self._office.clock.now()
        user = message.sender.user_id
        if target is None:
            since = now - self._office.photo_window
            number = await self._uow.tickets.latest_report_by(road.name, user, since)
            target = None if number is None else await self._uow.tickets.get(number)
        if target is None:
            for photo in message.photos:
                await self._uow.pending_photos.hold(
                    message.chat_id, user, message.message_id, photo, message.media_group_id, now
                )
            return Outcome(OutcomeKind.PHOTO_HELD)
        await self._remember(message)
        kind = PhotoKind.BEFORE if target.reporter_id == user else PhotoKind.AFTER
        photos = tuple(Photo(p.file_id, kind, p.file_unique_id) for p in message.photos)
        target.record(Note.PHOTO_ADDED, by=user, at=now, photos=photos)
        await self._uow.tickets.save(target)
        await self._uow.links.link(message.chat_id, message.message_id, target.number, "photo")
        return Outcome(OutcomeKind.PHOTO_ADDED, target)

    async def _register(
        self, message: GroupMessage, road: Road, actor: Actor, replied: Replied
    ) -> Outcome:
        """ "立案" in reply to a report the reader missed: the ticket it should have made, the
        replied message's sender its reporter, the one who said 立案 named in its history."""
        office = self._office
        reporter = await actor_in(self._uow, office.taxonomy, road, message.chat_id, replied.sender)
        reading = office.understanding.read(
            replied.text, role=reporter.role, has_photo=bool(replied.photos)
        )
        fallback = office.taxonomy.fallback_category
        category = reading.category if reading.intent is Intent.REPORT else None
        category = fallback if reading.unsure or category is None else category
        read = read_data(reading) | {
            "read_intent": reading.intent.value,
            "registered_by": actor.user_id,
            "registered_by_name": actor.name,
        }
        await self._remember(message)
        await self._uow.people.remember(
            replied.sender.user_id, replied.sender.name, replied.sender.username
        )
        ticket, created = await self._moves.report(
            road=road.name,
            category=category,
            text=replied.text,
            location=reading.location if reading.intent is Intent.REPORT else None,
            reporter=reporter,
            photos=replied.photos,
            place=Place(message.chat_id, message.thread_id, replied.message_id),
            message_ids=[replied.message_id],
            read=read,
        )
        await self._uow.links.link(message.chat_id, message.message_id, ticket.number, "reply")
        kind = OutcomeKind.CREATED if created else OutcomeKind.JOINED
        return Outcome(kind, ticket, Action.REPORT, reading)

    # --- a move in words -----------------------------------------------------------------

    async def _correct(
        self, message: GroupMessage, ticket: Ticket, actor: Actor, correction: Correction
    ) -> Outcome:
        """What it really is, or where: a move like any other, refused to those not in charge."""
        move = correction.move
        if not correction.changes(ticket):
            return Outcome(OutcomeKind.NOT_NOW, ticket, move.action, NOTHING)
        return await self._move(message, ticket, actor, move, NOTHING)

    async def _move(
        self, message: GroupMessage, ticket: Ticket, actor: Actor, move: Move, reading: Reading
    ) -> Outcome:
        try:
            await self._moves.make(ticket, actor, move)
        except NotAllowed as refused:
            await self._uow.outbox.add(
                Notice(
                    NoticeKind.REFUSED,
                    message.chat_id,
                    message.thread_id,
                    ticket.number,
                    reply_to=message.message_id,
                    data={
                        "refusal": refused.refusal.value,
                        "action": move.action.value,
                        "name": actor.name,
                    },
                )
            )
            return Outcome(OutcomeKind.REFUSED, ticket, move.action, reading, refused.refusal)
        except IllegalTransition:
            return Outcome(OutcomeKind.NOT_NOW, ticket, move.action, reading)
        await self._remember(message)
        await self._uow.links.link(message.chat_id, message.message_id, ticket.number, "reply")
        await self._moves.announce(ticket, move.action, actor, reply_to=message.message_id)
        return Outcome(OutcomeKind.MOVED, ticket, move.action, reading)

    async def _remember(self, message: GroupMessage) -> None:
        """Keep the current name of someone the ledger names (a reporter, who moved a ticket):
        their mentions and the ledger use it. Chatter is nobody's business."""
        sender = message.sender
        await self._uow.people.remember(sender.user_id, sender.name, sender.username)

    async def _replied_ticket(self, message: GroupMessage, road: Road) -> Ticket | None:
        """The ticket of the message this one replies to, if it is this road's: a reply in one
        road's group or topic never moves another road's ticket."""
        if message.reply_to is None:
            return None
        number = await self._uow.links.ticket_number_for(message.chat_id, message.reply_to)
        ticket = None if number is None else await self._uow.tickets.get(number)
        return ticket if ticket is not None and ticket.road == road.name else None

    async def _candidates(self, road: Road, actor: Actor, action: Action) -> Sequence[Ticket]:
        """The tickets a move without a reply could be about, with their history: the actor's
        department's (acknowledge, resolve), or those they reported (confirm, reopen)."""
        states = _CANDIDATE_STATES[action]
        listed = [t for t in await self._uow.tickets.open_on_road(road.name) if t.state in states]
        if action in (Action.ACKNOWLEDGE, Action.RESOLVE):
            listed = [t for t in listed if t.department in actor.departments]
            if len(listed) != 1:
                return listed  # asked which, or nothing: no need to read their histories
        stored = [await self._uow.tickets.get(t.number) for t in listed]
        tickets = [t for t in stored if t is not None]
        if action in (Action.CONFIRM, Action.REOPEN):
            tickets = [t for t in tickets if actor.user_id in reporters_of(t)]
        return tickets
