"""Whatever arrives in a group, understanding answers with a reading the desk can act on, the same
one each time.

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
from tickets.understanding.normalise import MAX_CHARS
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


def assert_the_desk_can_act_on(reading: Reading) -> None:
    """A report names one of the city's categories and a place that is not blank, if any;
    anything else says what it is and nothing more."""
    assert reading.intent in list(Intent)
    if reading.intent is Intent.REPORT:
        assert reading.category in CATEGORY_KEYS
        assert reading.location is None or reading.location.strip()
    else:
        assert reading == Reading(reading.intent)


@settings(max_examples=400, deadline=None)
@given(text=messages, context=contexts)
def test_any_message_gets_a_valid_reading(text: str, context: dict[str, Any]) -> None:
    assert_the_desk_can_act_on(UNDERSTANDING.interpret(text, **context))  # no read() safety net


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
@given(
    text=messages.filter(bool),
    more=st.integers(min_value=1, max_value=50),
    tail=messages,
    context=contexts,
)
def test_a_long_message_is_read_by_its_beginning(
    text: str, more: int, tail: str, context: dict[str, Any]
) -> None:
    # A pasted notice or spam, thousands of characters long: its first part says what it is,
    # and whatever follows that changes nothing.
    long = text * (2 * MAX_CHARS // len(text) + more)
    reading = UNDERSTANDING.interpret(long, **context)
    assert_the_desk_can_act_on(reading)
    assert UNDERSTANDING.interpret(long + tail, **context) == reading
