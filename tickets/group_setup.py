"""Setting a group up in chat: who may bind a road to it, unbind it, and let liaisons join and
leave. Every change is recorded (storage keeps who, when, which group).

Who may do what (the README's permission matrix):
- /bind a road that is in the config and has had no other group: the office's admins
  (`admin_ids`), or a chief of that very road who is also an admin of the group;
- /bind a road the config does not know, move a road to another group, or take a group from
  the road it serves: the office's admins only;
- /unbind: the office's admins, or the road's chief who is an admin of the group;
- approve a /join: the road's chief, an admin of the group or the office's admins, pressing in
  the group the request was made in;
- /leave: the liaison; /remove: the road's chief, an admin of the group, the office's admins.
Whether someone is an admin of the group is Telegram's to say: the caller passes a question the
desk asks only when the answer matters.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from tickets.actors import actor_in
from tickets.answers import Answers
from tickets.notices import Notice, NoticeKind
from tickets.office import Office
from tickets.ports import UnitOfWork
from tickets.presses import Presses
from tickets.requests import ButtonPress, Outcome, OutcomeKind, Person, Place
from tickets.roads import Roads
from tickets.roles import Role
from tickets.taxonomy import Road, Taxonomy

# Asks Telegram whether the person is an admin of the group (getChatMember).
GroupAdmin = Callable[[], Awaitable[bool]]

# Row ids and Telegram user ids are 64-bit integers: anything else is forged.
LARGEST_ID = 2**63 - 1
# A road's name as the config and the ledger hold it.
LONGEST_ROAD_NAME = 100


def departments_named(taxonomy: Taxonomy, words: str) -> list[str]:
    """The departments `words` can mean, as people say them: a key (`sanitation`), a name
    (`环卫所`, `Sanitation`), a part of one (`环卫`, `城管`), or the kind of problem a department
    handles (`路灯` for 路灯故障, the lighting office's). Exact matches win over partial ones."""
    said = _plain(words)
    if not said:
        return []
    departments = list(taxonomy.departments.values())
    exact = [
        d.key
        for d in departments
        if said in (_plain(d.key), _plain(d.name), _plain(d.name_en) or None)
    ]
    if exact:
        return exact
    partial = [
        d.key
        for d in departments
        if said in _plain(d.name) or (len(said) >= 3 and said in _plain(d.name_en))
    ]
    if partial:
        return partial
    handling = [c.department for c in taxonomy.categories.values() if said in _plain(c.name)]
    return list(dict.fromkeys(handling))


def _plain(text: str) -> str:
    return "".join(text.split()).casefold()


def _listed(taxonomy: Taxonomy, keys: list[str]) -> str:
    """Departments as a sentence lists them: the name people say, and the key that works in
    either language."""
    return "、".join(f"{taxonomy.departments[k].name}({k})" for k in keys)


def user_id_in(word: str) -> int | None:
    """A Telegram user id typed as a command argument; None for anything else."""
    if not word.isascii() or not word.isdigit() or len(word) > 19:
        return None
    number = int(word)
    return number if 0 < number <= LARGEST_ID else None


class GroupSetup:
    def __init__(
        self, uow: UnitOfWork, office: Office, roads: Roads, answers: Answers, presses: Presses
    ) -> None:
        self._uow = uow
        self._office = office
        self._roads = roads
        self._answers = answers
        self._presses = presses

    # --- binding -------------------------------------------------------------------------

    async def bind(
        self, place: Place, person: Person, name: str, *, group_admin: GroupAdmin
    ) -> Outcome:
        """/bind road. Anyone not allowed gets the one line that says who may, and nothing
        about which roads exist or where they are."""
        name = " ".join(name.split())
        office_admin = person.user_id in self._office.admin_ids
        if not name or len(name) > LONGEST_ROAD_NAME:
            if office_admin or self._chief_of_some_road(person):
                await self._answers.say(place, "bind.usage")
                return Outcome(OutcomeKind.ANSWERED)
            return await self._refuse_bind(place)
        if not office_admin and not await self._chief_may_bind(place, person, name, group_admin):
            return await self._refuse_bind(place)
        before = await self._roads.named(name)
        if before is not None and (before.chat_id, before.thread_id) == (
            place.chat_id,
            place.thread_id,
        ):
            await self._answers.say(place, "bind.already", road=name)
            return Outcome(OutcomeKind.ANSWERED)
        here = await self._roads.at(place.chat_id, place.thread_id)
        road = await self._roads.bind(name, place.chat_id, place.thread_id, person.user_id)
        if before is not None and before.chat_id is not None:
            # Moved (only the office's admins get here): the old group hears it is let go.
            await self._answers.say(
                Place(before.chat_id, before.thread_id), "bind.moved_away", road=name
            )
        if here is not None and here.name != name and here.thread_id == place.thread_id:
            await self._answers.say(place, "bind.replaced", road=road.name, before=here.name)
        else:
            await self._answers.say(place, "bind.done", road=road.name)
        return Outcome(OutcomeKind.MOVED)

    async def unbind(
        self, place: Place, person: Person, road: Road, *, group_admin: GroupAdmin
    ) -> Outcome:
        """/unbind: this group (or topic) no longer serves its road; its tickets stay."""
        allowed = person.user_id in self._office.admin_ids or (
            person.user_id in road.chief_ids and await group_admin()
        )
        if not allowed:
            await self._answers.say(place, "unbind.who_may")
            return Outcome(OutcomeKind.REFUSED)
        await self._roads.unbind(road, person.user_id)
        await self._answers.say(place, "unbind.done", road=road.name)
        return Outcome(OutcomeKind.MOVED)

    async def _chief_may_bind(
        self, place: Place, person: Person, name: str, group_admin: GroupAdmin
    ) -> bool:
        """A chief binds their own configured road, to a group it has not left for another
        one, taking no other road's place, and only as an admin of the group."""
        configured = self._office.taxonomy.roads.get(name)
        if configured is None or person.user_id not in configured.chief_ids:
            return False
        if await self._roads.home(name) not in (None, place.chat_id):
            return False  # moving it
        here = await self._roads.at(place.chat_id, place.thread_id)
        if here is not None and here.name != name and here.thread_id == place.thread_id:
            return False  # taking this group from the road it serves
        return await group_admin()

    def _chief_of_some_road(self, person: Person) -> bool:
        return any(person.user_id in r.chief_ids for r in self._office.taxonomy.roads.values())

    async def _refuse_bind(self, place: Place) -> Outcome:
        await self._answers.say(place, "bind.who_may")
        return Outcome(OutcomeKind.REFUSED)

    # --- joining and leaving ---------------------------------------------------------------

    async def request_join(self, place: Place, person: Person, words: str) -> Outcome:
        """/join department: a request the group's admins or the chief approve with a button."""
        key = await self._department(place, words, usage="join.usage")
        if key is None:
            return Outcome(OutcomeKind.ANSWERED)
        approved = await self._uow.members.approved_roles(place.chat_id, person.user_id)
        if key in approved.departments:
            await self._answers.say(place, "join.already", name=person.name, department=key)
            return Outcome(OutcomeKind.ANSWERED)
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
        self, press: ButtonPress, road: Road, member_id: int, *, group_admin: GroupAdmin
    ) -> Outcome:
        """The approve button under a /join request: the chief, an admin of the group or of the
        office, in the group the request was made in."""
        if not 0 < member_id <= LARGEST_ID:
            return await self._presses.stale(press)  # forged: no request has that id
        if not await self._may_manage(press.presser, road, group_admin):
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

    async def leave(self, place: Place, person: Person, road: Road, words: str) -> Outcome:
        """/leave [department]: a liaison who joined in chat stops answering for it here."""
        key = None
        if words.strip():
            key = await self._department(place, words, usage="leave.usage")
            if key is None:
                return Outcome(OutcomeKind.ANSWERED)
        ended = await self._uow.members.end(place.chat_id, person.user_id, key, person.user_id)
        if not ended:
            actor = await actor_in(self._uow, self._office.taxonomy, road, place.chat_id, person)
            configured = bool(actor.departments) and (key is None or key in actor.departments)
            await self._answers.say(place, "leave.configured" if configured else "leave.none")
            return Outcome(OutcomeKind.ANSWERED)
        for department in ended:
            await self._answers.say(place, "leave.done", name=person.name, department=department)
        return Outcome(OutcomeKind.MOVED)

    async def remove(
        self,
        place: Place,
        person: Person,
        road: Road,
        words: str,
        *,
        replied_to: Person | None,
        group_admin: GroupAdmin,
    ) -> Outcome:
        """/remove [@name or id] [department], or as a reply to the liaison's message."""
        if not await self._may_manage(person, road, group_admin):
            await self._answers.say(place, "remove.who_may")
            return Outcome(OutcomeKind.REFUSED)
        parts = words.split()
        target, label = (replied_to.user_id, replied_to.name) if replied_to else (None, "")
        if parts and replied_to is None:
            first = parts.pop(0)
            label = first
            if first.startswith("@"):
                target = await self._uow.members.user_named(place.chat_id, first)
            else:
                target = user_id_in(first)
        if target is None:
            await self._answers.say(place, "remove.usage")
            return Outcome(OutcomeKind.ANSWERED)
        key = None
        if parts:
            key = await self._department(place, " ".join(parts), usage="remove.usage")
            if key is None:
                return Outcome(OutcomeKind.ANSWERED)
        ended = await self._uow.members.end(place.chat_id, target, key, person.user_id)
        if not ended:
            await self._answers.say(place, "remove.none", name=label)
            return Outcome(OutcomeKind.ANSWERED)
        for department in ended:
            await self._answers.say(place, "remove.done", name=label, department=department)
        return Outcome(OutcomeKind.MOVED)

    async def _may_manage(self, person: Person, road: Road, group_admin: GroupAdmin) -> bool:
        """Approve or remove liaisons: the road's chief, the office's admins, the group's."""
        if person.user_id in road.chief_ids or person.user_id in self._office.admin_ids:
            return True
        return await group_admin()

    async def _department(self, place: Place, words: str, *, usage: str) -> str | None:
        """The one department `words` names; otherwise the person is told what to write."""
        taxonomy = self._office.taxonomy
        known = _listed(taxonomy, list(taxonomy.departments))
        if not words.strip():
            await self._answers.say(place, usage, departments=known)
            return None
        found = departments_named(taxonomy, words)
        if len(found) == 1:
            return found[0]
        if found:
            await self._answers.say(place, "join.which", departments=_listed(taxonomy, found))
        else:
            await self._answers.say(
                place, "join.unknown", department=words.strip()[:50], departments=known
            )
        return None
