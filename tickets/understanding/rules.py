"""The hand-written rules of understanding: what the words mean given who says them and what they
answer. They are one of the reader's two voices (the model is the other, see decide.py), and the
only one for the things rules do well: replies in context, the sender's role, announcements.

The words alone rarely decide. "修好了" from a liaison resolves a ticket and from a shopkeeper
confirms one; "收到" from a liaison acknowledges and from a shopkeeper says nothing; "好的" means
something only as a reply to a ticket. And a false ticket costs a group more than a missed one,
so a report needs a problem, a request, or (without praise or a question) a hint of one: a photo,
"有人…", "好几天了". The rules per role are small functions below, read top to bottom.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from tickets.roles import Role
from tickets.understanding.location import find_location
from tickets.understanding.phrases import Cue
from tickets.understanding.reading import Intent
from tickets.understanding.signals import Cues, PhraseScanner

_DOUBT = Cue.PRAISE | Cue.QUESTION  # a happy remark or a question is not a complaint by itself
_COMPLAINT = Cue.PROBLEM | Cue.REQUEST


FIXED = Cue.RESOLVED | Cue.CONFIRM | Cue.PRAISE
_CLAUSE = re.compile(r"[^,，。.！!？?；;]+|[,，。.！!？?；;]+")
_CONTRAST = re.compile(r"但是|可是|不过|虽然|只是|倒是|但|就是|可")
# Clauses set against each other by a contrast ("…没了，但…", "…, but …") or a correction
# ("消防栓没漏水啊 是它旁边那个井盖碎了", "KTV不吵了 现在是工地打桩吵", "not flyers, the
# actual shop sign") are no list of problems.
_SET_AGAINST = re.compile(
    rf"{_CONTRAST.pattern}|还是|现在是|原来|其实|才发现|而是|不是|(?:^|(?<=[\s,，。]))是"
    r"|(?<![a-z])(?:but|though|although|however|yet|not|actual|actually|instead)(?![a-z])"
)


# A second problem joined to the first: "井盖没了，还有路灯也不亮" is one ticket, the first.
_ALSO = re.compile(
    r"[,，。.！!；;\s](?:还有就是|还有|另外发现|另外|另发现|另有|再就是|再有|此外|而且|并且|同时|"
    r"以及|再加上|加上|"
    r"顺便说一下|顺便说下|顺便|and also|also|plus|[2-9二三四五][.、．)）])"
    # "the bin is cracked, and the toilet has no water": a comma before the second
    r"|[,，]\s?and (?:the|it|there)\b"
)


def complaint_only(
    text: str,
    cues: Cues,
    scanner: PhraseScanner,
    category_of: Callable[[str], str | None] = lambda _: None,
) -> str:
    """`text` with the clauses that say something is fine or fixed blanked out (same length):
    in "路灯修好了，但是井盖还是松的" the ticket is the manhole, not the light. Of two problems
    the first named is the ticket: what follows "，还有" is blanked out too, when what comes
    before it names a problem or a thing of a category (`category_of`: "绿地草皮损毁，同时…")."""
    return _first_problem(_without_fixed(text, cues, scanner), scanner, category_of)


def _first_problem(
    text: str,
    scanner: PhraseScanner,
    category_of: Callable[[str], str | None] = lambda _: None,
) -> str:
    also = _ALSO.search(text)
    if also is None:
        return text
    first = text[: also.start()]
    if not scanner.scan(first).found & Cue.PROBLEM and category_of(first) is None:
        return text
    return first + "," * (len(text) - also.start())


# Where one problem may end and the next begin when nothing joins them: "永安街的灯都灭了。井盖
# 也被掀了一个", "井盖缺了一块、路灯不亮、垃圾没人收".
_CLAUSE_END = re.compile(r"[,，。！!？?；;、]+|\s+")


def first_of_several(
    text: str, problem_starts: Sequence[int], category_of: Callable[[str], str | None]
) -> str:
    """`text` cut (same length) after the first clause that names a problem of its own kind when
    a later clause names a problem of another kind; `text` itself when no clause does. The first
    problem named is the ticket, joined by a word (_ALSO) or not; not when a contrast word sets
    one clause against another ("违停的车没了，但老刘面馆把桌子摆到人行道上了").
    `problem_starts` are where the message's problem words begin (Cues.problem_starts)."""
    if len(problem_starts) < 2 or _SET_AGAINST.search(text):
        return text
    # only the boundaries with a problem word before them and another after
    for boundary in _CLAUSE_END.finditer(text, problem_starts[0]):
        if boundary.end() > problem_starts[-1]:
            return text
        first = text[: boundary.start()]
        kind = category_of(first)
        if kind is None:
            continue
        other = category_of(text[boundary.end() :])
        if other is not None and other != kind:
            return first + "," * (len(text) - len(first))
        return text
    return text


def broken_part(text: str, cues: Cues, scanner: PhraseScanner, complaint: str) -> str:
    """Where the broken thing is, for the place: `text` with every clause that says something is
    fine or fixed blanked out (same length), also when the rest speaks in words of a reopen
    ("东华路的灯修好了，西华路的还是不亮") and when the fixed clause names its problem. Not for
    the category, which needs the thing's name ("路灯修好了，还是不亮" has it only in the fixed
    clause); a place missing from what is left is looked for in the whole text (PlaceSpan)."""
    if not cues.found & FIXED:
        return complaint  # complaint_only(text, cues, scanner), already read
    # "长乐路的坑补好了，可是…路口那块又塌了": a clause that names the problem it says is fixed
    # is fine too, unless it says the problem came back.
    return _first_problem(
        _blank_fixed_clauses(text, scanner, Cue.REOPEN | Cue.REOPEN_SOFT), scanner
    )


# A side or "the other one" that the broken part names and the fixed part does not:
# "北口的灯修好了，南口那盏还是不亮" is another lamp, not the fixed one come back.
_ANOTHER = re.compile(r"另一|另外一|其他|别的|其余|[东西南北][口头边面侧段门角]|[左右][边面侧头]")


def another_one_broken(text: str, broken: str) -> bool:
    """Whether the part left broken (`broken`, from broken_part) names another side or another
    one than the fixed part does: a contrast even when it speaks in words of a reopen."""
    if broken == text:
        return False
    fixed = "".join(kept for kept, left in zip(text, broken, strict=True) if kept != left)
    return bool(set(_ANOTHER.findall(broken)) - set(_ANOTHER.findall(fixed)))


def _without_fixed(text: str, cues: Cues, scanner: PhraseScanner) -> str:
    contrast = _CONTRAST.search(text)
    if not cues.found & FIXED or not (cues.found & Cue.PROBLEM or contrast):
        return text
    # Said against something else ("摊贩已清走，但…车乱停"), a clause that names the problem it
    # says is fixed is the fine part too; without a contrast word it may be the broken one
    # ("修好的路灯又坏了").
    still_broken = Cue.REOPEN | Cue.REOPEN_SOFT
    return _blank_fixed_clauses(
        text, scanner, still_broken if contrast else still_broken | Cue.PROBLEM
    )


def _blank_fixed_clauses(text: str, scanner: PhraseScanner, still_broken: int) -> str:
    parts = []
    for match in _CLAUSE.finditer(_CONTRAST.sub(lambda m: "," * len(m.group()), text)):
        clause = text[match.start() : match.end()]
        found = scanner.scan(clause).found
        fine = found & FIXED and not found & still_broken
        parts.append("," * len(clause) if fine else clause)
    reduced = "".join(parts)
    return reduced if reduced.strip(",") else text


def rule_intent(facts: Facts, role: Role) -> Intent:
    if role == Role.LIAISON:
        return _liaison_intent(facts)
    if role == Role.CHIEF:
        return _chief_intent(facts)
    return _public_intent(facts)


class PlaceSpan:
    """The location in a message, found once and only when something asks for it.

    `broken` is the text with what is fine or fixed blanked out (broken_part): the place of the
    ticket is where the broken thing is ("东华路的灯修好了，西华路的还不亮" → 西华路), and only
    when that part names no place does the rest of the message say where it is."""

    __slots__ = ("_broken", "_display", "_found", "_not_places", "_span", "_text")

    def __init__(
        self,
        text: str,
        not_places: tuple[tuple[int, int], ...],
        display: str | None = None,
        broken: str | None = None,
    ) -> None:
        self._text = text
        self._display = display
        self._not_places = not_places
        self._broken = broken
        self._found = False
        self._span: tuple[int, int] | None = None

    def span(self) -> tuple[int, int] | None:
        if not self._found:
            self._span = self._in_broken_part() or find_location(
                self._text, self._not_places, self._display
            )
            self._found = True
        return self._span

    def _in_broken_part(self) -> tuple[int, int] | None:
        broken = self._broken
        if broken is None or broken == self._text or len(broken) != len(self._text):
            return None
        display = self._display
        if display is not None and len(display) == len(broken):
            # the writer's own characters, blanked where the broken part is
            display = "".join(
                blank if blank != kept else shown
                for blank, kept, shown in zip(broken, self._text, display, strict=True)
            )
        return find_location(broken, self._not_places, display)


class Facts:
    __slots__ = ("category", "contrast", "cues", "has_photo", "place", "replying", "things_likened")

    def __init__(
        self,
        *,
        cues: Cues,
        category: str | None,
        place: PlaceSpan,
        has_photo: bool,
        replying: bool,
        contrast: bool = False,
        things_likened: bool = False,
    ) -> None:
        self.contrast = contrast  # one thing is fine or fixed, another named thing is broken
        # every thing of the street named is what something else is likened to: "鼻子堵得跟雨天
        # 的下水道似的" speaks of a nose
        self.things_likened = things_likened
        self.cues = cues
        self.category = category
        self.place = place
        self.has_photo = has_photo
        self.replying = replying

    @property
    def has_place(self) -> bool:
        return self.place.span() is not None

    def has(self, cue: int) -> bool:
        return bool(self.cues.found & cue)

    @property
    def likened(self) -> bool:
        """Whether the message likens something to the street: every problem word (the cue) or
        every thing of the street (things_likened) sits in what something is likened to."""
        return self.has(Cue.LIKENED) or self.things_likened


def _public_intent(facts: Facts) -> Intent:
    if facts.contrast and not facts.replying:
        return Intent.REPORT  # "路灯修好了，但是井盖还是松的": the manhole is a new ticket
    if _says_not_fixed(facts):
        return Intent.REOPEN
    if _sees_it_fixed(facts):
        return Intent.CONFIRM
    if (
        (facts.has(Cue.STORY) or facts.likened)
        and not facts.has(Cue.REQUEST)
        and not facts.has_photo
    ):
        # "小时候最怕晚上去公厕，黑乎乎的": a story with problem words; "我的钱包比那个坑还深"
        return Intent.NONE
    if _is_report(facts):
        return Intent.REPORT
    # "没有人来处理啊": nothing new is named, so it is about the ticket that was reported.
    if facts.has(Cue.REOPEN_SOFT) and facts.category is None and not facts.has(Cue.QUESTION):
        return Intent.REOPEN
    if _thanks_for_the_fix(facts):
        return Intent.CONFIRM
    return Intent.NONE


def _liaison_intent(facts: Facts) -> Intent:
    if facts.has(Cue.RESOLVED) and not facts.has(Cue.QUESTION | Cue.REOPEN):
        return Intent.RESOLVED
    if facts.has(Cue.ACK) or (facts.replying and facts.has(Cue.ACK_SHORT | Cue.THANKS)):
        return Intent.ACK
    if facts.has(Cue.NOTICE | Cue.QUESTION):
        return Intent.NONE
    # A liaison on patrol may report too, but only in plain words: "建设路8号井盖丢了".
    if facts.category is not None and facts.has(Cue.PROBLEM):
        return Intent.REPORT
    return Intent.NONE


def _chief_intent(facts: Facts) -> Intent:
    """The street chief may do anything: verify and close, send back, act for a department."""
    if facts.contrast and not facts.replying:
        return Intent.REPORT
    if _says_not_fixed(facts):
        return Intent.REOPEN
    if facts.has(Cue.CONFIRM) and not facts.has(_COMPLAINT | Cue.QUESTION):
        return Intent.CONFIRM
    if facts.has(Cue.RESOLVED) and not facts.has(Cue.QUESTION):
        return Intent.CONFIRM if facts.has(Cue.THANKS) else Intent.RESOLVED
    if facts.has(Cue.ACK) or (facts.replying and facts.has(Cue.ACK_SHORT)):
        # "请市政所尽快处理胜利路井盖": from the chief, 尽快处理 hands out a new problem.
        return Intent.REPORT if facts.category and _is_report(facts) else Intent.ACK
    if facts.replying and facts.has(Cue.THANKS | Cue.PRAISE):
        return Intent.CONFIRM
    if facts.has(Cue.NOTICE):
        return Intent.NONE
    return Intent.REPORT if _is_report(facts) else Intent.NONE


def _says_not_fixed(facts: Facts) -> bool:
    if facts.has(Cue.REOPEN):
        return True
    # "灯亮了一天又灭了", "修好了又坏了": the fix did not hold.
    if facts.has(Cue.CONFIRM | Cue.RESOLVED) and facts.has(Cue.REOPEN_SOFT):
        return True
    # "又坏了" answering a ticket sends it back; in the open it is a fresh report.
    return facts.replying and facts.has(Cue.REOPEN_SOFT) and not facts.has(Cue.QUESTION)


def _sees_it_fixed(facts: Facts) -> bool:
    return facts.has(Cue.CONFIRM | Cue.RESOLVED) and not facts.has(
        _COMPLAINT | Cue.QUESTION | Cue.REOPEN_SOFT
    )


def _is_report(facts: Facts) -> bool:
    if facts.has(Cue.SCHEDULE) and not facts.has(Cue.REQUEST):
        return False  # "明天停水，大家提前储水": an announcement, not a fault
    if facts.category is None:
        # Nothing configured matches: a problem or a plea, out in the street, with a place or a
        # photo ("我手机坏了" is not the street office's business), or a problem and a plea.
        if not facts.has(_COMPLAINT) or (facts.has(_DOUBT) and not facts.has(Cue.REQUEST)):
            return False
        if facts.has_place or facts.has_photo or facts.has(Cue.STREET):
            return True
        return facts.has(Cue.PROBLEM) and facts.has(Cue.REQUEST)
    if facts.has(_COMPLAINT):
        return True
    if facts.has(_DOUBT):
        return False
    return facts.has(Cue.PROBLEM_SOFT) or facts.has_photo


def _thanks_for_the_fix(facts: Facts) -> bool:
    if facts.replying:
        return facts.has(Cue.THANKS | Cue.PRAISE | Cue.ACK_SHORT)
    # "great, thank you" needs no reply to be understood; "哈哈，谢谢" and "谢谢大家" do.
    return (
        facts.category is None
        and facts.has(Cue.PRAISE)
        and facts.has(Cue.THANKS)
        and not facts.has(Cue.LAUGH)
    )
