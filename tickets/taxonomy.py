"""The city's vocabulary of problems and who answers for them: categories, departments, roads.

These are plain values built from the configuration file (bot/settings.py); the domain only reads
them. Responsibility follows 谁主管谁负责: a category maps to one department, and a road may
override that department for a category.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from tickets.durations import Duration


class ClockKind(StrEnum):
    WORKING = "working"  # only working hours count (工作时), the standard's default
    ALWAYS = "always"  # every hour counts: safety items such as a missing manhole cover


@dataclass(frozen=True, slots=True)
class Department:
    key: str
    name: str
    name_en: str = ""
    head_ids: tuple[int, ...] = ()
    liaison_ids: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Category:
    key: str
    name: str
    department: str
    ack: Duration
    resolve: Duration
    clock: ClockKind = ClockKind.WORKING
    name_en: str = ""
    gb: str = ""
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Road:
    name: str
    chat_id: int | None = None
    thread_id: int | None = None
    chief_ids: tuple[int, ...] = ()
    # category key -> department key, for the categories this road hands to someone else
    departments: Mapping[str, str] = field(default_factory=dict)
    # department key -> extra liaison ids who answer for that department on this road only
    liaison_ids: Mapping[str, tuple[int, ...]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Taxonomy:
    departments: Mapping[str, Department]
    categories: Mapping[str, Category]
    roads: Mapping[str, Road] = field(default_factory=dict)
    fallback_category: str = "other"

    def category(self, key: str) -> Category:
        try:
            return self.categories[key]
        except KeyError:
            raise UnknownKeyError("category", key, self.categories) from None

    def department(self, key: str) -> Department:
        try:
            return self.departments[key]
        except KeyError:
            raise UnknownKeyError("department", key, self.departments) from None

    def road(self, name: str) -> Road:
        try:
            return self.roads[name]
        except KeyError:
            raise UnknownKeyError("road", name, self.roads) from None

    def liaisons_of(self, department: str, road: str | None = None) -> tuple[int, ...]:
        ids = list(self.department(department).liaison_ids)
        if road is not None and road in self.roads:
            ids.extend(i for i in self.roads[road].liaison_ids.get(department, ()) if i not in ids)
        return tuple(ids)


class UnknownKeyError(KeyError):
    def __init__(self, kind: str, key: str, known: Mapping[str, object]) -> None:
        choices = ", ".join(sorted(known)) or "none configured"
        super().__init__(f"unknown {kind} {key!r} (known: {choices})")
        self.kind = kind
        self.key = key

    def __str__(self) -> str:
        return str(self.args[0])
