"""Places after the words people write before them: the time, the weather, what they were doing
and who told them are not part of the place. Names are invented, so only the shape can find them."""

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
        ("早高峰时候槐荫路的红绿灯又不亮了", "槐荫路"),  # a time of day
        ("半夜两点多雁栖街19号门口有人倒垃圾", "雁栖街19号"),  # a clock time
        ("上周开始芳草苑北门的路灯就不亮了", "芳草苑北门"),  # since when
        ("一下雨青檀桥下面就积水", "青檀桥下面"),  # the weather
        ("昨晚下班回家柳溪路公交站的站牌倒了", "柳溪路公交站"),  # what the writer was doing
        ("早上送孩子上学看见栖霞小学门口井盖没了", "栖霞小学门口"),
        ("听邻居讲晓月药房门口天天乱停车", "晓月药房门口"),  # who told them
        ("环卫工人说兰亭路68号后面的垃圾桶烧坏了", "兰亭路68号后面"),
        ("前面杏林路的井盖翘起来了", "杏林路"),  # the writer's own "in front"
        ("渣土车天天开进桂园路，泥巴撒了一地", "桂园路"),  # a verb and its direction
        ("臭味飘满松涛街，好几天了", "松涛街"),
    ],
)
def test_lead_ins_are_not_part_of_the_place(
    understanding: Understanding, text: str, expected: str
) -> None:
    reading = understanding.read(text)
    assert reading.intent is Intent.REPORT
    assert reading.location == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("铁路涵洞积水半米深，车过不去", "铁路涵洞"),  # a culvert under the railway
        ("翠屏路涵洞下雨又淹了", "翠屏路涵洞"),
        ("市二中站台的广告灯箱坏了", "市二中站台"),  # a bus platform
        ("长途汽车站出站口全是黑车拉客", "长途汽车站出站口"),  # an exit of a station
        ("人民路邮政局旁边的人行道塌了一块", "人民路邮政局旁边"),  # a road, then an office on it
        ("第三人民医院急诊门口乱停车", "第三人民医院急诊门口"),  # a part of a hospital
        ("阳光100小区3号楼下的垃圾没人清", "阳光100小区3号楼下"),  # a name with a number
        ("梧桐大道88号院门口垃圾堆着", "梧桐大道88号院"),  # a compound's number: 门口 adds nothing
        ("西站地下通道里面积水很深", "西站地下通道"),  # 里面 is 里: inside, left out
        ("清溪路那一段全是坑", "清溪路那一段"),  # a stretch of the road
        ("锦绣路与枫桥街交叉口往北50米有个大坑", "锦绣路与枫桥街交叉口往北50米"),  # a distance
        ("银杏小区北门对面有人占道摆摊", "银杏小区北门对面"),  # a side of a side
        # the head of a bridge is where on the bridge: writers keep 桥头 7 times in 8
        ("长江大桥桥头的护栏断了", "长江大桥桥头"),
        ("翠湖城三期8栋门口垃圾没人收", "翠湖城三期8栋门口"),  # a phase of an estate
        ("张家村村口的路灯不亮", "张家村村口"),  # a village's entrance
        ("城南街道办事处门口天天乱停车", "城南街道办事处门口"),  # an office
        ("地铁3号线文化路站B出口共享单车堆成山", "地铁3号线文化路站B出口"),  # a metro exit
        ("锦绣花园5号楼1单元302漏水漏到楼下了", "锦绣花园5号楼1单元302"),  # a flat
        ("松柏路中间有个大坑", "松柏路中间"),  # the middle of a road
    ],
)
def test_more_place_shapes(understanding: Understanding, text: str, expected: str) -> None:
    reading = understanding.read(text)
    assert reading.intent is Intent.REPORT
    assert reading.location == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("bins overflowing at Xingfu Rd No. 8", "Xingfu Rd No. 8"),  # a Chinese address order
        ("water leaking outside No. 15 Chaoyang Road", "outside No. 15 Chaoyang Road"),
        ("the lamp at Lotus Park north gate is broken", "Lotus Park north gate"),  # a gate
        ("rubbish everywhere at the east gate of Maple Garden", "the east gate of Maple Garden"),
        ("the toilet at Pine Square is blocked", "Pine Square"),  # a named place
        (
            "water leaking in Building 3, Unit 2 of Maple Garden",
            "Building 3, Unit 2 of Maple Garden",
        ),
        ("street light out on Lane 5, Lotus Road", "Lane 5, Lotus Road"),  # a lane off a road
    ],
)
def test_english_addresses(understanding: Understanding, text: str, expected: str) -> None:
    reading = understanding.read(text)
    assert reading.intent is Intent.REPORT
    assert reading.location == expected
