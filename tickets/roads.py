"""Which road a group (or a forum topic) belongs to: the config file's roads plus /bind in chat."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

from tickets.taxonomy import Road


class RoadTaken(Exception):
    def __init__(self, road: str) -> None:
        super().__init__(f"road {road!r} is already bound to another group")
        self.road = road


class RoadDirectory:
    def __init__(self, configured: Mapping[str, Road]) -> None:
        self._roads: dict[str, Road] = dict(configured)

    def bound(self, bindings: Iterable[tuple[str, int, int | None]]) -> None:
        """Apply bindings made in chat earlier (name, chat id, thread id), e.g. at start-up."""
        for name, chat_id, thread_id in bindings:
            self._apply(name, chat_id, thread_id)

    def bind(self, name: str, chat_id: int, thread_id: int | None) -> Road:
        current = self._roads.get(name)
        if current is not None and current.chat_id not in (None, chat_id):
            raise RoadTaken(name)
        return self._apply(name, chat_id, thread_id)

    def for_chat(self, chat_id: int, thread_id: int | None = None) -> Road | None:
        whole_group = None
        for road in self._roads.values():
            if road.chat_id != chat_id:
                continue
            if road.thread_id is not None and road.thread_id == thread_id:
                return road
            if road.thread_id is None:
                whole_group = road
        return whole_group

    def get(self, name: str) -> Road | None:
        return self._roads.get(name)

    def all(self) -> list[Road]:
        return list(self._roads.values())

    def _apply(self, name: str, chat_id: int, thread_id: int | None) -> Road:
        # A configured road keeps its chief, overrides and liaisons; only its group is new.
        road = replace(
            self._roads.get(name) or Road(name=name), chat_id=chat_id, thread_id=thread_id
        )
        # One group (or topic) serves one road: an earlier binding of this place is undone.
        for other in list(self._roads.values()):
            if other.name != name and (other.chat_id, other.thread_id) == (chat_id, thread_id):
                self._roads[other.name] = replace(other, chat_id=None, thread_id=None)
        self._roads[name] = road
        return road
