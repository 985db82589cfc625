"""Who sees what on the web desk, from the config: the office's admins every ticket, a street
chief the tickets of their roads, a department head their department's tickets on every road.
Anyone else is signed in to nothing and sees the refusal page."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from tickets.model import Ticket
from tickets.taxonomy import Taxonomy


@dataclass(frozen=True, slots=True)
class Scope:
    user_id: int
    everything: bool = False
    roads: frozenset[str] = frozenset()
    departments: frozenset[str] = frozenset()

    @property
    def anything(self) -> bool:
        return self.everything or bool(self.roads or self.departments)

    def may_see(self, ticket: Ticket) -> bool:
        return self.sees(ticket.road, ticket.department)

    def sees(self, road: str, department: str) -> bool:
        return self.everything or road in self.roads or department in self.departments

    def may_filter_road(self, road: str) -> bool:
        """A road asked for by name: refused when none of its tickets may be seen (a chief
        asking for another chief's road), rather than shown as an empty ledger."""
        return self.everything or bool(self.departments) or road in self.roads

    def roads_shown(self, all_roads: Collection[str]) -> list[str]:
        """The roads offered in the road filter: every road where some ticket may be seen."""
        if self.everything or self.departments:
            return sorted(all_roads)
        return sorted(self.roads)

    def departments_shown(self, all_departments: Collection[str]) -> list[str]:
        if self.everything or self.roads:
            return list(all_departments)
        return [key for key in all_departments if key in self.departments]


def scope_of(user_id: int, taxonomy: Taxonomy, admin_ids: Collection[int]) -> Scope:
    if user_id in admin_ids:
        return Scope(user_id, everything=True)
    roads = frozenset(road.name for road in taxonomy.roads.values() if user_id in road.chief_ids)
    departments = frozenset(
        key for key, department in taxonomy.departments.items() if user_id in department.head_ids
    )
    return Scope(user_id, roads=roads, departments=departments)
