"""What people write right before a place that is not part of it: the time ("早高峰时候",
"半夜两点多", "上周开始"), the weather ("一下雨", "下完雨"), what they were doing ("下班回家",
"送孩子上学", "散步走到") and who told them ("邻居讲", "环卫工人说").

A place name has no separator before it, so without these the name patterns, which take any two
to six characters before 路/街/门口…, swallow the lead-in: "早高峰时候幸福路" read as the road
"高峰时候幸福". The words are described by their shape (a numeral and 点, a week or a month,
an activity word) rather than listed sentence by sentence, and masked before matching.
"""

from __future__ import annotations

_NUMERAL = r"[0-9一二三四五六七八九十两半]"

# Times: a clock time (两点多, 6点半, 十点左右), a week or a month (上周, 每个月: never 周 or
# 月 alone, which begin 周边 and 月亮湾), a part of the day.
# (after 点 a numeral needs 分 or digits: "两点多八一路" is at two-ish on 八一路)
_CLOCK = (
    rf"{_NUMERAL}+(?:点|时)(?:[0-9]+分?|[一二三四五六七八九十]+分|多|半|左右|钟|前后|以后|之后)*"
)
_WEEK = (
    r"(?:[上下这本前]个?|每个?)(?:周|星期|礼拜|月)[一二三四五六日天末]?"
    r"|(?:周|星期|礼拜)[一二三四五六日天末]"
)
_DAY_PART = (
    r"天一黑|大清早|一大早|清早|清晨|早晨|傍晚|天黑|天亮|深夜|夜里|夜间|白天|今早|今晚|昨晚|昨夜|明早|"
    r"黄昏|[早晚]高峰|高峰期?|高峰时段|上下班|节假日|周末|假期|年前|年后|节前|节后"
)
_SPAN = (
    r"(?:的)?时候|(?:的)?时间|期间|开始|以来|左右|一直|总是|经常|老是|每次|最近|近来|这几天|这两天|前几天|"
    r"好几天|几天|这阵子|这段时间|一到|一过"
)
# Weather: 一下雨, 下完雨, 大雨过后 (雨 itself may be in a name: 雨花路).
_WEATHER = r"(?:一下|下完|下了|下大|下|大|暴|阵|小)雨(?:过后|以后|之后|天)?|刮大风|刮风|下雪"
# What the writer was doing, ending right before the place (下班回家幸福路…, 送孩子上学…).
_DOING = (
    r"回家|上学|放学|下班|上班|出门|散步|遛狗|遛弯|买菜|跑步|晨练|锻炼|接孩子|送孩子|骑车|开车|"
    r"走路|路过(?!街)|经过|走到|走过|来到|到了|进了|出了|去了|逛街|下楼|上楼|送外卖|送快递|巡逻"
)
# Who told them (邻居讲, 环卫工人说): the speech verb ends the lead-in.
_TOLD = r"(?:讲|说|反映|反应|告诉我|打电话说)"
# The writer's own premises before a place: "我们店幸福路…" names the road, not a shop.
_OWN = r"(?:我们|咱们|我|咱|本)(?:店|家店|家)(?=[\u4e00-\u9fff]{2})"

# A side at the start of a clause is the writer's own "in front", not a side of a place:
# "前面幸福路…" names the road.
_OWN_SIDE = (
    r"(?:(?<=^)|(?<=[,，。！!？?\s]))(?:前面|后面|前边|后边|东边|西边|南边|北边|对面|旁边|附近)"
    r"(?=[\u4e00-\u9fff]{2})"
)

# "但永安街42号院…", "可长乐路…": a contrast at the start of a clause is not part of a name.
_CONTRAST = r"(?:(?<=^)|(?<=[,，。！!？?\s]))(?:但是|可是|不过|但|可)(?=[\u4e00-\u9fff]{2})"

LEAD_INS = "|".join(
    f"(?:{part})"
    for part in (
        _CLOCK,
        _WEEK,
        _DAY_PART,
        _SPAN,
        _WEATHER,
        _DOING,
        _TOLD,
        _OWN,
        _OWN_SIDE,
        _CONTRAST,
    )
)
