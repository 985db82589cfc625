"""Places the way people name them in a street group, each with the words a person would copy.

Names are built from syllables, never taken from a list of real places, so the place extractor
cannot learn them by heart: it has to know the shapes (road + number, junction, shop + side, gate,
floor and unit, bridge, underpass, stretch of road, English phrases).

Labelling conventions (the same as the development set): a side word after a house number is the
same place ("胜利路8号门口" → "胜利路8号"); sides after a landmark or shop are kept ("银行门口");
上/里/头 are never part of a place ("建设路上" → "建设路", "金水桥头" → "金水桥").
"""

from __future__ import annotations

import random
from dataclasses import dataclass


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# fmt: off
ROAD_NAMES = _words(
    "胜利 建设 解放 人民 中山 和平 幸福 光明 文化 新华 朝阳 东风 青年 红旗 长江 黄河 金水 滨河 "
    "迎宾 工农 育才 富民 振兴 兴华 桃源 翠竹 梧桐 凤凰 玉带 锦绣 民主 团结 五一 八一 健康 东湖 "
    "西湖 南湖 北环 南环 经三 纬五 纬二 经七 农业 丰产 商都 嵩山 伏牛 桐柏 淮河 汉江 岷山 天山 "
    "昆仑 泰山 华山 庐山 黄山 衡山 龙江 松花江 珠江 湘江 漓江 清江 紫荆 丁香 海棠 玉兰 银杏 "
    "白杨 青松 翠柏 长春 永安 永康 太平 安宁 康宁 宁安 吉祥 如意 鸿福 瑞祥 德胜 广安 广福 福寿"
)
ROAD_SUFFIXES = ("路", "路", "路", "路", "街", "街", "大道", "大街", "巷", "北路", "南路",
                 "东路", "中路")
PLACE_NAMES = _words(
    "阳光 幸福 金色 翠苑 锦华 恒大 万科 碧桂 绿城 华府 名门 盛世 龙湖 东方 紫金 金桥 银河 新城 "
    "书香 学府 怡景 丽景 滨江 江南 水岸 馨园 康乐 安居 和谐 美好 春天 桂花 百合 秋实 丰收 园丁 "
    "红星 向阳 朝晖 曙光 红光 电厂 纺织 机械 铁路 邮电 粮食 供销 汽配 建材 农科 林业 水利 卫校"
)
SHOP_OWNERS = _words(
    "老王 老李 小张 刘姐 陈记 毛毛 阿强 大华 金鑫 鑫鑫 佳佳 好运 兴旺 福满 顺发 惠民 家乐 利民 "
    "美美 甜甜 老周 老赵 胖哥 二姐 三嫂 李记 张记 王记 老孙 小杨 老马 老郑 华英 红梅 秀英 建国"
)
SHOP_KINDS = _words(
    "饭店 超市 药店 面馆 烟酒 水果店 理发店 五金店 奶茶店 便利店 烧烤 火锅店 宾馆 网吧 诊所 "
    "书店 花店 干洗店 彩票站 快递站 早餐店 包子铺 修车铺 手机店 眼镜店 母婴店 服装店 鞋店 "
    "粮油店 蛋糕店 牛肉面 米线店 烤鸭店 茶叶店 文具店 药房 酒店 洗车行 打印店"
)
BRANDS = _words(
    "肯德基 麦当劳 星巴克 瑞幸 蜜雪冰城 华联超市 永辉超市 工商银行 建设银行 农业银行 中国银行 "
    "邮政储蓄 中国移动 联通营业厅 如家酒店 汉庭酒店 大润发 沃尔玛 苏宁 国美 KFC 7-11"
)
LANDMARKS = _words(
    "小区 花园 公园 广场 菜市场 农贸市场 中学 小学 幼儿园 医院 社区医院 卫生院 体育馆 图书馆 "
    "商场 市场 家园 新村 公寓 大厦 写字楼 工业园"
)
SIDES = ("门口", "门口", "旁边", "对面", "后门", "附近", "斜对面", "门前", "拐角", "周边",
         "西侧", "东边")
GATES = ("东门", "西门", "南门", "北门", "东门口", "北门口", "南大门", "正门", "侧门",
         "2号门", "3号门", "1号门", "后门")
ROAD_SIDES = ("东侧", "西侧", "南侧", "北侧", "北段", "南段", "中段", "东段", "西段", "口",
              "路口")
EN_ROAD = _words(
    "Shengli Jianshe Jiefang Renmin Zhongshan Heping Xingfu Guangming Wenhua Xinhua Chaoyang "
    "Dongfeng Qingnian Hongqi Changjiang Huanghe Jinshui Binhe Yingbin Gongnong"
)
EN_ROAD_KIND = ("Road", "Road", "Street", "Rd", "St", "Avenue", "Lane")
EN_SHOPS = (
    "bakery", "pharmacy", "bank", "supermarket", "noodle shop", "hotpot place", "school gate",
    "hospital", "post office", "bus stop", "subway entrance", "market", "gym", "kindergarten",
    "barber shop", "tea shop", "hotel", "KFC", "McDonald's", "Starbucks", "petrol station",
    "phone shop", "corner shop", "fruit shop", "police station", "library",
)
# fmt: on
_DIGITS = "一二三四五六七八九"


@dataclass(frozen=True, slots=True)
class Place:
    surface: str  # as written in the message
    label: str  # what a person would copy into the ticket
    english: bool = False


def _road(rng: random.Random) -> str:
    return rng.choice(ROAD_NAMES) + rng.choice(ROAD_SUFFIXES)


def _number(rng: random.Random) -> str:
    if rng.random() < 0.15:
        return f"{rng.randint(1, 40)}-{rng.randint(1, 9)}号"
    if rng.random() < 0.1:
        return rng.choice(_DIGITS) + "号"
    return f"{rng.randint(1, 288)}号"


def shop(rng: random.Random) -> str:
    if rng.random() < 0.3:
        return rng.choice(BRANDS)
    return rng.choice(SHOP_OWNERS) + rng.choice(SHOP_KINDS)


def landmark(rng: random.Random) -> str:
    kind = rng.choice(LANDMARKS)
    if kind in ("广场", "菜市场", "农贸市场", "公园") and rng.random() < 0.3:
        return rng.choice(PLACE_NAMES) + kind if rng.random() < 0.5 else "人民" + kind
    return rng.choice(PLACE_NAMES) + kind


def _chinese(rng: random.Random) -> Place:
    shape = rng.randrange(17)
    if shape == 0:
        road = _road(rng)
        on = rng.choice(("", "", "上", "这边", "那边"))
        return Place(road + on, road)
    if shape == 1:
        place = _road(rng) + _number(rng)
        side = rng.choice(("", "", "门口", "门前", "旁边", "对面"))
        return Place(place + side, place + side if side in ("旁边", "对面") else place)
    if shape == 2:
        one, two = _road(rng), _road(rng)
        if one == two:
            two = rng.choice(ROAD_NAMES) + "街"
        joiner = rng.choice(("与", "和", "与", "跟"))
        end = rng.choice(("交叉口", "路口", "十字路口", "口", "交汇处"))
        if end in ("路口", "口") and two.endswith("路"):
            place = one + joiner + two[:-1] + "路口" if end == "路口" else one + joiner + two + "口"
        else:
            place = one + joiner + two + end
        return Place(place, place)
    if shape == 3:
        place = _road(rng) + rng.choice(ROAD_SIDES)
        return Place(place, place)
    if shape in (4, 5):
        place = shop(rng) + rng.choice(SIDES)
        return Place(place, place)
    if shape == 6:
        place = shop(rng)
        return Place(place + rng.choice(("", "里", "那边")), place)
    if shape == 7:
        place = landmark(rng) + rng.choice(GATES)
        return Place(place, place)
    if shape == 8:
        place = landmark(rng)
        extra = rng.choice(("", "", "门口", "附近", "周边", "旁边"))
        on = rng.choice(("", "里", "上")) if not extra else ""
        return Place(place + extra + on, place + extra)
    if shape == 9:
        name = rng.choice(PLACE_NAMES) + rng.choice(("小区", "花园", "家园", "新村", "公寓"))
        block = rng.choice(
            (f"{rng.randint(1, 30)}号楼", f"{rng.randint(1, 30)}栋", f"{rng.randint(1, 12)}幢")
        )
        unit = rng.choice(("", "", f"{rng.randint(1, 6)}单元", "楼下", "门口", "旁边"))
        if rng.random() < 0.25:
            return Place(block + unit, block + unit)
        return Place(name + block + unit, name + block + unit)
    if shape == 10:
        name = rng.choice(PLACE_NAMES) + rng.choice(("商场", "大厦", "广场", "购物中心", "写字楼"))
        floor = rng.choice(
            (
                f"{rng.randint(1, 6)}楼",
                f"{rng.choice('ABCD')}座",
                f"负{rng.randint(1, 2)}楼",
                f"{rng.randint(1, 5)}层",
                "地下车库",
            )
        )
        return Place(name + floor, name + floor)
    if shape == 11:
        bridge = rng.choice(ROAD_NAMES) + rng.choice(("桥", "大桥", "桥", "立交桥", "人行天桥"))
        under = rng.choice(("下", "底下", "下面", "上", "头", "洞"))
        if under in ("上", "头"):
            return Place(bridge + under, bridge)
        return Place(bridge + under, bridge + under)
    if shape == 12:
        under = rng.choice(("地下通道", "地道", "下穿隧道", "地下通道口", "人行地道"))
        place = rng.choice((_road(rng), landmark(rng), "火车站", "汽车站")) + under
        return Place(place, place)
    if shape == 13:
        near = rng.choice((shop(rng), landmark(rng), _road(rng) + "口"))
        road = _road(rng)
        stretch = rng.choice(("那段", "那一段", "的那段", "这段", "那截"))
        if rng.random() < 0.3:
            place = f"{road}从{shop(rng)}到{landmark(rng)}{stretch}"
            return Place(place, place)
        place = f"{road}靠近{near}{stretch}"
        return Place(place, place)
    if shape == 14:
        station = rng.choice(PLACE_NAMES) + rng.choice(("地铁站", "公交站", "站"))
        exit_ = rng.choice(
            (
                f"{rng.choice('ABCD')}口",
                f"{rng.randint(1, 4)}号口",
                f"{rng.choice('ABCD')}出口",
                "",
                "旁边",
            )
        )
        return Place(station + exit_, station + exit_)
    if shape == 15:
        place = _road(rng) + rng.choice(("公交站", "菜市场", "小学", "加油站", "派出所"))
        return Place(place, place)
    place = _road(rng) + rng.choice(("附近", "旁边", "一带"))
    return Place(place, place)


def _english(rng: random.Random) -> Place:
    shape = rng.randrange(6)
    road = f"{rng.choice(EN_ROAD)} {rng.choice(EN_ROAD_KIND)}"
    if shape == 0:
        prep = rng.choice(
            (
                "near the",
                "outside the",
                "in front of the",
                "opposite the",
                "behind the",
                "next to the",
            )
        )
        phrase = f"{prep} {rng.choice(EN_SHOPS)}"
        return Place(phrase, phrase, english=True)
    if shape == 1:
        number = rng.choice((f"no. {rng.randint(1, 99)}", f"number {rng.randint(1, 99)}"))
        phrase = f"outside {number}"
        return Place(phrase, phrase, english=True)
    if shape == 2:
        return Place(f"on {road}", road, english=True)
    if shape == 3:
        other = f"{rng.choice(EN_ROAD)} {rng.choice(EN_ROAD_KIND)}"
        phrase = f"the corner of {road} and {other}"
        return Place(f"at {phrase}", phrase, english=True)
    if shape == 4:
        phrase = f"{rng.randint(1, 200)} {road}"
        return Place(f"at {phrase}", phrase, english=True)
    bridge = f"{rng.choice(EN_ROAD)} Bridge"
    phrase = rng.choice((f"under {bridge}", f"{road} underpass"))
    return Place(phrase, phrase, english=True)


def place(rng: random.Random, *, english: bool = False) -> Place:
    return _english(rng) if english else _chinese(rng)
