"""Messages of the kinds fresh sets missed, one per kind, as people send them: a report told with
its hour or errand first, two problems in one message, English replies with a plan or a result,
and the writer's own day told hour first, which reports nothing."""

from __future__ import annotations

import pytest

from tests.unit.test_understanding import load_categories
from tickets.roles import Role
from tickets.understanding import Intent, Understanding


@pytest.fixture(scope="module")
def understanding() -> Understanding:
    return Understanding(load_categories())


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("今天路过发现幸福路的井盖没了", "manhole"),
        ("今天中午饭店又在门口烧烤，烟大得很", "cooking_fumes"),
        ("这两天小区门口垃圾没人收，臭死了", "garbage"),
        ("晚上十点以后工地还在打桩，根本没法睡觉", "construction"),  # 根本没法: no fix awaited
    ],
)
def test_a_report_told_hour_first_is_a_report(
    understanding: Understanding, text: str, category: str
) -> None:
    reading = understanding.read(text)
    assert reading.intent is Intent.REPORT
    assert reading.category == category


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("井盖没了，还有路灯也不亮", "manhole"),
        ("幸福路的路灯坏了，另外垃圾也没人收", "streetlight"),
        ("the drain is blocked, also the street light is out", "drainage"),
    ],
)
def test_of_two_problems_the_first_named_is_the_ticket(
    understanding: Understanding, text: str, category: str
) -> None:
    reading = understanding.read(text)
    assert reading.intent is Intent.REPORT
    assert reading.category == category


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("will send the crew over after lunch", Intent.ACK),
        ("we'll clear it first thing tomorrow", Intent.ACK),
        ("the hole has been filled, please check", Intent.RESOLVED),
        ("rubbish cleared this morning", Intent.RESOLVED),
    ],
)
def test_english_replies_with_a_plan_or_a_result(
    understanding: Understanding, text: str, intent: Intent
) -> None:
    assert understanding.read(text, role=Role.LIAISON, replying_to_ticket=True).intent is intent


@pytest.mark.parametrize(
    "text",
    [
        "今天天气真好，出来晒太阳",
        "今天中午吃什么",
        "haha my life is like a broken street light",
    ],
)
def test_the_writers_own_day_is_not_a_report(understanding: Understanding, text: str) -> None:
    assert understanding.read(text).intent is Intent.NONE


def test_explain_says_the_category_was_read_on_the_first_problem(
    understanding: Understanding,
) -> None:
    explanation = understanding.explain("井盖没了，还有路灯也不亮")
    assert explanation.category is not None
    assert explanation.category.value == "manhole"
    assert "comes second" in explanation.category.detail
