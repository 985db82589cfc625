"""Find the place words of a report: the part a person would copy into the ticket.

Chinese addresses are built from a few parts, so the patterns are too:

- a road: a name of two to six characters and 路/街/巷/大道…, then a house number
  ("平涉路35号"), a landmark on it ("解放路公交站") or a side ("建设路中段", "南纬路口");
- a crossing: two roads joined by 与/和 ("胜利路与建设路口");
- a landmark: 广场, 菜市场, 公交站, 小区, 学校… (alone) or 公园, 桥, 花园, 大厦… (after a name),
  then perhaps a part of it ("商铺") and a side ("北门", "附近", "旁边");
- a named shop: "平安银行", "红星饭店", or any name followed by a side ("毛毛烟酒门口").

What is not a place, however it looks: bare 路口/门口/隔壁/楼下/路边, words that end like a
road but are not one (人行道, 下水道, 马路, 知道, 整条街), times (雨后, 晚上). Those are masked
before matching (not_places.py). After a house number, 门口 adds nothing (胜利路8号门口 →
胜利路8号); words such as 上/里 ("建设路上", "广场上") are never part of the place. Messages
without Chinese place words are read for English ones (location_en.py), and English words
around a Chinese place join it (location_mixed.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from tickets.understanding.location_en import find_english_location
from tickets.understanding.location_mixed import with_english_around
from tickets.understanding.location_shops import SHOP_AFTER as _SHOP_AFTER
from tickets.understanding.location_shops import SHOP_KIND_WORD as _SHOP_KIND_WORD
from tickets.understanding.location_shops import SHOP_PATTERNS, SHOP_WITH_ITS_SIDE
from tickets.understanding.not_places import mask_not_places
from tickets.understanding.place_words import BESIDE as _BESIDE
from tickets.understanding.place_words import NAME as _NAME
from tickets.understanding.place_words import SIDE as _SIDE

# A name with 进 in it is a road's all the same (前进路, 跃进街), though 进 ends names elsewhere.
_ADVANCE = rf"(?:前进|跃进|奋进|先进|进步|{_NAME}{{1,3}}[河江海港汉渡]口)"
# A lane named …里 (桂花里, 和平里): 里 is also "inside" (公园里, 院子里, 车位里), so only a name
# of two characters that is no place or thing itself, before what follows a lane's name.
_LANE = (
    rf"{_NAME}{{2}}(?<![园区场院楼店村城站室道带子丛位车家屋边司话坑洞桶箱池井沟河湖厅棚库厕缝梯坛坪地群堂所])里"
    r"(?=[0-9]+号|小区|菜场|菜市场|公厕|夜市|巷|弄堂|地铁|社区|那边|这边|旁边|一带|那家|那户|的|,|$)"
)
_ROAD = (
    rf"(?:(?:{_NAME}{{2,6}}|{_ADVANCE})(?:大道|大街|路|街|巷|胡同|弄)|[东西南北中老新前后]街"
    rf"|{_LANE})"
)
# A house number on a road; "12号楼下" there is downstairs at No. 12 (in a 小区, 3号楼 is a block).
_NUMERAL = r"[0-9一二三四五六七八九十百零〇两]+"
# 胜利街88号至96号 is a run of numbers: one place
_NUMBER = rf"{_NUMERAL}(?:-[0-9]+)?号(?:(?:至|到|~|-){_NUMERAL}号(?:之间)?)?院?"
# Landmarks that name a place on their own ("广场上垃圾桶太少了").
_LANDMARK_ALONE = (
    "湿地公园|公园|广场|菜市场|农贸市场|市场|公交站|公交车站|地铁站|地铁口|火车站|汽车站|高铁站|车站|"
    "小区|社区|学校|小学|中学|幼儿园|医院|卫生院|停车场|商场|体育馆|图书馆|夜市|服务区|加油站|"
    "派出所|购物中心|写字楼|居委会|批发市场|步行街|美食街|商业街|电影院|菜场|驿站|营业厅|售楼处|"
    "早市|游乐场|篮球场|足球场|体育场|健身广场|停车楼|收费站|充电站|养老院|敬老院|托儿所|街道办|村委会|"
    "邮局|大学|学院|菜鸟驿站|快递站|工业园|科技园|物流园|码头|滨河公园|游园|小游园|公交站台|"
    "街道办事处|社区服务中心|服务中心|公交站亭|候车亭|宿舍|宿舍区|家属院|家属楼|"
    "客运站|长途汽车站|邮政局|街心花园|街心公园|公交总站|公交枢纽|过街天桥|保健院|福利院|法院|研究院"
)
# Landmarks that need a name before them ("幸福桥", never the "桥" of "桥墩").
_LANDMARK_NAMED = (
    "立交桥|人行天桥|天桥|大桥|桥|站|村|苑|园|城|庙|寺|(?<![作街])坊|工业园区|科技园区|开发区|新区|步道|中心|大厦|花园|公寓|新村|家园|大楼|写字楼|工业园|"
    "产业园|景区|广场|办公楼|名都|湾|华府|公馆|华庭|雅苑|豪庭|嘉园|山庄|名居|花苑|综合楼|教学楼|宿舍楼|门诊楼|住院楼|河|湖|渠|站台|文化宫|剧院|"
    "影院|体育中心|会展中心|管委会|局|办事处"
)
# Parts of a place: a block, a unit, a floor, a wing, a gate, an exit.
# 3号楼2单元501; 3号楼下 (below a block is where it is, but 楼下水道 is a drain)
_BLOCK = r"[0-9]+(?:号楼(?:下(?![水雨]))?|栋|幢|号院)(?:[0-9]+单元)?(?:[0-9]{3,4}室?)?"
_PART_OF_PLACE = (
    rf"(?:商铺|商户|门面|出入口|[东西南北]区|[a-z0-9]区|{_BLOCK}|[0-9]+单元|[0-9a-z]+号门|[a-z]座|"
    r"负?[0-9一二三四五六七八九十]+[楼层]|地下车库|地下室|停车场|急诊(?:楼|部|科)?|门诊(?:楼|部)?|"
    r"住院部|[东西南北]?广场)"
)
_ROAD_SIDE = rf"(?:{_SIDE}|口|交叉口|路口)"
# The hand one turns to after a gate or an exit (南门进去左手边, 出站口右手边), and outside a place.
_HAND = r"(?:进去|进来|进门)?[左右]手边"
_OUTSIDE = r"外面|外头|外边"
# 门 never starts a name (it ends 门口), except in names such as 东门菜市场.
_GATE_NAME = r"(?:[东西南北]门)?"
# Longest first: an alternation takes the first word that fits (站 would cut 站台 short).
_LANDMARK_ALONE = "|".join(sorted(set(_LANDMARK_ALONE.split("|")), key=len, reverse=True))
_LANDMARK_NAMED = "|".join(sorted(set(_LANDMARK_NAMED.split("|")), key=len, reverse=True))
_LANDMARK = (
    # a name with a number in it: 阳光100小区, 万科城2期 (a single digit is a block: 3号楼)
    rf"(?:{_NAME}{{2,4}}[0-9]{{2,4}}(?:{_LANDMARK_ALONE}|{_LANDMARK_NAMED})"
    rf"|{_GATE_NAME}{_NAME}{{0,5}}(?:{_LANDMARK_ALONE})"
    rf"|{_GATE_NAME}{_NAME}{{1,5}}(?:{_LANDMARK_NAMED}))"
)

_UNDER = r"(?:地下通道口?|人行地道|地道口?|下穿隧道|下穿通道|隧道口?|涵洞|桥洞)"
# Roads without a name of their own that an underpass or a bridge goes under: 铁路涵洞, 高速桥下.
_UNNAMED_ROAD = r"(?:铁路桥|铁路|高速公路|高速|国道|省道|高架桥|高架)"
_BRIDGE_UNDER = r"(?:下面|底下|下边|下|洞)"
# A stretch of road between or near two things: any words but a clause break.
_ANY = r"[^,，。！？!?；;\s]"

_ANY_NAME_WITH_SIDE = re.compile(rf"{_NAME}{{2,6}}(?<![车桶箱灯盖杆牌树堆队摊栏线网道子]){_SIDE}")
_LATIN_NAME_WITH_SIDE = re.compile(rf"[a-z0-9][a-z0-9-]{{1,10}}{_SIDE}")
_NUMBER_PATTERN = re.compile(rf"{_ROAD}{_NUMBER}(?:{_SIDE})?")
_BARE_NUMBER_PATTERN = re.compile(
    rf"(?<![0-9a-z号])[0-9]+号(?![0-9楼线院栋]|门(?!口|前))(?:{_SIDE})?"
)

_PATTERNS = (
    # 建设路靠近二中那段, 胜利路从邮局到银行那一段
    re.compile(
        rf"{_ROAD}(?:靠近|临近|挨着|近){_ANY}{{1,10}}?的?(?:那一段|那段|这一段|这段|那截|一段)"
    ),
    re.compile(
        rf"{_ROAD}从{_ANY}{{1,10}}?到{_ANY}{{1,10}}?的?(?:那一段|那段|这一段|这段|那截|一段)"
    ),
    # 2路公交总站: a bus route's stop
    re.compile(rf"[0-9]+路(?:公交)?(?:总站|车站|站台|站)(?:{_SIDE})?"),
    # 地铁2号线青年路站C出口
    re.compile(rf"(?:地铁)?[0-9]+号线(?:{_ROAD}|{_NAME}{{2,6}})站(?:{_SIDE})?"),
    # 地铁人民广场站出口
    re.compile(rf"地铁(?:{_ROAD}|{_NAME}{{2,6}})站(?:{_SIDE})?"),
    # 长乐路站B口: a metro station by its road and its exit, without the line
    re.compile(rf"(?:{_ROAD}|{_NAME}{{2,6}})站(?:[a-z0-9]+号?口|[a-z]?出口)"),
    # 人民路地下通道, 火车站地道
    re.compile(rf"(?:{_ROAD}|{_LANDMARK}|{_UNNAMED_ROAD})(?:过街)?{_UNDER}"),
    # 幸福桥下面, 金水大桥洞 (on the bridge, 桥上/桥头, is the bridge itself)
    re.compile(
        rf"(?:{_NAME}{{1,5}}|{_ROAD}|{_UNNAMED_ROAD})(?:立交桥|高架桥|人行天桥|天桥|大桥|桥){_BRIDGE_UNDER}"
    ),
    # 胜利路与建设路口, 东风路和解放路交叉口
    re.compile(
        rf"{_ROAD}(?:与|和|跟|、|/){_ROAD}(?:交叉口|交汇处|交界处|交界|交口|十字路口|丁字路口|路口|口)?"
    ),
    # 平涉路35号 (the 门口 after a number is the same place)
    _NUMBER_PATTERN,
    # 解放路公交站旁边, 南纬路口, 建设路
    re.compile(rf"{_ROAD}(?:{_LANDMARK}{_PART_OF_PLACE}?)?{_ROAD_SIDE}?"),
    # 新王舍湿地公园商铺旁, 学校附近, 公交站
    re.compile(rf"{_LANDMARK}{_PART_OF_PLACE}?{_SIDE}?"),
    # 平安银行门口, 红星饭店, 李记牛肉面, 老周鞋店, 水果店门口
    *SHOP_PATTERNS,
    # 毛毛烟酒门口: any name of a shop, known by the side that follows it (but a thing on the
    # street is not a shop: 垃圾桶旁边, 僵尸车对面 are landmarks of the problem, not addresses)
    _ANY_NAME_WITH_SIDE,
    # 地铁2号线出口, 地铁5号线工地: a metro line's exit or works, its station unnamed
    re.compile(r"地铁[0-9]+号线(?:工地|施工点|出口|[a-z0-9]+号?口)|[0-9]+号线地铁(?:站|口)"),
    # 东门外面, 北门对面: a gate by its side is a place in a road's or an estate's own group
    # (a bare 门口 is not: it says no which)
    re.compile(rf"(?<![\u4e00-\u9fff])[东西南北]大?门(?:外面|外头|外边|外|{_SIDE})?"),
    # 2单元楼道: in an estate's group a unit is the place
    re.compile(r"(?<![0-9号栋幢楼])[0-9一二三四五六七八九十]+单元"),
    # 3号楼下, 8栋2单元门口: in a 小区's group the block is the place
    re.compile(rf"{_BLOCK}(?:{_SIDE})?"),
    # 和平里7号楼2单元: a block in a lane named …里
    re.compile(rf"{_LANE}{_BLOCK}(?:{_SIDE})?"),
    # 38号门口: in a road's own group a house number alone is the address (not 3号线, 5号楼)
    _BARE_NUMBER_PATTERN,
    # KFC门口, 7-11旁边
    _LATIN_NAME_WITH_SIDE,
    # 二中门口, 十一中后门: a school by its number, on a road too (长乐路二中门口)
    re.compile(
        rf"市?(?<![一二三四五六七八九十])[一二三四五六七八九十]{{1,3}}[中小](?![午间心学时])(?:{_SIDE})?"
    ),
)
# A site at a clause's start, by a compass side or by a name of its own (北边工地, 万达工地):
# matched in the writer's text, where 工地 alone is masked as no place (隔壁工地 stays none).
_SITE_AT_START = re.compile(
    rf"(?<![\u4e00-\u9fff])(?:[东西南北]边|(?!隔壁|那边|这边|旁边|对面|前面|后面)(?P<name>{_NAME}{{2,4}}))工地"
)
# A floor, after a house number (人民路88号二楼, 金马大厦B座负一楼).
_FLOOR = re.compile(r"负?(?:[0-9]+|[一二三四五六七八九十]+)[楼层](?![0-9下上])")
# Patterns whose match starts with a road and may run on into a stretch, an underpass or a bridge:
# among matches starting at the same place, the longest wins anyway.
_SAME_PLACE_AFTER_NUMBER = re.compile(r"(?:门口|大门口|门前|楼下)$")
# A side right after a place belongs to it ("胜利路与建设路交叉口东北角"); after a house number
# it does not (胜利路8号门口 is 胜利路8号).
_SIDE_ALONE = re.compile(
    rf"{_SIDE}|{_HAND}|十字路口|丁字路口|路口|路边|{_OUTSIDE}|下面|底下|下边|后头|后边|中间|隔壁|[0-9一二三四五六七八九十]+[楼层]|地下室|地下车库|停车场"
    # between two blocks or numbers (7号楼和8号楼中间, 23号至31号之间)
    rf"|(?:和|与|跟)(?:{_BLOCK}|[0-9]+号)(?:中间|之间)|(?<=号)之间"
    # a village's group (柳树湾村二组)
    r"|(?<=村)[0-9一二三四五六七八九十]+组"
    # a phase of an estate (万科城二期)
    r"|[0-9一二三四五六七八九十]+期"
    # 人民医院路段, 急诊楼前, 加油站往东那段
    r"|(?<=路)段|(?<=楼)后(?![面边头])|(?:往|向)[东西南北]{1,2}(?:那一段|那段|一段)"
    # outside it, in front of it (候船厅外, 公交站台前: writers keep them 29 and 10 times in 31
    # and 10), a road's bridgehead (长江路桥头)
    r"|外(?![卖地国面头边墙围])|前(?![面边头天年几段些阵两])|桥头|(?<=桥)[头边]"
    # the mouth of a gate, a station, a passage or a lift (2号门口, 地铁站口, 消防通道口: kept 7
    # times in 7), and beside a place that is not a road (操场边, 站台边, 绿化带边: 9 to 1; 路边
    # after a road the writers split)
    rf"|(?<=[门站梯道])口|(?<![路街]){_BESIDE}"
    # the stretch of it (清风路那一段, but 中山路那段路 is just 中山路) and a distance from it
    # (交叉口往北50米)
    r"|(?:那一段|那段|这一段|这段|那截)(?!路(?![灯面]))"
    r"|(?:往|向|朝)?[东西南北]{1,2}(?:方向)?(?:约|大约)?[0-9一二三四五六七八九十百几]+(?:米|公里)处?"
)
# Parts of a building, a bridge or a stop that people name as the place itself, after its name,
# a number or a side: 88号楼顶, 解放桥桥墩, 3号楼2单元楼道, 幸福小区北边工地.
_PARTS_NAMED = (
    "楼道口|楼道|楼顶|顶楼|楼梯间|楼梯口|楼梯|大院|院子|外墙|围墙边|围墙|外围|后院|底商|单元门|"
    "站亭|候车亭|候车厅|候船厅|售票厅|站牌|(?<=站)牌|桥墩|桥面|桥底|巷子|小巷|胡同|弄堂口|"
    # a site by its kind (拆迁工地), the green strips, the back of a place (小学后墙, 菜场后巷)
    "(?:建筑|拆迁|施工|在建|改造)?工地|绿化带|隔离带|空地|后墙根|后墙|后巷|"
    # a river's bank along a road (沿江路河堤, 滨河路河堤段: kept 5 times in 5)
    "河堤段?|河道边|"
    # where refuse is put, a market's aisle, an area by what it is for (水产区, 接送区)
    "(?:公共)?垃圾点|垃圾站|垃圾房|过道|(?:水产|生鲜|熟食|蔬菜|肉类|接送|上客|候车|装卸|游乐|儿童游乐|健身)区"
)
# After a side only another side or one of those parts may follow ("北门对面", "门口外面",
# "南门外", "北边工地"), never another thing: 网吧门口打桩机边上 is a thing beside the place.
_SECOND_SIDE = re.compile(
    rf"{_HAND}|斜对面|对面|对过|旁边|附近|周边|周围|一带|{_OUTSIDE}|边上|隔壁|拐角处?|转角处?"
    rf"|外(?![卖地国])|(?<=门){_BESIDE}"
    r"|(?:往|向|朝)?[东西南北]{1,2}(?:方向)?(?:约|大约)?[0-9一二三四五六七八九十百几]+(?:米|公里)处?"
    rf"|{_PARTS_NAMED}|{_LANDMARK_ALONE}"
)
_PARTS_AFTER = re.compile(_PARTS_NAMED)
# A stretch from the place to another thing: 建设路从邮局到十字路口那段, 公交总站到农贸市场那一段.
_STRETCH_AFTER = re.compile(
    rf"(?:从{_ANY}{{1,10}}?)?(?:到|至){_ANY}{{1,10}}?的?(?:那一段|那段|这一段|这段|那截|一段)"
)
# That stretch or patch of it, after a side (学校门口那段路, 东门那片, 旁边那块空地, 对面那排门面),
# but not "that row of lamps" (那排路灯): what follows 那排/那块 is usually the broken thing.
_THAT_STRETCH = re.compile(
    r"那条小?路(?![灯面牙])|那一?(?:段|截)(?:路(?![灯面牙]))?|那一?片(?=[,\s]|$|全|都)|那一?[片块](?:空地|绿地|绿化带)|那排门面"
)
_STRETCH_END = re.compile(r"(?:段|截)$")
# A thing on the street and a side of it, right after a place, is where on that place: 太平路
# 红绿灯底下, 兴业路消防栓旁, 红光路公交站牌后面 (the writers kept such a thing 22 times and left
# it out twice; after "that one", 那个消防栓, they left it out).
_BY_A_THING = re.compile(
    r"(?:红绿灯|信号灯|消防栓|垃圾桶|垃圾箱|路灯杆|电线杆|路灯|(?<=站)牌|收费亭|岗亭|报刊亭|"
    r"喷泉|观景台|观鸟台|护栏|下水道口|路名牌|"
    rf"配电箱|电箱|快递柜|井盖|雕塑|花坛|(?:共享)?(?:单车)?停放点|(?:施工)?围挡|减速带|{_NAME}{{0,3}}树)"
    r"(?:旁边|底下|下面|下边|后面|后头|边上|旁)"
)
_ENDS_WITH_SIDE = re.compile(rf"{_SIDE}$")
# A side word that begins with the character a place name ends with: 王家村村口, 清水河河堤,
# 长江大桥桥头.
_DOUBLED = re.compile(r"村口|村头|河堤|河边|河岸|湖边|湖畔|桥桥头")
# What may follow a place and be part of it: not "any name with a side" (打桩机边上 is a thing
# beside the place, not more of it).
_CHAINED = tuple(p for p in _PATTERNS if p not in (_ANY_NAME_WITH_SIDE, _LATIN_NAME_WITH_SIDE))
# Matched in the writer's text rather than the masked one: their words (路边, 十字路口 inside a
# stretch) are "not a place" alone, but part of one after a place.
_CHAINED_IN_TEXT = (_PARTS_AFTER, _STRETCH_AFTER, _BY_A_THING, SHOP_WITH_ITS_SIDE)
_IN_TEXT = (_SIDE_ALONE, *_CHAINED_IN_TEXT)
# "位置在…", "地点：…": the writer points at the place; it wins over a landmark named earlier.
_POINTER = re.compile(r"(?:位置在|位置是|地点在|地点是|地址在|地址是|位置|地点|地址)[:：]?")

_POSSESSIVE = re.compile(
    r"(?:我们|我家|俺家|俺们|阿拉|我屋头|我屋企|咱们|咱家|我店|我们店|我哋|我)(?:这个|那个|这边|这|的|这栋|家)?$"
)
_UNNAMED = re.compile(
    rf"(?:屋里厢|屋头|屋企|栋楼|{_LANDMARK_ALONE}|单元|车库|商铺|楼)?(?:{_SIDE}|里面)?"
)
_HAS_CJK = re.compile(r"[\u4e00-\u9fff]")


def find_location(
    text: str, not_places: Iterable[tuple[int, int]] = (), display: str | None = None
) -> tuple[int, int] | None:
    """Start and end of the place words in `text` (normalised), or None.

    `not_places` are spans already read as other words (the phrase cues: "尽快处理", "有人");
    they are masked too, so "请市政所尽快处理胜利路井盖" finds "胜利路", not "尽快处理胜利路".
    Text without Chinese place words is read for English ones (location_en), in `display` (the
    writer's own characters, same positions) when given, where capitals tell names.
    """
    english = display if display is not None and len(display) == len(text) else text
    if not _HAS_CJK.search(text):
        return find_english_location(english)
    masked = mask_not_places(text)
    if not_places:
        chars = list(masked)
        for start, end in not_places:
            chars[start:end] = "," * (end - start)
        # A kind of business read as a word of complaint (烧烤) still ends a shop's name after
        # it: 一品鲜烧烤, 王记烧烤外面.
        for kind in _SHOP_KIND_WORD.finditer(text):
            named = kind.start() >= 2 and chars[kind.start() - 1] != ","
            if named and kind.span() in not_places:
                chars[kind.start() : kind.end()] = kind.group()
        masked = "".join(chars)
    pointer = _POINTER.search(masked)
    found = _first_place(masked, pointer.end(), text) if pointer is not None else None
    found = found or _first_place(masked, 0, text)
    if found is not None and _ones_own_unnamed(text, *found):
        return None
    if found is None:
        return find_english_location(english)
    return with_english_around(english, *found) if english is display else found


def _ones_own_unnamed(text: str, start: int, end: int) -> bool:
    """Whether the place is the writer's own and has no name ("我们小区门口", "阿拉屋里厢后门",
    "我们这栋楼后面", "我屋头门口"): it says which to the writer only, and the writers labelled it
    no place 17 times in 19, and the dialects' home (屋头, 屋企, 屋里厢) after 我 19 times in 19
    ("我们锦绣花园东门" has a name and stays)."""
    return (
        _POSSESSIVE.search(text, 0, start) is not None
        and _UNNAMED.fullmatch(text, start, end) is not None
    )


def _first_place(masked: str, start_at: int, text: str) -> tuple[int, int] | None:
    """The place that starts first (the longest of those), at or after `start_at`, with the
    places written right after it: a road, then a shop on it, then its door are one place
    ("建设路华联超市门口", "阳光小区3号楼2单元门口")."""
    best: tuple[int, int] | None = None
    for pattern in _PATTERNS:
        match = pattern.search(masked, start_at)
        if match is None:
            continue
        start, end = _trimmed(pattern, match)
        if best is None or start < best[0] or (start == best[0] and end > best[1]):
            best = (start, end)
    site = _SITE_AT_START.search(text, start_at) if "工地" in text else None
    if site is not None and (best is None or site.start() < best[0]) and _named(site, masked):
        best = site.span()
    if best is not None and (doubled := _DOUBLED.match(text, best[1] - 1)) is not None:
        best = (best[0], doubled.end())  # 王家村 + 村口, 清水河 + 河堤: the name's last word again
    while best is not None:
        if _ENDS_WITH_SIDE.search(masked, best[0], best[1]):
            second = (
                _SECOND_SIDE.match(text, best[1])
                or _SHOP_AFTER.match(masked, best[1])
                or _STRETCH_AFTER.match(text, best[1])
                or _THAT_STRETCH.match(text, best[1])
            )
            if second is not None:
                best = (best[0], second.end())
            break  # "网吧门口" is where it ends: what follows is another thing
        if _STRETCH_END.search(masked, best[0], best[1]):
            break  # "中山路从银行到加油站那段" is the whole place
        after_number = masked[best[1] - 1] == "号" or masked[best[0] : best[1]].endswith("号院")
        # after a house number its floor is where (人民路88号二楼: kept 4 times in 5), not its door
        chained = (*_CHAINED, _FLOOR) if after_number else (*_CHAINED, _SIDE_ALONE)
        further = max(
            (
                _trimmed(pattern, match)[1]
                for pattern in (*chained, *_CHAINED_IN_TEXT)
                # sides such as 路边 are masked as "not a place" alone; after a place they count
                if (match := pattern.match(text if pattern in _IN_TEXT else masked, best[1]))
                is not None
            ),
            default=best[1],
        )
        if further <= best[1]:
            break
        best = (best[0], further)
    return best


def _named(site: re.Match[str], masked: str) -> bool:
    """Whether a site's name, if it has one, is no masked word (可观澜湖工地, 阿拉隔壁工地)."""
    return site.group("name") is None or "," not in masked[site.start("name") : site.end("name")]


def _trimmed(pattern: re.Pattern[str], match: re.Match[str]) -> tuple[int, int]:
    start, end = match.span()
    if pattern in (_NUMBER_PATTERN, _BARE_NUMBER_PATTERN):  # a house number: drop its 门口
        side = _SAME_PLACE_AFTER_NUMBER.search(match.group())
        if side is not None:
            end -= len(side.group())
    return start, end


_SHAPES = (
    ("crossing", re.compile(rf"{_ROAD}(?:与|和|跟|、|/){_ROAD}"), 0.9),
    ("road and number", re.compile(rf"{_ROAD}{_NUMBER}"), 0.9),
    ("landmark with a side", re.compile(rf"(?:{_LANDMARK}|{_NAME}{{2,6}}).*{_SIDE}$"), 0.8),
    ("landmark", re.compile(_LANDMARK), 0.75),
    ("road", re.compile(_ROAD), 0.7),
)


def place_shape(location: str) -> tuple[str, float]:
    """The shape of a place phrase the extractor found, and how sure a place of that shape is."""
    for name, pattern, confidence in _SHAPES:
        if pattern.search(location):
            return name, confidence
    return "named place", 0.6
