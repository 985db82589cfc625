"""What refers to what in the configuration: a category's department, a road's overrides, keys
used twice, the working day's ends, webhook mode's address and secret.

These checks read the data as written (the file with the environment over it), not the validated
settings, so that they run even when a value elsewhere is wrong: a bad duration must not hide an
unknown department until it is fixed. Whatever has the wrong shape is skipped here; validation
reports it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import time
from typing import Any

from bot.config_errors import Loc
from bot.config_values import read_time

_DEFAULT_START, _DEFAULT_END = time(9, 0), time(18, 0)


def check_references(data: Mapping[str, Any]) -> Iterator[tuple[Loc, str]]:
    departments = _entries(data, "departments")
    categories = _entries(data, "categories")
    roads = _entries(data, "roads")
    department_keys = {key for _, key, _ in departments}
    category_keys = {key for _, key, _ in categories}
    yield from _working_hours(_table(data, "working_hours"))
    yield from _telegram(_table(data, "telegram"))
    for section, entries, word in (
        ("departments", departments, "key"),
        ("categories", categories, "key"),
        ("roads", roads, "name"),
    ):
        for key in _duplicates(key for _, key, _ in entries):
            yield (section,), f'{word} "{key}" is used twice'
    if categories and "other" not in category_keys:
        yield ("categories",), 'no category with key "other" for reports that match no keyword'
    known = ", ".join(sorted(department_keys)) or "none"
    for i, _, category in categories:
        department = category.get("department")
        if isinstance(department, str) and department not in department_keys:
            yield (
                ("categories", i, "department"),
                f'unknown department "{department}" (known: {known})',
            )
    bound: dict[tuple[Any, Any], str] = {}
    for i, name, road in roads:
        overrides = road.get("departments")
        for category_key, department_key in _items(overrides):
            if category_key not in category_keys:
                yield ("roads", i, "departments", category_key), "unknown category"
            if isinstance(department_key, str) and department_key not in department_keys:
                yield (
                    ("roads", i, "departments", category_key),
                    f'unknown department "{department_key}" (known: {known})',
                )
        for department_key, _ in _items(road.get("liaisons")):
            if department_key not in department_keys:
                yield ("roads", i, "liaisons", department_key), "unknown department"
        chat_id, thread_id = road.get("chat_id"), road.get("thread_id")
        if thread_id is not None and chat_id is None:
            yield ("roads", i, "thread_id"), "a forum topic needs the chat_id of its group"
        if chat_id is not None:
            place = (chat_id, thread_id)
            if place in bound:
                yield (
                    ("roads", i, "chat_id"),
                    f'the same group is already bound to "{bound[place]}"',
                )
            bound[place] = name


def _working_hours(hours: Mapping[str, Any]) -> Iterator[tuple[Loc, str]]:
    start = _time(hours.get("start", _DEFAULT_START))
    end = _time(hours.get("end", _DEFAULT_END))
    if start is not None and end is not None and end <= start:
        yield (
            ("working_hours", "end"),
            f"{end:%H:%M} is not after start {start:%H:%M}; night shifts across midnight are "
            f"not supported (use the always clock for round-the-clock categories)",
        )
    if hours.get("days") == [] and not hours.get("workdays"):
        yield (
            ("working_hours", "days"),
            "no working day at all; working-clock deadlines would never fall",
        )


def _telegram(telegram: Mapping[str, Any]) -> Iterator[tuple[Loc, str]]:
    if telegram.get("mode") != "webhook":
        return
    if not telegram.get("webhook_url"):
        yield (
            ("telegram", "webhook_url"),
            "webhook mode needs the public address Telegram posts to",
        )
    if not telegram.get("webhook_secret"):
        yield (
            ("telegram", "webhook_secret"),
            "webhook mode needs a secret to check Telegram's posts",
        )


def _time(value: Any) -> time | None:
    try:
        return read_time(value)
    except ValueError:
        return None  # validation says what is wrong with it


def _table(data: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = data.get(key)
    return value if isinstance(value, Mapping) else {}


def _entries(data: Mapping[str, Any], section: str) -> list[tuple[int, str, Mapping[str, Any]]]:
    """(index, key or name, entry) of each well-formed entry of a list of tables."""
    entries = data.get(section)
    if not isinstance(entries, list):
        return []
    name_key = "name" if section == "roads" else "key"
    return [
        (i, entry[name_key], entry)
        for i, entry in enumerate(entries)
        if isinstance(entry, Mapping) and isinstance(entry.get(name_key), str)
    ]


def _items(value: Any) -> Iterable[tuple[str, Any]]:
    return value.items() if isinstance(value, Mapping) else ()


def _duplicates(values: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    repeated = []
    for value in values:
        if value in seen and value not in repeated:
            repeated.append(value)
        seen.add(value)
    return repeated
