"""A configuration that cannot be used, said as the office can fix it: the file, the key (with the
entry's key or name, not just its index) and the reason, every mistake at once."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from pydantic import ValidationError


class ConfigError(Exception):
    """The configuration cannot be used. `problems` holds one (key, reason) per mistake."""

    def __init__(self, source: str, problems: Sequence[tuple[str, str]]) -> None:
        self.source = source
        self.problems = list(problems)
        lines = [
            f"{source}: {key}: {reason}" if key else f"{source}: {reason}"
            for key, reason in self.problems
        ]
        super().__init__("\n".join(lines))


def describe(error: ValidationError, data: Mapping[str, Any]) -> list[tuple[str, str]]:
    problems = []
    for item in error.errors(include_url=False):
        reason = item["msg"].removeprefix("Value error, ")
        if item["type"] == "extra_forbidden":
            reason = "unknown key (misspelt, or not a StreetDesk setting)"
        elif item["type"] == "missing":
            reason = "required, but missing"
        problems.append((key_path(item["loc"], data), reason))
    return problems


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
