"""`streetdesk parse`: message understanding over JSON Lines, for checking and for outside scripts.

One JSON object per input line, in the same order. A line that cannot be read gives an error
object for that line only; the rest still go through. `--explain` adds, per field, the value,
a confidence, what decided it (the model, the rules, keywords, a fallback) and a detail.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from tickets.roles import Role
from tickets.understanding import Understanding

_ROLES = {role.value: role for role in Role}


def parse_lines(
    lines: Iterable[str], understanding: Understanding, out: TextIO, *, explain: bool = False
) -> int:
    """Write one result per non-blank input line; return how many lines were errors. With
    `explain`, each result also says what decided each field, how sure, and why."""
    errors = 0
    for line in lines:
        if not line.strip():
            continue
        try:
            result = _read_one(line, understanding, explain)
        except _BadLine as error:
            errors += 1
            result = {"error": str(error)}
        out.write(json.dumps(result, ensure_ascii=False) + "\n")
        out.flush()
    return errors


class _BadLine(ValueError):
    pass


def _read_one(line: str, understanding: Understanding, explain: bool) -> dict[str, Any]:
    try:
        message = json.loads(line)
    except json.JSONDecodeError as error:
        raise _BadLine(f"not JSON: {error.msg} at column {error.colno}") from None
    if not isinstance(message, dict):
        raise _BadLine('expected an object such as {"text": "路灯不亮"}')
    text = message.get("text")
    if not isinstance(text, str):
        raise _BadLine('"text" is required and must be a string')
    role_name = message.get("role", "public")
    if role_name is None:
        role_name = "public"
    if role_name not in _ROLES:
        raise _BadLine(f'"role" must be one of {", ".join(_ROLES)}, not {role_name!r}')
    has_photo = message.get("has_photo", False)
    if has_photo is None:
        has_photo = False
    if not isinstance(has_photo, bool):
        raise _BadLine('"has_photo" must be true or false')
    replying = message.get("replying_to_ticket", False)
    if not isinstance(replying, bool):
        raise _BadLine('"replying_to_ticket" must be true or false')
    context = {"role": _ROLES[role_name], "has_photo": has_photo, "replying_to_ticket": replying}
    reading = understanding.read(text, **context)
    result: dict[str, Any] = {
        "intent": reading.intent.value,
        "category": reading.category,
        "location": reading.location,
    }
    if explain:
        result["why"] = understanding.explain(text, **context).to_dict()
    return result
