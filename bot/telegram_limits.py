"""Telegram's limits on a message: 4,096 characters of text, 1,024 of caption. A longer one is
refused (400 "message is too long") and would be set aside unsent, so every text is fitted just
before it goes: whole lines are kept while they fit, and a last line says how many were left out.

Lengths are counted as Telegram counts them (UTF-16 code units), on the HTML as written: tags and
entities then count more than they will show, so a fitted text is always short enough.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from aiogram.methods import EditMessageText, SendDocument, SendMessage, SendPhoto, TelegramMethod

MESSAGE_LIMIT = 4096
CAPTION_LIMIT = 1024

_TAG = re.compile(r"<(/?)([a-zA-Z-]+)[^>]*>")
_PARTIAL_ENTITY = re.compile(r"&[#\w]*$")  # "&am" left by a cut: Telegram would refuse it


def telegram_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def fit(text: str, limit: int, more: Callable[[int], str]) -> str:
    """`text` if it fits; else as many whole lines as fit (never cutting inside an HTML tag
    that spans lines), then `more(n)` for the n lines left out."""
    if telegram_length(text) <= limit:
        return text
    lines = text.split("\n")
    kept: list[str] = []
    length = 0
    open_tags: list[str] = []
    safe = 0  # how many kept lines end with every tag closed: a cut may come after them
    for line in lines:
        cost = telegram_length(line) + 1
        if length + cost + telegram_length(more(len(lines))) + 1 > limit:
            break
        kept.append(line)
        length += cost
        open_tags = _still_open(open_tags, line)
        if not open_tags:
            safe = len(kept)
    kept = kept[:safe]
    if not kept:  # one line longer than the limit: cut it as plain text
        cut = _TAG.sub("", lines[0])[: limit // 2]
        return _PARTIAL_ENTITY.sub("", cut) + "…\n" + more(len(lines) - 1)
    return "\n".join([*kept, more(len(lines) - len(kept))])


def _still_open(open_tags: list[str], line: str) -> list[str]:
    stack = list(open_tags)
    for closing, name in _TAG.findall(line):
        if not closing:
            stack.append(name.lower())
        elif stack and stack[-1] == name.lower():
            stack.pop()
    return stack


def fitted(method: TelegramMethod[Any], more: Callable[[int], str]) -> TelegramMethod[Any]:
    """The call with its text or caption fitted to Telegram's limit."""
    if isinstance(method, SendMessage | EditMessageText):
        text = fit(method.text, MESSAGE_LIMIT, more)
        return method if text == method.text else method.model_copy(update={"text": text})
    if isinstance(method, SendPhoto | SendDocument) and method.caption:
        caption = fit(method.caption, CAPTION_LIMIT, more)
        if caption != method.caption:
            return method.model_copy(update={"caption": caption})
    return method
