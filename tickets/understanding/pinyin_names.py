"""Place names typed in lower-case pinyin: "wenhua rd", "cuiwei lu", "dongmen metro exit A".

English place patterns tell a name by its capital ("Wenhua Rd"), because in lower case "the
street", "bike lane" and "side rd" would be roads too. Phones often type everything in lower
case, though, and a street's names are mostly pinyin: a word made wholly of pinyin syllables
right before a road word or a kind of place is a name. `capitalise_pinyin_names` writes those
names (and the road or kind word after them) with a capital, keeping every position, so the
English patterns read them as written on a map and the place is still cut from the writer's text.
"""

from __future__ import annotations

import re

# The syllables of Mandarin, by initial: the finals each initial takes (ü typed as v).
_FINALS_BY_INITIAL = {
    "": "a o e ai ei ao ou an en ang eng er",
    "b": "a o ai ei ao an en ang eng i ie iao ian in ing u",
    "p": "a o ai ei ao ou an en ang eng i ie iao ian in ing u",
    "m": "a o e ai ei ao ou an en ang eng i ie iao iu ian in ing u",
    "f": "a o ei ou an en ang eng u",
    "d": "a e ai ei ao ou an en ang eng ong i ie iao iu ian ing u uo ui uan un",
    "t": "a e ai ao ou an ang eng ong i ie iao ian ing u uo ui uan un",
    "n": "a e ai ei ao ou an en ang eng ong i ie iao iu ian in iang ing u uo uan v ve ue",
    "l": "a e ai ei ao ou an ang eng ong i ia ie iao iu ian in iang ing u uo uan un v ve ue",
    "g": "a e ai ei ao ou an en ang eng ong u ua uo uai ui uan un uang",
    "k": "a e ai ei ao ou an en ang eng ong u ua uo uai ui uan un uang",
    "h": "a e ai ei ao ou an en ang eng ong u ua uo uai ui uan un uang",
    "j": "i ia ie iao iu ian in iang ing iong u ue uan un",
    "q": "i ia ie iao iu ian in iang ing iong u ue uan un",
    "x": "i ia ie iao iu ian in iang ing iong u ue uan un",
    "zh": "a e i ai ei ao ou an en ang eng ong u ua uo uai ui uan un uang",
    "ch": "a e i ai ao ou an en ang eng ong u ua uo uai ui uan un uang",
    "sh": "a e i ai ei ao ou an en ang eng u ua uo uai ui uan un uang",
    "r": "e i ao ou an en ang eng ong u uo ui uan un",
    "z": "a e i ai ei ao ou an en ang eng ong u uo ui uan un",
    "c": "a e i ai ao ou an en ang eng ong u uo ui uan un",
    "s": "a e i ai ao ou an en ang eng ong u uo ui uan un",
    "y": "a o e ao ou an in ang ing ong i u ue uan un",
    "w": "a o ai ei an en ang eng u",
}
_SYLLABLES = sorted(
    {initial + final for initial, finals in _FINALS_BY_INITIAL.items() for final in finals.split()},
    key=len,
    reverse=True,
)
_PINYIN_WORD = re.compile(rf"(?:{'|'.join(_SYLLABLES)}){{1,4}}")

# Words that follow a name and say what it names. lu/jie are only ever said after pinyin, so
# a short name (ruyi lu) is taken before them; before an English word a name needs five
# letters, so "side rd", "bike lane" and "nine st" stay what they are.
_PINYIN_ROAD = r"lu|jie|dajie|dadao|hutong"
_PINYIN_ROADS = frozenset(_PINYIN_ROAD.split("|"))
_KIND = (
    r"road|rd|street|st|avenue|ave|lane|alley|boulevard|bridge|underpass|tunnel|park|square|plaza|"
    r"market|garden|gardens|village|station|metro|community|estate|temple|hospital|school|primary"
)
# "Dongmen metro": a name with its capital but its kind typed in lower case is the same.
_NAME_THEN_KIND = re.compile(rf"(?<![\w'-])([A-Za-z][a-z]+) ({_PINYIN_ROAD}|{_KIND})(?![\w-])")


def _is_name(word: str, kind: str) -> bool:
    # one word: many English words are pinyin too ("along wenhua st" is along 文化街)
    shortest = 2 if kind in _PINYIN_ROADS else 5
    return len(word) >= shortest and _PINYIN_WORD.fullmatch(word.lower()) is not None


def capitalise_pinyin_names(text: str) -> str:
    """`text` with lower-case pinyin names of places, and the word after them, capitalised;
    everything else, and every position, as it was."""
    chars: list[str] | None = None
    for match in _NAME_THEN_KIND.finditer(text):
        if _is_name(match.group(1), match.group(2)):
            chars = chars if chars is not None else list(text)
            for start in (match.start(1), match.start(2)):
                chars[start] = chars[start].upper()
    return "".join(chars) if chars is not None else text
