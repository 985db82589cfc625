"""Telegram's text formatting: what it stores for a text or caption, from a bot or from a user.

`format_text` is the whole path a bot's text takes: a parse mode (`emulator.html_parse_mode`) or
the bot's own entities, then trimming and the entities Telegram detects by itself
(`emulator.message_entities`). `plain` is the path of what a user's client sends. The names this
module always offered (`parse_html`, `FormattedText`, ...) are importable from here as before.
"""

from __future__ import annotations

from typing import Any

from emulator.errors import bad_request
from emulator.html_parse_mode import parse_html
from emulator.message_entities import (
    FormattedText,
    UserLookup,
    explicit_entities,
    sort_entities,
    trimmed,
    utf16_len,
    with_detected_entities,
)

__all__ = [
    "FormattedText",
    "UserLookup",
    "explicit_entities",
    "format_text",
    "parse_html",
    "plain",
    "sort_entities",
    "trimmed",
    "utf16_len",
    "with_detected_entities",
]


def format_text(
    text: str, parse_mode: str | None, entities: Any, lookup_user: UserLookup, field: str
) -> FormattedText:
    """What Telegram stores for a text or caption a bot sends: parsed, trimmed, auto-detected."""
    if parse_mode:
        mode = parse_mode.lower()
        if mode == "html":
            formatted = parse_html(text, lookup_user)
        elif mode in {"markdown", "markdownv2"}:
            raise bad_request(
                f"can't parse entities: parse_mode {parse_mode} is not implemented by the "
                "StreetDesk emulator; use HTML"
            )
        else:
            raise bad_request("unsupported parse_mode")
    elif entities is not None:
        formatted = explicit_entities(text, entities, lookup_user, field)
    else:
        formatted = FormattedText(text, [])
    return with_detected_entities(trimmed(formatted))


def plain(text: str) -> FormattedText:
    """What a user's client sends: text plus the entities Telegram detects."""
    return with_detected_entities(FormattedText(text, []))
