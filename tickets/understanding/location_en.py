"""Places written in English: "near the bakery", "outside no. 12", "on Jianshe Road",
"at the corner of Renmin Road and Xinhua Street", "under Jinshui Bridge", "Binhe Road underpass".

The same convention as in Chinese: a side word that says where by a thing is part of the place
("near the pharmacy", like 药店附近), a preposition that only says "there" is not ("on Jianshe
Road" → "Jianshe Road", like 建设路上 → 建设路). Text is normalised (lower case), and the place is
cut from the writer's own text by position, so it keeps their capitals.
"""

from __future__ import annotations

import re

from tickets.understanding.pinyin_names import capitalise_pinyin_names

ROAD_WORD = (
    r"(?:[Rr]oad|[Rr]d|[Ss]treet|[Ss]t|[Aa]venue|[Aa]ve|[Ll]ane|[Bb]oulevard|[Hh]ighway"
    # pinyin, as on the street signs: Jiefang Lu, Renmin Dajie
    r"|Lu|Jie|Dajie|Dadao|Hutong)"
)
# A name is capitalised ("Jianshe Road"); in lower case, "the street" and "fire lane" would be
# roads too. Phones that type everything in lower case lose the road names, not the rest.
_NAME_WORD = r"(?:(?!(?:The|A|An|This|That|My|Our|Their)\b)[A-Z][a-z'-]*|[0-9]{1,2}(?:st|nd|rd|th))"
_ROAD = rf"\b(?:{_NAME_WORD}\s){{1,3}}{ROAD_WORD}(?![a-z])"
_LOWER_ROAD = r"(?:road|rd|street|st|avenue|ave|lane)\b"
_LOWER_NAME = r"(?!(?:the|a|an|this|that|my|our|main)\s)(?:[a-z][a-z'-]+\s){1,2}"
_LANDMARK = (
    r"(?:bus stop|bus station|subway station|metro station|station|market|square|plaza|park|"
    r"school gate|school|bridge|underpass|overpass|footbridge|mall|car park|parking lot|"
    r"playground|hospital|library|community centre|community center|food street|bus terminal|"
    r"terminal)"
)
# "the corner", "the gate" alone say nothing (like 路口, 门口 alone); "the north gate" does.
_QUALIFIED = r"(?:gate|entrance|exit|corner|crossing|junction|intersection|roundabout|alley)"
# Kinds of named places, capitalised after their name as on a map ("Zhongshan Park").
_PLACE_KIND = (
    r"(?:Park|Plaza|Square|Mall|Market|Hospital|School|Station|Gardens?|Community|Estate|Bridge|"
    r"Tower|Hotel|Supermarket|Centre|Center|Stadium|Library|Temple|Museum|Residence|Apartments|"
    r"Village|Primary School|Middle School|Primary|University|College|Court|Heights|Residences|"
    r"Villas?|Terminal|Metro Station|Metro(?! Line))\b"
)
_NAMED_PLACE = rf"(?:{_NAME_WORD}\s){{1,3}}{_PLACE_KIND}"
_GATE = r"(?i:north|south|east|west|main|back|front|side)\s(?i:gate|entrance|exit)"
# A shop by its name and its kind, as on its sign: "Golden Voice KTV", "Happy Mart".
_SHOP_KIND = (
    r"(?i:ktv|mart|restaurant|bar|pub|cafe|café|coffee|bakery|hotel|gym|cinema|supermarket|"
    r"pharmacy|salon|store|noodles?|bbq|hot ?pot|tea|kitchen|diner|club|clinic|bank)\b"
)
_NAMED_SHOP = (
    rf"(?:(?!(?:The|A|An|This|That|My|Our|Their)\b)[A-Z][\w'&.-]*\s){{1,3}}{_SHOP_KIND}"
    # and the word for the premises after the kind: Lucky Noodle House, Golden Tea Shop
    r"(?:\s(?:House|Shop|Bar|Restaurant|Place|house|shop|bar|restaurant|place)\b)?"
)
# Parts of a building that people name as the place: "Bldg 3 rooftop", "Block 7, 6F".
_BUILDING_PART = (
    r"(?:,?\s[0-9]+F\b)?(?:\s(?i:rooftop|roof|basement|stairwell|stairs|lift|elevator|lobby|"
    r"entrance|garage))?"
)
_THING = r"(?:(?:no\.\s?[0-9]+|[a-z0-9'&.-]+)\s){0,3}?[a-z0-9'&-]+"
# Words after which a noun phrase is not a place but the problem ("near the bin is broken" is
# rare; "the bin near the bakery is broken" is not): a place phrase ends before these.
_STOP_WORDS = (
    r"is|are|was|were|has|have|had|for|since|every|all|again|and|but|it|its|it's|please|pls|can|"
    r"could|someone|somebody|nobody|the|a|an|with|from|to|because|so|at|on|in|near|outside|"
    r"there|theres|there's|during|still|not|now|been|stays|keeps|got|gets|went|today|tonight|"
    r"yesterday|when|which|who|that|like|lol|by|"
    # what a thing does or lacks, right after where it is
    r"hasn't|haven't|isn't|aren't|wasn't|never|broken|missing|lost|smells|flashes|dropping|"
    r"after|before|blocking|leaking|flooding|overflowing|covered|full|stuck|out"
)
# A house number after the road with nothing before it ("Yunqi Rd 45"), not a count or a time
# ("Jiefang Rd 3 days", "Heping Rd 7-Eleven").
_BARE_NUMBER = (
    r"[0-9]{1,4}(?![0-9-])(?!\s?(?i:am|pm|days?|nights?|hours?|hrs?|mins?|minutes?|weeks?|"
    r"months?|years?|yrs?|m|meters?|metres?|km|cm|kg|times?|cars?|bikes?|people|ppl|of|x|st|nd|"
    r"rd|th)\b)(?!%)"
)
_STOP = rf"(?=\s*(?:$|[,!?;:]|\.(?!\s?[0-9])|\s(?:{_STOP_WORDS})\b))"

_LATIN = re.compile(r"[A-Za-z]")
_ON_ROAD = re.compile(rf"(?:\s(?i:on|at|in|off)|,)\s(?:(?:(?i:no\.?\s?)|#)?[0-9]+\s)?{_ROAD}")
# After a house number the road may follow with nothing between: "outside No. 15 Chaoyang Road".
_NUMBER_ROAD = re.compile(rf"\s{_ROAD}")
# (pattern, group, matched in the text as written): names need capitals, the rest is read in
# lower case. (?i:...) makes the function words around a name case-blind.
SIDE_WORDS = r"(?:near|nr\.?|outside|opposite|opp\.?|behind|next to|in front of|across from|beside)"
_PATTERNS: tuple[tuple[re.Pattern[str], int, bool], ...] = (
    # (near) the Jianshe Rd/Wenhua Rd crossing, Jiefang Rd & Renmin Rd junction
    (
        re.compile(
            rf"\b((?i:{SIDE_WORDS}\s(?:the\s)?|the\s)?{_ROAD}\s?(?:/|&)\s?{_ROAD}"
            r"(?:\s(?i:crossing|junction|intersection|corner))?)"
        ),
        1,
        True,
    ),
    # (outside) Exit D of Jiefang Rd station, Exit B of Renmin Square metro
    (
        re.compile(
            rf"\b((?i:{SIDE_WORDS}\s)?(?i:the\s)?(?i:exit|entrance)\s[A-Z0-9]\s(?i:of)\s"
            rf"(?:(?:{_NAME_WORD}\s){{1,3}}|(?i:the\s(?:bus\s|train\s|railway\s)?))"
            r"(?i:metro station|subway station|metro|subway|station))"
        ),
        1,
        True,
    ),
    # (near) Xinhua Rd bus stop
    (
        re.compile(
            rf"\b((?i:{SIDE_WORDS}\s)?(?i:the\s)?{_ROAD}\s(?i:bus stop|bus station|station))"
        ),
        1,
        True,
    ),
    # at the corner of Renmin Road and Xinhua Street, the crossing of ... and ...
    (
        re.compile(
            rf"((?i:the (?:corner|crossing|junction|intersection) of ){_ROAD}(?i: and | & ){_ROAD})"
        ),
        1,
        True,
    ),
    # at Renmin Road and Xinhua Street (a crossing)
    (re.compile(rf"(?i:\bat )({_ROAD}(?i: and | & ){_ROAD})"), 1, True),
    # outside KFC, near Wang's Noodles, outside No.1 Middle School: a capitalised name after a
    # side word (before the bare number below, which would stop at "No.1")
    (
        re.compile(
            rf"\b((?i:{SIDE_WORDS})\s"
            r"(?:No\.\s?[0-9]+|[A-Z0-9][\w'&-]*)(?:\s(?:(?!No\b)[A-Z][\w'&-]*|[0-9]+)){0,3}"
            r"(?:,?\s(?i:no\.?|number|#)\s?[0-9]+)?)"
        ),
        1,
        True,
    ),
    # (opp.) Golden Voice KTV (on Wutong St, below)
    (re.compile(rf"\b((?i:{SIDE_WORDS}\s)?(?i:the\s)?{_NAMED_SHOP})"), 1, True),
    # outside no. 12, outside number 8
    (
        re.compile(
            r"\b((?:outside|opposite|near|next to|behind|in front of)\s(?:no\.?|number|#)\s?[0-9]+)"
        ),
        1,
        False,
    ),
    # 12 Jianshe Road, no. 12 Jianshe Road
    (re.compile(rf"((?:\b(?i:no\.?\s?)|#|\b)[0-9]+\s{_ROAD})"), 1, True),
    # under Jinshui Bridge, the Binhe Road underpass
    (
        re.compile(rf"\b((?i:under|below|beneath)\s(?i:the\s)?(?:{_NAME_WORD}\s){{1,2}}[Bb]ridge)"),
        1,
        True,
    ),
    (
        re.compile(rf"\b((?:{_NAME_WORD}\s){{1,3}}(?:{ROAD_WORD}\s)?(?i:underpass|tunnel))"),
        1,
        True,
    ),
    # near the bakery, outside the school gate, in front of the bank ("outside my shop" names no
    # place the desk can find)
    (
        re.compile(
            rf"\b((?:{SIDE_WORDS}|by)\s"
            rf"the\s{_THING}){_STOP}"
        ),
        1,
        False,
    ),
    # Building 3, Unit 2 of Jinxiu Garden (before the garden alone), Lotus Court Bldg 3 rooftop,
    # Green Valley Block 7, 6F
    (
        re.compile(
            r"\b((?:[A-Z][\w'-]*\s){0,3}(?i:building|block|bldg\.?|tower)\s[0-9]+"
            rf"(?:,?\s(?i:unit)\s[0-9]+)?{_BUILDING_PART}"
            rf"(?:,?\s(?i:of\s)?{_NAMED_PLACE})?)"
        ),
        1,
        True,
    ),
    # Renmin Park north gate, the east gate of Sunshine Garden, Zhongshan Park: a named place
    # (capitalised, with its kind) and perhaps one of its gates
    (
        re.compile(
            rf"\b((?i:{SIDE_WORDS}\s)?(?i:the\s)?{_GATE}\s(?i:of)\s(?i:the\s)?{_NAMED_PLACE})"
        ),
        1,
        True,
    ),
    (re.compile(rf"\b({_NAMED_PLACE}(?:\s{_GATE})?)"), 1, True),
    (re.compile(rf"\b((?i:lane|alley)\s[0-9]+,?\s{_ROAD})"), 1, True),
    # on Jianshe Road, along Binhe Rd: the road alone, or with its house number after it as
    # Chinese addresses are written ("Xingfu Rd No. 8")
    (re.compile(rf"{_ROAD}(?:,?\s(?i:no\.?|number|#)\s?[0-9]+|\s{_BARE_NUMBER})?"), 0, True),
    # typed in lower case: "on jianshe road", "at 12 renmin rd"
    (
        re.compile(
            rf"\b(?:on|along|at|off)\s(?:the\s)?((?:no\.?\s?|#)?(?:[0-9]+\s)?{_LOWER_NAME}{_LOWER_ROAD})"
        ),
        1,
        False,
    ),
    # in lakeside park, at wanjia square, "lotus park east gate lamps off": a named one typed
    # in lower case, after at/in or opening the message
    (
        re.compile(
            rf"(?:^|\b(?:at|in)\s)({_LOWER_NAME}"
            r"(?:park|square|plaza|market|mall|station|terminal|apts|apartments|gardens?))\b"
        ),
        1,
        False,
    ),
    # at the bus stop, by the market gate: a landmark by its kind (the side words are above)
    (re.compile(rf"\b(?:at|by|in|on|under)\s(the\s(?:[a-z'-]+\s)?{_LANDMARK}){_STOP}"), 1, False),
    (
        re.compile(rf"\b(?:at|by|in|on)\s(the\s(?!corner\b)[a-z'-]+\s{_QUALIFIED}){_STOP}"),
        1,
        False,
    ),
)


# A road right before a side phrase is part of the place: "Xingfu Road outside the bank",
# "Bar Street behind Wanda Plaza" (the street, and where on it).
_NOT_NAME = r"(?!(?:the|a|an|on|at|in|along|off|near|to|from|of|for|is|are|my|our|this|that)\s)"
_ROAD_BEFORE = re.compile(rf"(?:{_ROAD}|\b(?:{_NOT_NAME}[a-z][a-z'-]+\s){{1,2}}{_LOWER_ROAD})\s$")
_STARTS_WITH_SIDE = re.compile(rf"(?i:{SIDE_WORDS}|by)\s")
# A gate after a named place: "near Xingfu Community south gate", "Lakeview Apts gate 3".
_GATE_AFTER = re.compile(rf"\s(?:{_GATE}|(?i:gate|exit|entrance)(?:\s[0-9A-Z])?)\b")
# What a place is part of, after it: "near Gate 2 of the city hospital", "in front of Building 5,
# Sunshine Garden", "behind the KFC at Wanda Plaza", and a road's own bridge or stop.
_PART_OF = re.compile(
    rf"(?:,\s|\s(?i:of|at|in)\s(?i:the\s)?)(?:{_NAMED_PLACE}"
    r"|(?:[a-z]+\s){0,2}(?:hospital|school|park|market|station|plaza|square|mall|garden))\b"
)
_ROAD_PART = re.compile(
    r"\s(?i:bridge|footbridge|underpass|overpass|tunnel|bus stop|roundabout|school crossing|"
    r"crossing|junction|intersection|(?:construction |building )?site|metro exit|metro station|"
    r"(?:morning |night |food |wet )?market)\b"
)
# A metro or a station's exit: "Dongfeng Ave station exit C".
_EXIT_AFTER = re.compile(r"\s(?i:exit|entrance)\s[A-Z0-9]\b")
# A stretch of a road: "Yuhua Rd from the gas station to the Baiyun Rd junction", "Hongxing Rd
# between No. 10 and No. 30" (to the end of the clause).
_STRETCH_AFTER = re.compile(
    r"\s(?i:between|from)\s[^,;!?:]{2,40}?\s(?i:and|to)\s[^,;!?:]{2,40}?"
    rf"(?=\s*(?:[,;!?:]|$|(?<!\b[Nn]o)\.(?:\s|$)|\s(?:{_STOP_WORDS})\b))"
)


# What may follow a place and belongs to it, in the order it is written, at most one of each
# group: the road it is on, a gate, what it is part of, an exit or a stretch.
_FOLLOWING = ((_ON_ROAD,), (_GATE_AFTER,), (_PART_OF, _ROAD_PART), (_EXIT_AFTER, _STRETCH_AFTER))


def find_english_location(text: str) -> tuple[int, int] | None:
    """Start and end of an English place phrase in `text` (as written: capitals tell names, and
    so do pinyin names typed in lower case)."""
    if not _LATIN.search(text):
        return None
    lowered = text.lower()
    text = capitalise_pinyin_names(text)
    for pattern, group, needs_case in _PATTERNS:
        match = pattern.search(text if needs_case else lowered)
        if match is not None:
            start, end = match.span(group)
            # "outside the bakery on Jianshe Road", "no. 12, Renmin Road": one place.
            if text[end - 1].isdigit() and (road := _NUMBER_ROAD.match(text, end)) is not None:
                end = road.end()
            for patterns in _FOLLOWING:
                following = next((m for p in patterns if (m := p.match(text, end))), None)
                if following is not None:
                    end = following.end()
            if _STARTS_WITH_SIDE.match(text, start) and (
                road := _ROAD_BEFORE.search(text, max(0, start - 60), start)
            ):
                start = road.start()
            return start, end
    return None
