"""Categories are configuration: a city renames, adds and removes them, and the model shipped
with the package must never overrule that. And every reading says how sure it is and why."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.unit.test_understanding import category, load_categories
from tickets.roles import Role
from tickets.understanding import Intent, Reading, Understanding
from tickets.understanding.model import MODEL_PATH, LinearModel
from tickets.understanding.reader import MODEL_ALONE, RULES_ALONE
from tickets.understanding.reading import UNSURE_BELOW


@pytest.fixture(scope="module")
def understanding() -> Understanding:
    return Understanding(load_categories())


def test_a_category_the_city_added_is_found_by_its_keywords() -> None:
    city = (*load_categories(), category("shared_power_bank", "充电宝柜"))
    reading = Understanding(city).read("地铁口那个充电宝柜坏了，插进去没反应")
    assert (reading.intent, reading.category) == (Intent.REPORT, "shared_power_bank")


def test_a_category_the_city_removed_is_never_returned() -> None:
    city = tuple(entry for entry in load_categories() if entry.key != "cooking_fumes")
    reading = Understanding(city).read("楼下饭馆的油烟直接排到我家窗户上")
    assert reading.intent is Intent.REPORT
    assert reading.category != "cooking_fumes"
    assert "cooking_fumes" not in reading.alternatives


def test_a_renamed_category_keeps_working_by_its_keywords() -> None:
    city = tuple(
        replace(entry, key="lamps") if entry.key == "streetlight" else entry
        for entry in load_categories()
    )
    reading = Understanding(city).read("路灯坏了三天了")
    assert reading.category == "lamps"


def test_a_reading_carries_a_confidence_and_the_likely_alternatives(
    understanding: Understanding,
) -> None:
    sure = understanding.read("井盖被偷了，剩个大洞")
    assert sure.category == "manhole" and not sure.unsure
    assert 0.0 <= sure.confidence <= 1.0
    assert sure.alternatives[0] == "manhole" and 2 <= len(sure.alternatives) <= 3


def test_a_report_between_departments_is_unsure_and_offers_them(
    understanding: Understanding,
) -> None:
    # A hole dug at the door with a pipe showing: roads, water or the works that dug it?
    reading = understanding.read("门口被挖了个大坑，水管也露出来了")
    assert reading.intent is Intent.REPORT
    assert reading.confidence < UNSURE_BELOW and reading.unsure
    assert len(set(reading.alternatives) & {"road_damage", "water_supply", "construction"}) >= 2


def test_a_report_that_names_nothing_goes_to_the_fallback(understanding: Understanding) -> None:
    reading = understanding.read("这里有个东西坏了，麻烦来看看", has_photo=True)
    assert (reading.intent, reading.category) == (Intent.REPORT, "other")
    assert len(reading.alternatives) >= 2


def test_confidence_and_alternatives_do_not_change_what_a_reading_means() -> None:
    assert Reading(Intent.REPORT, "manhole", confidence=0.2) == Reading(Intent.REPORT, "manhole")


def test_explain_says_what_decided_each_field(understanding: Understanding) -> None:
    explanation = understanding.explain("胜利路8号门口路灯不亮好几天了", role=Role.PUBLIC)
    found = explanation.to_dict()
    assert found["intent"]["value"] == "report"
    assert found["category"]["value"] == "streetlight"
    assert found["place"] == {
        "value": "胜利路8号",
        "confidence": pytest.approx(found["place"]["confidence"]),
        "source": "pattern",
        "detail": "road and number",
    }
    for field in ("intent", "category", "place"):
        assert 0.0 <= found[field]["confidence"] <= 1.0
        assert found[field]["source"]


def test_explain_of_a_reply_has_no_category_or_place(understanding: Understanding) -> None:
    explanation = understanding.explain("收到，明天上午派人去换", role=Role.LIAISON)
    assert explanation.intent.value == "ack"
    assert explanation.category is None and explanation.place is None


def test_the_rules_alone_and_the_model_alone_can_be_asked_for() -> None:
    text = "晚上回来那一截一点光都没有，只能摸黑走"
    rules = Understanding(load_categories(), blend=RULES_ALONE).read(text)
    model = Understanding(load_categories(), blend=MODEL_ALONE).read(text)
    assert model.category == "streetlight"
    assert rules.category != "streetlight"  # no keyword of the category in it


def test_the_shipped_model_is_in_the_package_and_loads_without_a_network() -> None:
    assert MODEL_PATH.is_file()
    model = LinearModel.load(MODEL_PATH)
    configured = {entry.key for entry in load_categories()}
    assert set(model.category_labels) <= configured
    assert set(model.act_labels) == {"report", "ack", "done", "confirm", "reopen", "yes", "none"}
