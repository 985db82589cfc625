"""The HTML parse mode, as the Bot API server parses it (tdlib's parse_html).

The same tags, the same attribute rules, the same error wording with UTF-8 byte offsets, so a bot
that builds bad markup gets exactly the 400 Telegram would give it. `parse_html` returns the
plain text and its entities (UTF-16 offsets); detection and trimming come after, in
`emulator.markup.format_text`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from emulator.errors import ApiError, bad_request
from emulator.message_entities import FormattedText, UserLookup, sort_entities, utf16_len

_SIMPLE_TAGS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "code": "code",
    "pre": "pre",
}
_SUPPORTED_TAGS = {*_SIMPLE_TAGS, "a", "tg-emoji", "blockquote"}
_SPACES = " \t\r\n\v\0"
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_USER_LINK = re.compile(r"^tg:(?://)?user\?id=(\d+)$", re.IGNORECASE)


def _can_parse(reason: str) -> ApiError:
    return bad_request(f"can't parse entities: {reason}")


def _decode_entity(text: str, pos: int) -> tuple[str, int] | None:
    """`&lt;`, `&#NNN;`, `&#xHH;` and friends; anything else stays a literal '&', like tdlib."""
    end = pos + 1
    if text.startswith("#", end):
        end += 1
        if text.startswith("x", end):
            end += 1
            digits = re.match(r"[0-9a-fA-F]*", text[end:])
            base = 16
        else:
            digits = re.match(r"[0-9]*", text[end:])
            base = 10
        assert digits is not None
        end += len(digits.group())
        code = int(digits.group(), base) if digits.group() else 0
        if code == 0 or code >= 0x10FFFF or end - pos >= 10 or 0xD800 <= code <= 0xDFFF:
            return None
        char = chr(code)
    else:
        name = re.match(r"[A-Za-z]*", text[end:])
        assert name is not None
        end += len(name.group())
        if name.group() not in _NAMED_ENTITIES:
            return None
        char = _NAMED_ENTITIES[name.group()]
    if text.startswith(";", end):
        end += 1
    return char, end


@dataclass
class _OpenTag:
    name: str
    argument: str
    expandable: bool
    offset: int  # UTF-16 offset in the plain text
    start: int  # index into the plain-text pieces


def _normalise_url(url: str) -> str | None:
    """Telegram drops links it cannot use instead of failing the whole message."""
    url = url.strip()
    if not url or any(char in url for char in " \n\t<>"):
        return None
    scheme = re.match(r"^([A-Za-z][A-Za-z0-9+.-]*):", url)
    if scheme:
        if scheme.group(1).lower() not in {"http", "https", "tg", "ton", "ftp", "mailto"}:
            return None
        return url
    host = url.split("/", 1)[0]
    if "." not in host:
        return None
    # Telegram completes a bare host to an http URL with a path.
    return f"http://{url}" if "/" in url else f"http://{url}/"


def parse_html(markup: str, lookup_user: UserLookup) -> FormattedText:
    """Parse Telegram HTML into plain text and entities, or raise the 400 Telegram would."""
    size = len(markup)

    def at(index: int) -> str:
        return markup[index] if index < size else "\0"

    def byte_offset(index: int) -> int:
        return len(markup[:index].encode("utf-8"))

    pieces: list[str] = []
    offset = 0
    stack: list[_OpenTag] = []
    entities: list[dict[str, Any]] = []
    i = 0
    while i < size:
        char = markup[i]
        if char == "&":
            decoded = _decode_entity(markup, i)
            if decoded is not None:
                pieces.append(decoded[0])
                offset += utf16_len(decoded[0])
                i = decoded[1]
                continue
        if char != "<":
            pieces.append(char)
            offset += utf16_len(char)
            i += 1
            continue

        begin = i
        i += 1
        if at(i) != "/":
            while at(i) not in _SPACES and at(i) != ">":
                i += 1
            if i >= size:
                raise _can_parse(f"Unclosed start tag at byte offset {byte_offset(begin)}")
            name = markup[begin + 1 : i].lower()
            if name not in _SUPPORTED_TAGS:
                raise _can_parse(
                    f'Unsupported start tag "{name}" at byte offset {byte_offset(begin)}'
                )
            argument = ""
            expandable = False
            while at(i) != ">":
                while i < size and at(i) in _SPACES:
                    i += 1
                if at(i) == ">":
                    break
                attribute_begin = i
                while at(i) not in _SPACES and at(i) not in "=>":
                    i += 1
                attribute = markup[attribute_begin:i].lower()
                if not attribute:
                    raise _can_parse(
                        f'Empty attribute name in the tag "{name}" at byte offset '
                        f"{byte_offset(begin)}"
                    )
                while i < size and at(i) in _SPACES:
                    i += 1
                if at(i) != "=":
                    if name == "blockquote" and attribute == "expandable":
                        expandable = True
                        continue
                    raise _can_parse(
                        "Expected equal sign in declaration of an attribute of the tag "
                        f'"{name}" at byte offset {byte_offset(begin)}'
                    )
                i += 1
                while i < size and at(i) in _SPACES:
                    i += 1
                if i >= size:
                    raise _can_parse(f"Unclosed start tag at byte offset {byte_offset(begin)}")
                if at(i) not in "'\"":
                    token_begin = i
                    while at(i).isascii() and (at(i).isalnum() or at(i) in ".-"):
                        i += 1
                    value = markup[token_begin:i].lower()
                    if at(i) not in _SPACES and at(i) != ">":
                        where = byte_offset(token_begin)
                        raise _can_parse(f"Unexpected end of name token at byte offset {where}")
                else:
                    quote = at(i)
                    i += 1
                    chars: list[str] = []
                    while i < size and at(i) != quote:
                        if at(i) == "&":
                            decoded = _decode_entity(markup, i)
                            if decoded is not None:
                                chars.append(decoded[0])
                                i = decoded[1]
                                continue
                        chars.append(at(i))
                        i += 1
                    if at(i) == quote:
                        i += 1
                    value = "".join(chars)
                if i >= size:
                    raise _can_parse(f"Unclosed start tag at byte offset {byte_offset(begin)}")
                if name == "a" and attribute == "href":
                    argument = value
                elif name == "code" and attribute == "class" and value.startswith("language-"):
                    argument = value.removeprefix("language-")
                elif name == "span" and attribute == "class" and value.startswith("tg-"):
                    argument = value.removeprefix("tg-")
                elif name == "tg-emoji" and attribute == "emoji-id":
                    argument = value
            i += 1  # the '>'
            if name == "span" and argument != "spoiler":
                raise _can_parse(
                    f'Tag "span" must have class "tg-spoiler" at byte offset {byte_offset(begin)}'
                )
            if name == "tg-emoji" and not argument.isdigit():
                raise _can_parse(
                    "Custom emoji entity must contain a valid custom emoji identifier at byte "
                    f"offset {byte_offset(begin)}"
                )
            stack.append(_OpenTag(name, argument, expandable, offset, len(pieces)))
            continue

        # An end tag.
        if not stack:
            raise _can_parse(f"Unexpected end tag at byte offset {byte_offset(begin)}")
        i += 1
        name_begin = i
        while at(i) not in _SPACES and at(i) != ">":
            i += 1
        end_name = markup[name_begin:i].lower()
        while i < size and at(i) in _SPACES:
            i += 1
        if at(i) != ">":
            raise _can_parse(f"Unclosed end tag at byte offset {byte_offset(begin)}")
        i += 1
        opened = stack.pop()
        if end_name and end_name != opened.name:
            raise _can_parse(
                f"Unmatched end tag at byte offset {byte_offset(begin)}, "
                f'expected "</{opened.name}>", found "</{end_name}>"'
            )
        length = offset - opened.offset
        if length > 0:
            entity = _entity_for(opened, length, "".join(pieces[opened.start :]), lookup_user)
            if entity is not None:
                _add_entity(entities, entity)

    if stack:
        raise _can_parse(f'Can\'t find end tag corresponding to start tag "{stack[-1].name}"')
    return FormattedText("".join(pieces), sort_entities(entities))


def _entity_for(
    opened: _OpenTag, length: int, inner_text: str, lookup_user: UserLookup
) -> dict[str, Any] | None:
    base: dict[str, Any] = {"offset": opened.offset, "length": length}
    if opened.name == "a":
        url = opened.argument or inner_text
        user_link = _USER_LINK.match(url)
        if user_link:
            # A mention of someone Telegram cannot show is silently dropped, not an error.
            user = lookup_user(int(user_link.group(1)))
            return None if user is None else {"type": "text_mention", **base, "user": user}
        normalised = _normalise_url(url)
        return None if normalised is None else {"type": "text_url", **base, "url": normalised}
    if opened.name == "tg-emoji":
        return {"type": "custom_emoji", **base, "custom_emoji_id": opened.argument}
    if opened.name == "blockquote":
        kind = "expandable_blockquote" if opened.expandable else "blockquote"
        return {"type": kind, **base}
    if opened.name == "code" and opened.argument:
        return {"type": "code", **base, "language": opened.argument}
    return {"type": _SIMPLE_TAGS[opened.name], **base}


def _add_entity(entities: list[dict[str, Any]], entity: dict[str, Any]) -> None:
    # <pre><code class="language-x">…</code></pre> is one pre entity with a language.
    if entity["type"] == "pre" and entities:
        last = entities[-1]
        if (
            last["type"] == "code"
            and last["offset"] == entity["offset"]
            and last["length"] == entity["length"]
        ):
            entities.pop()
            if "language" in last:
                entity["language"] = last["language"]
    entities.append(entity)
