"""The kinds of message the keyword rules got wrong on fresh sets, one test per kind, written as
a person would send them (none of these sentences is in the corpus the model learnt from)."""

from __future__ import annotations

import pytest

from tests.unit.test_understanding import load_categories
from tickets.roles import Role
from tickets.understanding import Intent, Understanding


@pytest.fixture(scope="module")
def understanding() -> Understanding:
    return Understanding(load_categories())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("晚上回来那一截一点光都没有，只能摸黑走", "streetlight"),
        ("一下大雨门口的水就没过脚脖子，好几天都退不下去", "drainage"),
        ("楼下那家店天天晚上十二点还在放歌，孩子睡不了觉", "noise"),
        ("对面烤肉的炭火一烧，我们屋里全是烟味", "cooking_fumes"),
        ("路上那个圆铁盖子少了一半，车轮子差点卡进去", "manhole"),
    ],
)
def test_a_report_that_only_describes_the_situation(
    understanding: Understanding, text: str, expected: str
) -> None:
    reading = understanding.read(text)
    assert (reading.intent, reading.category) == (Intent.REPORT, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("我在公交站等车，看到旁边的消防栓一直往外喷水", "water_supply"),
        ("路灯底下那块人行道砖碎了，老人差点绊倒", "road_damage"),
        ("垃圾桶边上那棵树被风刮断了，横在路上", "greenery"),
    ],
)
def test_what_is_broken_decides_not_every_thing_mentioned(
    understanding: Understanding, text: str, expected: str
) -> None:
    reading = understanding.read(text)
    assert (reading.intent, reading.category) == (Intent.REPORT, expected)


def test_a_contrast_reports_the_broken_thing_not_the_fixed_one(
    understanding: Understanding,
) -> None:
    reading = understanding.read("路灯倒是修好了，可是门口的井盖还是松的，车一过就响")
    assert (reading.intent, reading.category) == (Intent.REPORT, "manhole")


def test_the_same_thing_fixed_and_broken_again_is_a_reopen(understanding: Understanding) -> None:
    assert understanding.read("修好了，可是第二天又坏了").intent is Intent.REOPEN


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the street lamp outside the bakery has been dark all week", "streetlight"),
        ("someone left a pile of rubbish next to the bus stop", "garbage"),
        ("the traffic light at the crossroads is not working", "traffic_facility"),
    ],
)
def test_english_reports(understanding: Understanding, text: str, expected: str) -> None:
    reading = understanding.read(text)
    assert (reading.intent, reading.category) == (Intent.REPORT, expected)


@pytest.mark.parametrize(
    ("text", "role", "expected"),
    [
        ("will send someone tomorrow morning", Role.LIAISON, Intent.ACK),
        ("fixed it this afternoon, please check", Role.LIAISON, Intent.RESOLVED),
        ("still not working, nobody came", Role.PUBLIC, Intent.REOPEN),
    ],
)
def test_english_replies(
    understanding: Understanding, text: str, role: Role, expected: Intent
) -> None:
    assert understanding.read(text, role=role, replying_to_ticket=True).intent is expected


@pytest.mark.parametrize(
    "text",
    ["下周二施工队进场，先拉警戒线", "这个要等材料，周五前换上", "明早八点前安排车过去拉走"],
)
def test_a_liaison_answering_with_a_plan_or_a_time_acknowledges(
    understanding: Understanding, text: str
) -> None:
    reading = understanding.read(text, role=Role.LIAISON, replying_to_ticket=True)
    assert reading.intent is Intent.ACK


@pytest.mark.parametrize("text", ["坑已经填平了", "现场已经清空，拍照了", "车主已经把车开走了"])
def test_a_resolution_said_as_its_result(understanding: Understanding, text: str) -> None:
    reading = understanding.read(text, role=Role.LIAISON, replying_to_ticket=True)
    assert reading.intent is Intent.RESOLVED


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("昨晚下楼看了，亮堂堂的，谢谢你们", Intent.CONFIRM),
        ("车已经不在了，谢谢", Intent.CONFIRM),
        ("去看了一眼，跟没修一样", Intent.REOPEN),
        ("味道还在，一点没变", Intent.REOPEN),
    ],
)
def test_the_reporter_confirms_or_reopens_in_their_own_words(
    understanding: Understanding, text: str, expected: Intent
) -> None:
    assert understanding.read(text, replying_to_ticket=True).intent is expected


@pytest.mark.parametrize(
    "text",
    [
        "我这记性跟没盖的井一样，啥都往下掉哈哈",
        "小时候在这条街上追着洒水车跑，一晃三十年了",
        "笑死，我家猫把垃圾桶当床睡😂",
        "我家冰箱坏了，谁认识修冰箱的师傅",
        "新到一批秋装，全场八折，欢迎来看",
        "请问社区医院周末开门吗",
    ],
)
def test_jokes_stories_and_chatter_are_not_reports(understanding: Understanding, text: str) -> None:
    assert understanding.read(text).intent is not Intent.REPORT
