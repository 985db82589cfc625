"""Places by their shape: what a person would copy into the ticket, however the place is named.
Names here are invented, so only the shape can find them."""

from __future__ import annotations

import pytest

from tests.unit.test_understanding import load_categories
from tickets.understanding import Intent, Understanding


@pytest.fixture(scope="module")
def understanding() -> Understanding:
    return Understanding(load_categories())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("桂香路17号门口井盖没了", "桂香路17号"),  # road and number: 门口 is the same place
        ("荷塘街与双桥路交叉口红绿灯不亮", "荷塘街与双桥路交叉口"),  # a crossing
        ("老陈牛肉面馆门口天天有车乱停", "老陈牛肉面馆门口"),  # a shop and its door
        ("明珠小区5号楼2单元门口垃圾没人收", "明珠小区5号楼2单元门口"),  # block and unit
        ("银座商场3楼的厕所堵了", "银座商场3楼"),  # a floor
        ("百花公园南门路灯坏了", "百花公园南门"),  # a gate
        ("映月桥下面堆了好多垃圾", "映月桥下面"),  # under a bridge
        ("映月桥上的护栏被撞歪了", "映月桥"),  # on the bridge is the bridge
        ("东关路地下通道积水很深", "东关路地下通道"),  # an underpass
        ("凤栖路靠近实验中学那段路灯全不亮", "凤栖路靠近实验中学那段"),  # a stretch
        ("双溪路金百合超市门口的垃圾桶坏了", "双溪路金百合超市门口"),  # a road, a shop on it
        ("垃圾两天没人收了，位置在凤栖路28号", "凤栖路28号"),  # the place pointed at
        ("38号门口的路灯坏了", "38号"),  # a house number alone, in the road's own group
        ("老孙家门口的井盖丢了", "老孙家门口"),  # someone's door, by name
        ("汽车站地道积水很深，过不去", "汽车站地道"),  # 地道 after a place is an underpass
        ("荷塘街与双桥路交叉口东北角的护栏倒了", "荷塘街与双桥路交叉口东北角"),  # a corner of it
    ],
)
def test_chinese_place_shapes(understanding: Understanding, text: str, expected: str) -> None:
    reading = understanding.read(text)
    assert reading.intent is Intent.REPORT
    assert reading.location == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the street light outside the noodle shop is broken", "outside the noodle shop"),
        (
            "rubbish dumped at the corner of Lotus Road and Pine Street",
            "the corner of Lotus Road and Pine Street",
        ),
        ("a car is blocking the pavement outside no. 23", "outside no. 23"),
        ("pothole on Meadow Road, my bike tyre burst", "Meadow Road"),
        ("the drain under Willow Bridge is blocked", "under Willow Bridge"),
        ("bins overflowing outside Building 3", "outside Building 3"),
        ("rubbish dumped at the bus stop since monday", "the bus stop"),
    ],
)
def test_english_place_shapes(understanding: Understanding, text: str, expected: str) -> None:
    reading = understanding.read(text)
    assert reading.intent is Intent.REPORT
    assert reading.location == expected


@pytest.mark.parametrize(
    "text",
    [
        # a thing on the street is a landmark of the problem, not an address
        "垃圾桶旁边的井盖翘起来了",
        "水果店把摊子摆到马路上了",  # a kind of shop, not a named one
        "the bin outside my shop is broken",  # "my shop" is no address the desk can find
        "我家门口的路灯坏了",  # "my door" neither
    ],
)
def test_things_and_kinds_are_not_addresses(understanding: Understanding, text: str) -> None:
    reading = understanding.read(text)
    assert reading.intent is Intent.REPORT
    assert reading.location is None
