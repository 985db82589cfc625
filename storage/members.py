"""People's roles per group beyond the config file: liaisons who registered with /join, and
the record of every approval, /leave and /remove."""

from __future__ import annotations

from sqlalchemy import bindparam, delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import MemberRow, MembershipRecordRow
from tickets.clock import Clock
from tickets.ports import ApprovedRoles, MembershipAction, MembershipRecord
from tickets.roles import Role

_MEMBERS = MemberRow.__table__
_APPROVED = select(
    _MEMBERS.c.chat_id, _MEMBERS.c.user_id, _MEMBERS.c.role, _MEMBERS.c.department
).where(_MEMBERS.c.confirmed_by.is_not(None))
_LIAISONS_IN = (
    select(_MEMBERS.c.user_id)
    .where(
        _MEMBERS.c.chat_id == bindparam("chat_id"),
        _MEMBERS.c.department == bindparam("department"),
        _MEMBERS.c.role == Role.LIAISON.value,
        _MEMBERS.c.confirmed_by.is_not(None),
    )
    .order_by(_MEMBERS.c.id)
)
_RECORDS = MembershipRecordRow.__table__
_RECORDED = select(
    _RECORDS.c.chat_id,
    _RECORDS.c.user_id,
    _RECORDS.c.department,
    _RECORDS.c.action,
    _RECORDS.c.by,
    _RECORDS.c.at,
).order_by(_RECORDS.c.at, _RECORDS.c.id)


class SqlMembers:
    def __init__(self, session: AsyncSession, clock: Clock) -> None:
        self._session = session
        self._clock = clock
        # (chat, user) -> roles, of every group, read once per transaction: every message asks
        # who is speaking, and /join approves a handful of people a group (the config file
        # names the rest).
        self._approved: dict[tuple[int, int], ApprovedRoles] | None = None

    async def approved_roles(self, chat_id: int, user_id: int) -> ApprovedRoles:
        if self._approved is None:
            found: dict[tuple[int, int], tuple[set[str], bool]] = {}
            for chat, user, role, department in await self._session.execute(_APPROVED):
                departments, chief = found.setdefault((chat, user), (set(), False))
                if role == Role.LIAISON.value and department:
                    departments.add(department)
                found[(chat, user)] = (departments, chief or role == Role.CHIEF.value)
            self._approved = {
                key: ApprovedRoles(frozenset(departments), chief)
                for key, (departments, chief) in found.items()
            }
        return self._approved.get((chat_id, user_id), ApprovedRoles())

    async def request(
        self,
        chat_id: int,
        user_id: int,
        role: Role,
        department: str | None,
        full_name: str,
        username: str | None,
    ) -> MemberRow:
        """Ask to join as liaison of a department; an admin or the chief confirms it."""
        row = await self._session.scalar(
            select(MemberRow).where(
                MemberRow.chat_id == chat_id,
                MemberRow.user_id == user_id,
                MemberRow.role == role.value,
                MemberRow.department == department,
            )
        )
        if row is None:
            row = MemberRow(
                chat_id=chat_id,
                user_id=user_id,
                role=role.value,
                department=department,
                full_name=full_name,
                username=username,
                created_at=self._clock.now(),
            )
            self._session.add(row)
        else:
            row.full_name, row.username = full_name, username
        await self._session.flush()
        return row

    async def confirm(self, member_id: int, by: int, chat_id: int) -> MemberRow | None:
        """Approve a request made in `chat_id`; None if there is no such request there."""
        row = await self._session.get(MemberRow, member_id)
        if row is None or row.chat_id != chat_id:
            return None
        if row.confirmed_by is None:
            row.confirmed_by = by
            self._record(row.chat_id, row.user_id, row.department, MembershipAction.APPROVED, by)
            await self._session.flush()
            self._approved = None
        return row

    async def end(self, chat_id: int, user_id: int, department: str | None, by: int) -> list[str]:
        """No longer a liaison here (of `department`, or of any): approved roles and open
        requests go; each approved one is recorded as left or removed."""
        query = select(MemberRow).where(
            MemberRow.chat_id == chat_id,
            MemberRow.user_id == user_id,
            MemberRow.role == Role.LIAISON.value,
        )
        if department is not None:
            query = query.where(MemberRow.department == department)
        rows = list(await self._session.scalars(query.order_by(MemberRow.id)))
        action = MembershipAction.LEFT if by == user_id else MembershipAction.REMOVED
        ended = []
        for row in rows:
            if row.confirmed_by is not None and row.department is not None:
                ended.append(row.department)
                self._record(chat_id, user_id, row.department, action, by)
        if rows:
            await self._session.execute(
                delete(MemberRow).where(MemberRow.id.in_([row.id for row in rows]))
            )
            self._approved = None
        await self._session.flush()
        return ended

    async def user_named(self, chat_id: int, username: str) -> int | None:
        wanted = username.strip().removeprefix("@").lower()
        rows = await self._session.scalars(
            select(MemberRow).where(MemberRow.chat_id == chat_id).order_by(MemberRow.id.desc())
        )
        return next((r.user_id for r in rows if (r.username or "").lower() == wanted), None)

    async def records(self, chat_id: int | None = None) -> list[MembershipRecord]:
        query = _RECORDED if chat_id is None else _RECORDED.where(_RECORDS.c.chat_id == chat_id)
        return [
            MembershipRecord(chat, user, department, MembershipAction(action), by, at)
            for chat, user, department, action, by, at in await self._session.execute(query)
        ]

    def _record(
        self,
        chat_id: int,
        user_id: int,
        department: str | None,
        action: MembershipAction,
        by: int,
    ) -> None:
        self._session.add(
            MembershipRecordRow(
                chat_id=chat_id,
                user_id=user_id,
                department=department,
                action=action.value,
                by=by,
                at=self._clock.now(),
            )
        )

    async def liaisons_in(self, chat_id: int, department: str) -> list[int]:
        """The department's approved liaisons in the group, in the order they were approved."""
        rows = await self._session.scalars(
            _LIAISONS_IN, {"chat_id": chat_id, "department": department}
        )
        return list(dict.fromkeys(rows))

    async def remember(
        self, chat_id: int, user_id: int, full_name: str, username: str | None
    ) -> None:
        """Keep the latest name of everyone with a role here, so mentions use current names."""
        rows = await self._session.scalars(
            select(MemberRow).where(MemberRow.chat_id == chat_id, MemberRow.user_id == user_id)
        )
        for row in rows:
            if (row.full_name, row.username) != (full_name, username):
                row.full_name, row.username = full_name, username
