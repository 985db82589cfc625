"""Who is speaking in a road's group: their role and the departments they answer for, from the
config file (liaisons, heads, chiefs; a road's own liaisons) and from /join approvals."""

from __future__ import annotations

from tickets.permissions import Actor
from tickets.ports import UnitOfWork
from tickets.requests import Person
from tickets.roles import Role
from tickets.taxonomy import Road, Taxonomy


async def actor_in(
    uow: UnitOfWork, taxonomy: Taxonomy, road: Road, chat_id: int, person: Person
) -> Actor:
    user = person.user_id
    departments = {
        d.key for d in taxonomy.departments.values() if user in d.liaison_ids or user in d.head_ids
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
    return Actor(user, person.name, role, frozenset(departments), person.username)
