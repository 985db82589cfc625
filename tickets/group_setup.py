"""Setting a group up in chat: /bind a road, /join as a department's liaison, approved by an
admin or the chief. Whether someone is an admin of the group is Telegram's to say; the handler
asks it and passes the answer in."""

from __future__ import annotations

from tickets.answers import Answers
from tickets.notices import Notice, NoticeKind
from tickets.office import Office
from tickets.ports import UnitOfWork
from tickets.presses import Presses
from tickets.requests import ButtonPress, Outcome, OutcomeKind, Person, Place
from tickets.roads import Roads, RoadTaken
from tickets.roles import Role
from tickets.taxonomy import Road


class GroupSetup:
    def __init__(
        self, uow: UnitOfWork, office: Office, roads: Roads, answers: Answers, presses: Presses
    ) -> None:
        self._uow = uow
        self._office = office
        self._roads = roads
        self._answers = answers
        self._presses = presses

    async def bind(self, place: Place, person: Person, name: str, *, is_admin: bool) -> Outcome:
        """/bind road: only the group's admins may; the road must not have another group."""
        if not is_admin:
            await self._answers.say(place, "bind.admins_only")
            return Outcome(OutcomeKind.REFUSED)
        name = name.strip()
        if not name:
            await self._answers.say(place, "bind.usage")
            return Outcome(OutcomeKind.ANSWERED)
        try:
            road = await self._roads.bind(name, place.chat_id, place.thread_id, person.user_id)
        except RoadTaken:
            await self._answers.say(place, "bind.taken", road=name)
            return Outcome(OutcomeKind.REFUSED)
        await self._answers.say(place, "bind.done", road=road.name)
        return Outcome(OutcomeKind.MOVED)

    async def request_join(self, place: Place, person: Person, department: str) -> Outcome:
        """/join department: a request the group's admins or the chief approve with a button."""
        key = department.strip()
        known = ", ".join(self._office.taxonomy.departments)
        if not key:
            await self._answers.say(place, "join.usage", departments=known)
            return Outcome(OutcomeKind.ANSWERED)
        if key not in self._office.taxonomy.departments:
            await self._answers.say(place, "join.unknown", department=key, departments=known)
            return Outcome(OutcomeKind.REFUSED)
        row = await self._uow.members.request(
            place.chat_id, person.user_id, Role.LIAISON, key, person.name, person.username
        )
        await self._uow.outbox.add(
            Notice(
                NoticeKind.JOIN_REQUEST,
                place.chat_id,
                place.thread_id,
                reply_to=place.reply_to,
                data={"member_id": row.id, "name": person.name, "department": key},
            )
        )
        return Outcome(OutcomeKind.ANSWERED)

    async def approve_join(
        self, press: ButtonPress, road: Road, member_id: int, *, is_admin: bool
    ) -> Outcome:
        """The approve button under a /join request: the chief or an admin of the group."""
        if not (press.presser.user_id in road.chief_ids or is_admin):
            await self._presses.answer(press, "join.approvers_only", alert=True)
            return Outcome(OutcomeKind.REFUSED)
        # A request is approved only from the group it was made in.
        row = await self._uow.members.confirm(member_id, press.presser.user_id, press.chat_id)
        if row is None or row.department is None:
            return await self._presses.stale(press)
        await self._answers.say(
            Place(press.chat_id, press.thread_id),
            "join.approved",
            name=row.full_name,
            department=row.department,
        )
        await self._presses.answer(press, "callback.done")
        return Outcome(OutcomeKind.MOVED)
