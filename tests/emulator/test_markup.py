"""Telegram's HTML parse mode, entity detection and trimming, checked without a server."""

from __future__ import annotations

from typing import Any

import pytest

from emulator.errors import ApiError
from emulator.markup import format_text, parse_html, plain

USERS = {42: {"id": 42, "is_bot": False, "first_name": "王"}}


def lookup(user_id: int) -> dict[str, Any] | None:
    return USERS.get(user_id)


def kinds(html: str) -> list[tuple[str, int, int]]:
    parsed = parse_html(html, lookup)
    return [(e["type"], e["offset"], e["length"]) for e in parsed.entities]


def test_every_supported_tag() -> None:
    html = (
        "<b>b</b><strong>s</strong><i>i</i><em>e</em><u>u</u><ins>n</ins><s>s</s>"
        "<strike>k</strike><del>d</del><tg-spoiler>p</tg-spoiler>"
        '<span class="tg-spoiler">q</span><code>c</code><blockquote>q</blockquote>'
        "<blockquote expandable>x</blockquote>"
    )
    assert [kind for kind, _, _ in kinds(html)] == [
        "bold", "bold", "italic", "italic", "underline", "underline", "strikethrough",
        "strikethrough", "strikethrough", "spoiler", "spoiler", "code", "blockquote",
        "expandable_blockquote",
    ]  # fmt: skip


def test_links_mentions_and_pre_with_a_language() -> None:
    parsed = parse_html(
        '<a href="https://example.com/a?b=1&amp;c=2">链接</a> '
        '<a href="tg://user?id=42">王</a> <a href="tg://user?id=7">陌生人</a> '
        '<pre><code class="language-python">x = 1</code></pre>',
        lookup,
    )
    assert parsed.text == "链接 王 陌生人 x = 1"
    link, mention, pre = parsed.entities
    assert link == {"type": "text_url", "offset": 0, "length": 2,
                    "url": "https://example.com/a?b=1&c=2"}  # fmt: skip
    assert mention["type"] == "text_mention" and mention["user"]["id"] == 42
    assert pre == {"type": "pre", "offset": 9, "length": 5, "language": "python"}
    # A mention of a user Telegram cannot show is dropped, not an error.


def test_nesting_and_utf16_offsets() -> None:
    assert kinds("😀<b>粗<i>斜</i></b>") == [("bold", 2, 2), ("italic", 3, 1)]


def test_escapes_and_unknown_entities() -> None:
    parsed = parse_html("&lt;b&gt; &amp; &quot; &#20320;&#x597D; &nbsp; AT&T", lookup)
    assert parsed.text == '<b> & " 你好 &nbsp; AT&T'


def test_tags_and_attributes_are_case_insensitive_and_unquoted_values_work() -> None:
    assert kinds("<B>x</B> <A HREF=example.com>y</A>") == [("bold", 0, 1), ("text_url", 2, 1)]


@pytest.mark.parametrize(
    ("html", "reason"),
    [
        ("<b>x", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<b>x</i>", 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'),
        ("<p>x</p>", 'Unsupported start tag "p" at byte offset 0'),
        ("</b>", "Unexpected end tag at byte offset 0"),
        ("x <b", "Unclosed start tag at byte offset 2"),
        ("<b>x</b", "Unclosed end tag at byte offset 4"),
        ('<span class="x">y</span>', 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
        (
            "<a href>x</a>",
            'Expected equal sign in declaration of an attribute of the tag "a" at byte offset 0',
        ),
        ("<a href=x/y>z</a>", "Unexpected end of name token at byte offset 8"),
    ],
)
def test_errors_name_the_byte_offset(html: str, reason: str) -> None:
    with pytest.raises(ApiError) as caught:
        parse_html(html, lookup)
    assert caught.value.error_code == 400
    assert caught.value.description == f"Bad Request: can't parse entities: {reason}"


def test_whitespace_is_trimmed_and_entities_follow() -> None:
    formatted = format_text("\n  <b> 粗 </b>  \n", "HTML", None, lookup, "entities")
    assert formatted.text == "粗"
    assert formatted.entities == [{"type": "bold", "offset": 0, "length": 1}]


def test_telegram_finds_commands_mentions_hashtags_and_links() -> None:
    found = plain("/report@streetdesk_bot 找 @wang_xm #路灯 https://example.com/x. me@a.cn")
    assert [(e["type"], e["offset"], e["length"]) for e in found.entities] == [
        ("bot_command", 0, 22),
        ("mention", 25, 8),
        ("hashtag", 34, 3),
        ("url", 38, 21),
        ("email", 61, 7),
    ]


def test_no_links_are_found_inside_code() -> None:
    formatted = format_text("<code>https://x.cn</code>", "HTML", None, lookup, "entities")
    assert [e["type"] for e in formatted.entities] == ["code"]


def test_other_parse_modes() -> None:
    with pytest.raises(ApiError, match="unsupported parse_mode"):
        format_text("x", "BBCode", None, lookup, "entities")
    with pytest.raises(ApiError, match="not implemented by the StreetDesk emulator"):
        format_text("*x*", "MarkdownV2", None, lookup, "entities")
