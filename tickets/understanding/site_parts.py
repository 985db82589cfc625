"""The part of a site where a problem is, named right after the place: "实验小学门口人行道上全是
电动车", "6栋电梯里贴满小广告". It is part of the place unless it is the very thing the report is
about ("菜市场公厕堵了": the toilet is what is wrong, 菜市场 is where); the reader, which knows the
category, decides (reader.py, with CategoryMatcher.names).
"""

from __future__ import annotations

import re

_ROAD_END = re.compile(r"(?:路|街|道|巷|胡同|弄)$")
_SITE_PART = re.compile(
    r"人行道|盲道|马路|公共厕所|公厕|厕所|电梯|扶梯|草坪|草地|绿地|绿化带|花坛|消防通道|车位|台阶|"
    r"楼梯|操场"
)


def site_part_after(text: str, end: int) -> re.Match[str] | None:
    """The part of a site written right after a place that ends at `end`, if any; a road's own
    pavement is the road ("光明路人行道上全是电动车" is on 光明路)."""
    if _ROAD_END.search(text, 0, end):
        return None
    return _SITE_PART.match(text, end)
