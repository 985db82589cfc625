"""Message entities: the spans of a text Telegram formats, as the Bot API sends them.

`FormattedText` is a text with its entities. Offsets and lengths count UTF-16 code units, as the
Bot API does. Here are the steps every text goes through besides a parse mode: checking the
entities a bot passed itself, finding the mentions, hashtags, commands, links and e-mails
Telegram detects on its own, and trimming the whitespace Telegram strips.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from emulator.errors import bad_request

# A user's Bot API JSON by id, or None for someone Telegram would not show (see text_mention).
UserLookup = Callable[[int], dict[str, Any] | None]


@dataclass(frozen=True)
class FormattedText:
    text: str
    entities: list[dict[str, Any]]


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def sort_entities(entities: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    finished = []
    for entity in entities:
        if entity["type"] == "code" and "language" in entity:
            # A language only means something on pre; a bare <code class=…> is plain code.
            entity = {key: value for key, value in entity.items() if key != "language"}
        finished.append(entity)
    return sorted(finished, key=lambda entity: (entity["offset"], -entity["length"]))


_AUTO_PATTERNS = [
    ("bot_command", re.compile(r"(?<![\w/])/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?(?!\w)")),
    ("email", re.compile(r"(?<![\w.@])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")),
    ("mention", re.compile(r"(?<![\w@])@[A-Za-z][A-Za-z0-9_]{3,31}(?!\w)")),
    ("hashtag", re.compile(r"(?<![\w#])#\w*[^\W\d]\w*")),
    ("url", re.compile(r"(?<![\w@])(?:https?://|www\.)[^\s<>\"]+[^\s<>\".,;:!?)\]'》，。]")),
]
# Telegram finds no links or commands inside code or under a link the sender already made.
_OPAQUE = {"code", "pre", "text_url", "text_mention", "custom_emoji"}


def _utf16_offsets(text: str) -> list[int]:
    offsets = [0]
    for char in text:
        offsets.append(offsets[-1] + (2 if ord(char) > 0xFFFF else 1))
    return offsets


def with_detected_entities(formatted: FormattedText) -> FormattedText:
    """Add the mentions, hashtags, commands, links and e-mails Telegram detects on its own."""
    text = formatted.text
    offsets = _utf16_offsets(text)
    taken = [
        (entity["offset"], entity["offset"] + entity["length"])
        for entity in formatted.entities
        if entity["type"] in _OPAQUE
    ]
    found: list[dict[str, Any]] = []
    for kind, pattern in _AUTO_PATTERNS:
        for match in pattern.finditer(text):
            start, end = offsets[match.start()], offsets[match.end()]
            if any(start < stop and begin < end for begin, stop in taken):
                continue
            taken.append((start, end))
            found.append({"type": kind, "offset": start, "length": end - start})
    if not found:
        return formatted
    return FormattedText(text, sort_entities([*formatted.entities, *found]))


def trimmed(formatted: FormattedText) -> FormattedText:
    """Telegram strips leading and trailing whitespace and clips entities to what is left."""
    text = formatted.text
    stripped = text.strip(" \t\r\n")
    if stripped == text:
        return formatted
    left = utf16_len(text[: len(text) - len(text.lstrip(" \t\r\n"))])
    kept_end = left + utf16_len(stripped)
    entities = []
    for entity in formatted.entities:
        start = max(entity["offset"], left)
        end = min(entity["offset"] + entity["length"], kept_end)
        if end > start:
            entities.append({**entity, "offset": start - left, "length": end - start})
    return FormattedText(stripped, entities)


def explicit_entities(
    text: str, entities: Any, lookup_user: UserLookup, field: str = "entities"
) -> FormattedText:
    """Check entities a bot passed itself (instead of a parse mode)."""
    if not isinstance(entities, list):
        raise bad_request(f"can't parse {field} JSON object")
    total = utf16_len(text)
    checked: list[dict[str, Any]] = []
    for entity in entities:
        if not isinstance(entity, dict) or not isinstance(entity.get("type"), str):
            raise bad_request(f"can't parse {field} JSON object")
        offset, length = entity.get("offset"), entity.get("length")
        if not isinstance(offset, int) or not isinstance(length, int):
            raise bad_request(f"can't parse {field} JSON object")
        if length <= 0 or offset < 0 or offset >= total:
            continue  # Telegram ignores entities that cover nothing
        entity = {**entity, "length": min(length, total - offset)}
        if entity["type"] == "text_mention":
            user = entity.get("user")
            found = lookup_user(user.get("id", 0)) if isinstance(user, dict) else None
            if found is None:
                continue
            entity["user"] = found
        checked.append(entity)
    return FormattedText(text, sort_entities(checked))
