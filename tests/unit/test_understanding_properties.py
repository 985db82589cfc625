"""Whatever arrives in a group, understanding answers with a valid Reading, the same one each time.

Random Unicode finds crashes in normalisation; random sentences built from our own phrases and
keywords reach the deeper rules (categories, places, roles) that random text never gets to.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.unit.test_understanding import load_categories
from tickets.roles import Role
from tickets.understanding import Intent, Reading, Understanding
from tickets.understanding.phrases import TABLES

CATEGORIES = load_categories()
CATEGORY_KEYS = {category.key for category in CATEGORIES}
UNDERSTANDING = Understanding(CATEGORIES)

_FRAGMENTS = sorted(
    {phrase for phrases in TABLES.values() for phrase in phrases}
    | {
        part
        for category in CATEGORIES
        for keyword in category.keywords
        for part in keyword.split("+")
    }
    | {"胜利路", "8号", "与", "建设路口", "门口", "湿地公园", "旁", "[图片]", "[表情]", "👍", "😡"}
    | {"，", "。", "？", "！", " ", "\n", "的", "了", "在", "有", "又", "还是", "没"}
)

messages = st.one_of(
    st.text(max_size=200),
    st.lists(st.sampled_from(_FRAGMENTS), max_size=12).map("".join),
    st.lists(st.one_of(st.sampled_from(_FRAGMENTS), st.text(max_size=3)), max_size=12).map("".join),
)
contexts = st.fixed_dictionaries(
    {
        "role": st.sampled_from(list(Role)),
        "has_photo": st.booleans(),
        "replying_to_ticket": st.booleans(),
    }
)


@settings(max_examples=400, deadline=None)
@given(text=messages, context=contexts)
def test_any_message_gets_a_valid_reading(text: str, context: dict[str, Any]) -> None:
    reading = UNDERSTANDING.interpret(text, **context)  # without read()'s safety net
    assert isinstance(reading, Reading)
    assert isinstance(reading.intent, Intent)
    if reading.intent is Intent.REPORT:
        assert reading.category in CATEGORY_KEYS
        assert reading.location is None or (reading.location and reading.location.strip())
    else:
        assert reading == Reading(reading.intent)


@settings(max_examples=200, deadline=None)
@given(text=messages, context=contexts)
def test_reading_is_deterministic(text: str, context: dict[str, Any]) -> None:
    assert UNDERSTANDING.read(text, **context) == UNDERSTANDING.read(text, **context)
    assert Understanding(CATEGORIES).read(text, **context) == UNDERSTANDING.read(text, **context)


@settings(max_examples=200, deadline=None)
@given(text=messages)
def test_a_shopkeeper_never_acknowledges_or_resolves(text: str) -> None:
    reading = UNDERSTANDING.read(text, role=Role.PUBLIC, replying_to_ticket=True)
    assert reading.intent not in {Intent.ACK, Intent.RESOLVED}


@settings(max_examples=200, deadline=None)
@given(text=messages)
def test_a_liaison_never_reopens_or_confirms(text: str) -> None:
    reading = UNDERSTANDING.read(text, role=Role.LIAISON, replying_to_ticket=True)
    assert reading.intent not in {Intent.REOPEN, Intent.CONFIRM}


@settings(max_examples=100, deadline=None)
@given(text=st.text(min_size=1, max_size=50), repeat=st.integers(min_value=100, max_value=5000))
def test_long_messages_are_read_without_error(text: str, repeat: int) -> None:
    assert isinstance(UNDERSTANDING.interpret(text * repeat), Reading)
