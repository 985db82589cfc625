"""A configuration that cannot be used, said as the office can fix it: where the value came from
(the file, or the environment variable that set it), the key (with the entry's key or name, not
just its index), the value and what is expected; every mistake at once."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, time
from typing import Any

from pydantic import ValidationError

Loc = tuple[int | str, ...]

# Values under these keys are never repeated in a message: they are secrets, or hold one (a
# database URL may carry a password).
_UNSHOWN = ("token", "secret", "url", "password", "proxy")
# pydantic's own words for a few mistakes, said as "<value> is not ..."
_EXPECTED = {
    "int_parsing": "is not a whole number",
    "int_type": "is not a whole number",
    "bool_parsing": "is not true or false",
    "bool_type": "is not true or false",
    "string_type": "is not text; put it in quotes",
}


class ConfigError(Exception):
    """The configuration cannot be used.

    `problems` holds one (key, reason) per mistake of the file `source`; `environment` one
    (variable, reason) per mistake of an environment variable.
    """

    def __init__(
        self,
        source: str,
        problems: Sequence[tuple[str, str]],
        environment: Sequence[tuple[str, str]] = (),
    ) -> None:
        self.source = source
        self.problems = list(problems)
        self.environment = list(environment)
        lines = [f"environment variable {variable}: {reason}" for variable, reason in environment]
        lines += [
            f"{source}: {key}: {reason}" if key else f"{source}: {reason}"
            for key, reason in self.problems
        ]
        super().__init__("\n".join(lines))


def describe(error: ValidationError) -> list[tuple[Loc, str]]:
    """Each of pydantic's errors as (where, one sentence with the value and what is expected)."""
    problems = []
    for item in error.errors(include_url=False):
        loc = tuple(item["loc"])
        reason = item["msg"].removeprefix("Value error, ")
        if item["type"] == "extra_forbidden":
            reason = "unknown key (misspelt, or not a StreetDesk setting)"
        elif item["type"] == "missing":
            reason = "required, but missing"
        elif item["type"] in _EXPECTED and not _secret(loc):
            reason = f"{item.get('input')!r} {_EXPECTED[item['type']]}"
        elif item["type"] != "value_error":
            # Our own readers (value_error) name the value already; pydantic's do not.
            reason = _with_value(reason, item.get("input"), loc)
        problems.append((loc, reason))
    return problems


def _secret(loc: Loc) -> bool:
    return any(isinstance(step, str) and part in step for step in loc for part in _UNSHOWN)


def _with_value(reason: str, value: Any, loc: Loc) -> str:
    if _secret(loc):
        return reason
    if isinstance(value, str | int | float | bool | date | time) and value is not None:
        return f"{value!r}: {reason}"
    return reason


def key_path(loc: Iterable[int | str], data: Mapping[str, Any]) -> str:
    """("categories", 3, "department") -> 'categories[3] (key "garbage").department'."""
    parts: list[str] = []
    node: Any = data
    for step in loc:
        if isinstance(step, int):
            label = f"[{step}]"
            item = node[step] if isinstance(node, list) and step < len(node) else None
            if isinstance(item, Mapping):
                for name_key in ("key", "name"):
                    if isinstance(item.get(name_key), str):
                        label += f' ({name_key} "{item[name_key]}")'
                        break
            parts.append(label)
            node = item
        else:
            parts.append(("." if parts else "") + str(step))
            node = node.get(step) if isinstance(node, Mapping) else None
    return "".join(parts)
