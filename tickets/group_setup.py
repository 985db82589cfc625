"""Setting a group up in chat: /bind a road, /join as a department's liaison (approved by an admin
or the chief). Admin status is Telegram's to say; the handler asks it and passes the answer in."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tickets.clock import Clock
from tickets.ports import UnitOfWork
from tickets.roads import RoadDirectory
from tickets.roles import Role
from tickets.taxonomy import Road, Taxonomy


@dataclass(frozen=True, slots=True)
class JoinRequest:
    member_id: int
    user_id: int
    name: str
    department: str
    approved_by: int | None


class GroupSetup:
    def __init__(
        self,
        *,
        unit_of_work: Callable[[], UnitOfWork],
        roads: RoadDirectory,
        taxonomy: Taxonomy,
        clock: Clock,
    ) -> None:
        self._uow = unit_of_work
        self._roads = roads
        self._taxonomy = taxonomy
        self._clock = clock

    async def load_bindings(self) -> None:
        async with self._uow() as uow:
            self._roads.bound(await uow.roads.bindings())

    async def bind(self, name: str, chat_id: int, thread_id: int | None, by: int) -> Road:
        """Raises RoadTaken when the road already has another group."""
        road = self._roads.bind(name, chat_id, thread_id)
        async with self._uow() as uow:
            await uow.roads.bind(name, chat_id, thread_id, by, self._clock.now())
            await uow.commit()
        return road

    async def request_join(
        self, chat_id: int, user_id: int, name: str, username: str | None, department: str
    ) -> JoinRequest:
        self._taxonomy.department(department)
        async with self._uow() as uow:
            row = await uow.members.request(
                chat_id, user_id, Role.LIAISON, department, name, username
            )
            await uow.commit()
            return JoinRequest(row.id, row.user_id, row.full_name, department, row.confirmed_by)

    async def approve_join(self, member_id: int, by: int) -> JoinRequest | None:
        async with self._uow() as uow:
            row = await uow.members.confirm(member_id, by)
            await uow.commit()
            if row is None or row.department is None:
                return None
            return JoinRequest(row.id, row.user_id, row.full_name, row.department, row.confirmed_by)

    def is_chief(self, road: Road | None, user_id: int) -> bool:
        return road is not None and user_id in road.chief_ids
