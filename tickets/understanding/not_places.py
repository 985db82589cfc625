"""Words that look like part of a place but are not one, blanked before the place patterns run.

Some end like a place (人行道, 下水道, 知道 end in 道; 整条街 in 街), some sit right before a
place name and would be read as part of it (发现, 巡查, times, weather, "that shop": 那家), some
are places only after a name (十字路口, 街口, 一路). A few words contain one of those and are
places all the same (公交车站, 地下通道): they are kept as written.
"""

from __future__ import annotations

import re

from tickets.understanding.location_leads import LEAD_INS

# Words masked before matching: they end like a place but are not one, or they sit before a
# place name and would otherwise be read as part of it.
# fmt: off
_NOT_PLACES = (
    "人行道", "车行道", "非机动车道", "机动车道", "自行车道", "慢车道", "快车道", "车道", "盲道",
    "通道", "消防通道", "下水道", "街道", "公路", "小路", "大路", "小巷", "巷子",
    "路面", "路灯", "路牌", "路名牌", "半路", "通行", "出行", "修路", "进行", "执行", "运行",
    "丁字路口", "三岔路口", "知道", "难道", "味道", "报道", "管道", "水道", "走道",
    "过道", "楼道", "整条街", "满街", "沿街", "临街", "一条街",
    "晚上", "早上", "上午", "下午", "中午", "半夜", "凌晨", "今天", "昨天", "明天", "前天",
    "每天", "天天", "雨后", "以后", "之后", "然后", "刚才", "现在", "地上", "地下", "上面", "下面",
    "里面", "外面", "隔壁", "大家", "我们", "你们", "他们", "咱们", "这里", "那里", "这边", "那边",
    "有人", "一个", "这个", "那个", "什么", "怎么", "公共区域", "卷帘门", "广场舞", "下雨", "下班",
    "放学", "上班", "公交车", "路灯所", "人民群众", "工地", "工地上",
    # "all over the street", "a river of water", "a shop on it": said of a place, not one
    "满大街", "成河", "一家", "多家", "几家", "好几家", "一排",
    # "that shop", "my home" (俺家, 阿拉 in Shanghai): which one, not where
    "那家", "这家", "哪家", "有家", "他家", "她家", "俺家", "咱家", "阿拉",
    # "that shop" in dialect: Sichuan 嘞家, Shanghai 搿家/搿爿, Cantonese 嗰间/呢间/嗰家
    "嘞家", "搿家", "搿爿", "嗰间", "呢间", "嗰家", "呢家",
    # Lead-ins that come right before a place name and would be read as part of it.
    "发现", "巡查", "看到", "看见", "听说", "位于", "就在", "报告", "反映", "举报",
    "投诉", "麻烦", "请问", "注意", "提醒", "通知", "你好", "您好", "老板", "师傅", "各位", "领导",
    "联络员", "城管", "环卫", "市政", "交警", "报修", "一下", "一点", "一些", "一辆", "一排",
    "网格员", "上报", "排查", "巡检", "核查",
)
# fmt: on
# Words that contain a masked word but are places: matched first and left as they are.
_KEEP = (
    "公交车站",
    "街道办事处",
    "街道办",
    "地下通道",
    "人行地道",
    "地道口",
    "下穿通道",
    "地下车库",
    "地下室",
    "桥下面",
    "桥底下",
    "桥下边",
    "站地道",
    "路地道",
    "街地道",
)
_NOT_PLACE_SOURCE = (
    # lead-ins first: "一下雨" and "我们店" must not lose their first word to the list below
    LEAD_INS
    + "|"
    + "|".join(map(re.escape, sorted((*_NOT_PLACES, *_KEEP), key=len, reverse=True)))
    + r"|(?<![0-9号栋幢楼])楼[上下]"  # 楼下饭店 is not a place, 3号楼下 is
    # Bare words that are places only after a name: 十字路口, 街口, 一路, 店里 (建设路十字路口,
    # 东湖街口, 五一路, 纬一路, 如家酒店里), and not in 一路撒土, 街口小卖部, 我店里; 道路 is
    # no road but in 光明大道路口.
    + r"|(?<![路街道巷])十字路口|(?<![\u4e00-\u9fff])(?:大?街口|大?街上)|(?<=[在的到])(?:街口|街上)"
    + r"|(?<=[很挺真不够太好最])地道|^地道"  # 很地道 is "authentic"; 中学地道 is an underpass
    + r"|(?<![\u4e00-\u9fff])家门口|(?<=[我你他她们的在到])家门口"
    + r"|(?<![一二三四五六七八九十纬经])一路|(?<!大)道路"
    # a walkway alone is no place (步道上), after a name it is one (清水河步道)
    + r"|(?<![\u4e00-\u9fff])步道"
    # the road in general, not a numbered one (北二马路, 三马路: Dalian's and Shenyang's streets)
    + r"|(?<![一二三四五六七八九十])马路"
    + r"|(?<![\u4e00-\u9fff])店里|(?<=[我你他她们的在])店里"
    + r"|@[^\s,]+"  # @mentions
    # the office asked to act is no place (请网格中心协调, 请市场监管局核查); residents are not
    # an estate (多名居民反映: 名居 ends estate names)
    + r"|请[\u4e00-\u9fff]{1,6}?(?:局|所|中心|大队|中队|公司|办)(?=[\u4e00-\u9fff])"
    + r"|居民(?!楼|区|点)"
    # 长江大桥桥头: a name must not end in 桥桥, so the name ends at 大桥 (location.py's
    # _DOUBLED adds 桥头 back as where on the bridge)
    + r"|(?<=桥)桥[头上]|(?<=桥)桥(?=[墩面底])"
    # the roadside and the kerb, not 丰收路边边, 文昌路沿线 or 嵩山路沿街; getting off, not 出站口
    + r"|(?<![\u4e00-\u9fff])路边|(?<=[在的到往])路边|路沿(?![线街路河江湖岸])"
    + r"|出站(?!口)|进站(?!口)"
    # 满 after a verb fills the place (臭味飘满幸福路); in a name it stays (福满鞋店)
    + r"|(?<=[飘堆贴停占摆挤塞装放洒撒铺流淌长爬晒])满"
    # 幸福路中间 is on 幸福路 (中间 follows it as a side does); 路中间 alone is nowhere
    + r"|(?<=路)中[间央]|(?<![\u4e00-\u9fff])路中[间央]"
)
# Every alternative starts with a Chinese character written in it, a digit or "@": a lookahead
# on those lets the scan skip all other positions at once instead of trying some three hundred
# alternatives at each (the lead-ins made it twice as slow without it).
_FIRST_CHARS = "".join(sorted({char for char in _NOT_PLACE_SOURCE if "\u4e00" <= char <= "\u9fff"}))
_NOT_PLACE_PATTERN = re.compile(f"(?=[0-9@{_FIRST_CHARS}])(?:{_NOT_PLACE_SOURCE})")


def _mask(match: re.Match[str]) -> str:
    word = match.group()
    return word if word in _KEEP else "," * len(word)


def mask_not_places(text: str) -> str:
    """`text` with the words that are not places blanked to commas (same length)."""
    return _NOT_PLACE_PATTERN.sub(_mask, text)
