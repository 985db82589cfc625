"""English words around a Chinese place, as mixed messages write it: "Golden Plaza北门", "Lucky
Mart on 金水路", "Fuxing Rd 菜市场", "青松路 near Lucky Coffee", "桃园站 Exit A", "滨河路 between
1号桥 and 2号桥". The Chinese patterns find the Chinese place; these join the Latin words that
name or locate it, read in the writer's own characters (capitals tell a name). The reader quotes
such a place from `Normalised.as_typed`, where the spaces are spaces again.
"""

from __future__ import annotations

import re

from tickets.understanding.location_en import ROAD_WORD, SIDE_WORDS

_NAME = r"[A-Z][A-Za-z0-9'&.-]*(?: (?:of )?[A-Z][A-Za-z0-9'&.-]*){0,3}"
_SIDE = rf"(?i:{SIDE_WORDS}|by)"
_ROAD_WORD = rf"{ROAD_WORD}\b\.?"

# Before the place: its name ("Golden Plaza北门", "Yonghui超市对面"); a shop on it, perhaps after
# a side word ("Lucky Mart on 金水路", "Mr. Chuan烧烤店 on 玉泉路", "outside Sunny Kindergarten
# on 新苑路", "Iron Gym at 玉泉路56号"); or the road it is on ("Fuxing Rd 菜市场", "Yuquan Lu near
# the 菜市场").
_BEFORE = re.compile(
    rf"(?:(?:{_SIDE} (?:the )?)?{_NAME}[\u4e00-\u9fff]{{0,3}}[ ,](?i:on|at)[ ,]"
    rf"|{_NAME} {_ROAD_WORD}(?:[ ,]{_SIDE}[ ,](?:the)?)?[ ,]?"
    r"|[A-Z][A-Za-z'&.-]*(?: [A-Z][A-Za-z'&.-]*){0,2}[ ,]?)$"
)
# After the place: where by it ("青松路 near Lucky Coffee", "新苑路 outside the Bank of China"), a
# station's exit ("桃园站 Exit A", "青松路站 Exit D"), a stretch ("滨河路 between 1号桥 and
# 2号桥") or a shop on a road ("新苑路Pizza Hut").
# A space next to Chinese text is a comma in `display` (normalise.py), so both separate words.
_AFTER = re.compile(
    rf"[ ,]?(?:{_SIDE} (?:the )?{_NAME}"
    r"|站?[ ,]?(?i:exit|entrance) [A-Z0-9]\b"
    r"|[ ,](?i:(?:north|south|east|west|main|back|front) (?:gate|entrance|exit))"
    r"|(?i:between|from)[ ,][^ ,，。]{1,12}[ ,](?i:and|to)[ ,][^ ,，。]{1,12}[站桥路街口门]"
    r"|(?<=[路街道])[A-Z][A-Za-z0-9'&.-]*(?: [A-Z][A-Za-z0-9'&.-]*){0,2})"
)


def with_english_around(display: str, start: int, end: int) -> tuple[int, int]:
    """The Chinese place at `start`..`end` of `display` with the Latin words that name or locate
    it, before and after."""
    before = _BEFORE.search(display, max(0, start - 60), start)
    after = _AFTER.match(display, end)
    return (
        before.start() if before is not None else start,
        after.end() if after is not None else end,
    )
