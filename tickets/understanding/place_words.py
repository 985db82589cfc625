"""The words place names are made of: the characters a name may hold, and the sides that say
where by a place ("门口", "对面", "东侧"). Shared by the place patterns (location.py) and the shops
(location_shops.py), and the parts of a site (site_parts.py)."""

from __future__ import annotations

# Characters that cannot be part of a place name: grammar, pronouns, measure words, common verbs,
# and the suffix characters themselves (so a name never swallows the road it precedes).
NOT_IN_NAME = (
    "的了在是有把被给到从往这那个我你他她它们还就又很不没说要能吧吗呢啊呀哦嗯哈条只辆些也与几"
    "及跟或看去让请叫想找问用对后停骑推扔倒摆贴喷撞压占堆堵挡靠住过把等着得讲走来进入"
    "逛挖路街巷号门口,喺啲嘅咗佢哋嗰"
)


def name_class(not_in_name: str = NOT_IN_NAME) -> str:
    """A regex class: CJK ideographs minus those characters (`re` cannot subtract sets)."""
    excluded = sorted({ord(char) for char in not_in_name if "\u4e00" <= char <= "\u9fff"})
    ranges, start = [], 0x4E00
    for code in excluded:
        if code > start:
            ranges.append((start, code - 1))
        start = code + 1
    ranges.append((start, 0x9FFF))
    return "[" + "".join(f"{chr(a)}-{chr(b)}" if a < b else chr(a) for a, b in ranges) + "]"


NAME = name_class()
# Shops take the words of good luck that end names nowhere else: 好运来饭店, 好又多超市.
SHOP_NAME = name_class(NOT_IN_NAME.replace("来", "").replace("又", ""))
SIDE = (
    r"(?:大门口|门口|门前|[东西南北]?大门|正门|后门|侧门|[东西南北]门口?|[东西南北]口|[a-z0-9]+号?口|"
    r"[a-z]?出口|出站口|进站口|入口|楼下|后面|前面|"
    r"[东西南北]侧|[东西南北]边|[东西南北中]段|[东西][南北]角|[东西南北]角|附近|斜对面|对面|对过|旁边|旁|"
    r"周边|周围|一带|拐角处|拐角|转角处|转角|交界处|交界|[东西南北]头|河边|湖边|沿岸|边边|两侧|沿线|"
    r"边上)"
)
# 边 as "beside" after a place (操场边, 大门边, 公厕边), not 边上 (a side of its own) nor 边边.
BESIDE = r"边(?![上边])"
