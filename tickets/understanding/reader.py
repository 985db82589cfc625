"""Understanding: what a group message means, given who wrote it and what it answers.

Two voices read each message: the hand-written rules (rules.py: roles, replies, announcements,
the configured keywords) and the statistical model trained on the corpus (model.py: the speech
act and the category from the words). decide.py makes one answer of the two; the place comes
from the place extractor (location.py), which knows the shapes of place phrases.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache

from tickets.roles import Role
from tickets.taxonomy import Category
from tickets.understanding.categories import CategoryMatcher
from tickets.understanding.decide import (
    ALTERNATIVES,
    KEYWORD_BONUS,
    MODEL_WEIGHT,
    MODEL_WEIGHT_AGAINST_A_LIKENING,
    Decision,
    decide_category,
    decide_intent,
    model_intents,
)
from tickets.understanding.explain import Explanation, place_decision
from tickets.understanding.model import MODEL_PATH, LinearModel, Scores
from tickets.understanding.normalise import normalise, simplify
from tickets.understanding.phrases import INTENT_CUES, TABLES, Cue
from tickets.understanding.reading import NOTHING, Intent, Reading
from tickets.understanding.rules import (
    FIXED,
    Facts,
    PlaceSpan,
    another_one_broken,
    broken_part,
    complaint_only,
    first_of_several,
    rule_intent,
)
from tickets.understanding.signals import Cues, PhraseScanner, all_inside, likened_parts
from tickets.understanding.site_parts import is_surface, site_part_after
from tickets.understanding.trie import compile_phrases

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Blend:
    """How much each voice counts. The default is what won on the development sets; the
    benches also run the rules alone (0, 0, 1) and the model alone (1, 1, 0)."""

    intent_model_weight: float = MODEL_WEIGHT
    category_model_weight: float = 1.0
    keyword_bonus: float = KEYWORD_BONUS


RULES_ALONE = Blend(0.0, 0.0, 1.0)
MODEL_ALONE = Blend(1.0, 1.0, 0.0)


@cache
def shipped_model() -> LinearModel:
    """The model in the package, loaded once per process."""
    return LinearModel.load(MODEL_PATH)


class Understanding:
    def __init__(
        self,
        categories: Iterable[Category],
        *,
        fallback_category: str = "other",
        intent_phrases: Mapping[str, Sequence[str]] | None = None,
        model: LinearModel | None = None,
        blend: Blend = Blend(),
    ) -> None:
        """`intent_phrases` adds phrases by intent name: "ack", "resolved", "reopen", "confirm",
        "report" (a problem word) or "none" (a phrase that should mean nothing). `model` replaces
        the shipped model (after retraining, see learning.py)."""
        tables = {cue: tuple(phrases) for cue, phrases in TABLES.items()}
        for name, phrases in (intent_phrases or {}).items():
            if name not in INTENT_CUES:
                known = ", ".join(sorted(INTENT_CUES))
                raise ValueError(f"unknown intent {name!r} in intent_phrases (known: {known})")
            if isinstance(phrases, str):
                raise TypeError(f"intent_phrases[{name!r}] must be a list of phrases, not a string")
            cue = INTENT_CUES[name]
            tables[cue] = (*tables.get(cue, ()), *phrases)
        categories = tuple(categories)
        self._scanner = PhraseScanner(tables)
        # Phrases a city configured are its own decision: where one appears, the rules decide.
        configured_phrases = [
            simplify(phrase).strip()
            for phrases in (intent_phrases or {}).values()
            for phrase in phrases
            if simplify(phrase).strip()
        ]
        self._city_phrases = compile_phrases(configured_phrases) if configured_phrases else None
        self._builtin_scanner = PhraseScanner(TABLES) if configured_phrases else None
        self._keywords = CategoryMatcher(categories, fallback_category=fallback_category)
        self._configured = frozenset(category.key for category in categories)
        self._fallback_category = fallback_category
        self._model = model if model is not None else shipped_model()
        self._blend = blend

    def read(
        self,
        text: str,
        *,
        role: Role = Role.PUBLIC,
        has_photo: bool = False,
        replying_to_ticket: bool = False,
    ) -> Reading:
        try:
            return self.interpret(
                text, role=role, has_photo=has_photo, replying_to_ticket=replying_to_ticket
            )
        except Exception:  # a chat message must never stop the bot; no ticket is the safe answer
            log.exception("message_not_understood", extra={"length": len(str(text))})
            return NOTHING

    def interpret(
        self,
        text: str,
        *,
        role: Role = Role.PUBLIC,
        has_photo: bool = False,
        replying_to_ticket: bool = False,
    ) -> Reading:
        """`read` without the safety net, for tests that want to see a failure."""
        return self._understand(text, role, has_photo, replying_to_ticket)[0]

    def read_as_report(
        self, text: str, *, role: Role = Role.PUBLIC, has_photo: bool = False
    ) -> Reading:
        """`text` read as a report whatever its words say it is: for a problem said to be back by
        someone with nothing of theirs to reopen (tickets/intake.py), whose words still say what."""
        try:
            reading = self._understand(text, role, has_photo, False, as_report=True)[0]
        except Exception:  # as in read(): the caller falls back to the triage category
            log.exception("message_not_understood", extra={"length": len(str(text))})
            reading = NOTHING
        # no words at all (a photo alone): a report of nothing yet known, for triage
        return reading if reading.intent is Intent.REPORT else Reading(Intent.REPORT)

    def explain(
        self,
        text: str,
        *,
        role: Role = Role.PUBLIC,
        has_photo: bool = False,
        replying_to_ticket: bool = False,
    ) -> Explanation:
        """What decided the intent, the category and the place, each with a confidence."""
        return self._understand(text, role, has_photo, replying_to_ticket)[1]

    def _score(self, text: str, cues: Cues) -> Scores:
        # The model learnt the built-in cues; a city's extra phrases are the rules' business.
        found = (
            cues.found if self._builtin_scanner is None else self._builtin_scanner.scan(text).found
        )
        return self._model.score(text, found)

    def _intent(self, text: str, facts: Facts, role: Role, scores: Scores | None) -> Decision:
        rule = rule_intent(facts, role)
        if scores is None:
            return Decision(rule.value, 1.0, "rules", "")
        if self._city_phrases is not None and self._city_phrases.search(text):
            return Decision(rule.value, 1.0, "rules", "a phrase in the configuration")
        cues = facts.cues.found
        # Broken "again" with nothing to answer ("@路灯所 灯又坏了"), unless the words speak of
        # the fix ("井盖换了没两天又松了"); or a new thing broken beside a fixed one.
        fresh_again = (
            not facts.replying
            and facts.category is not None
            and (
                facts.contrast
                or not cues & (Cue.REOPEN | Cue.CONFIRM | Cue.RESOLVED | Cue.FIX_BEFORE)
            )
        )
        intents = model_intents(
            scores.acts,
            role,
            replying=facts.replying,
            thanks=bool(cues & Cue.THANKS),
            fresh_again=fresh_again,
        )
        weight = self._blend.intent_model_weight
        # only the public rules read likenings
        likening = role is Role.PUBLIC and rule is Intent.NONE and facts.likened
        if likening and weight < 1.0:  # (the model alone stays alone)
            # The likening is read from the shape of the sentence, which the model's n-grams do
            # not see: the model must be surer to call it a report ("脾气跟路口的红绿灯一样").
            weight = min(weight, MODEL_WEIGHT_AGAINST_A_LIKENING)
        return decide_intent(rule, intents, weight)

    def _things_likened(self, text: str) -> bool:
        """Whether every thing of the street `text` names (a category's keyword) is what
        something else is likened to: "鼻子堵得跟雨天的下水道似的" is about a nose, whatever the
        problem word says."""
        parts = likened_parts(text)
        if not parts:
            return False
        starts = self._keywords.thing_starts(text)
        return bool(starts) and all_inside(starts, parts)

    def _set_against_another(
        self, text: str, complaint: str, category: str | None, cues: int
    ) -> bool:
        """Whether the part of `text` left out of the complaint (what is fine, fixed or comes
        second) names a thing of another kind than the complaint's: "路灯修好了，但是井盖还是松的"
        is a new problem beside a fixed one. "不是说处理完了吗 油烟还是往我家窗户飘" and "KTV说关
        小了 现在还是震得窗户响" set the fix of the same problem against it: it came back."""
        if complaint == text or category is None:
            return False
        other = self._keywords.choose(_left_out(text, complaint))
        if other is None:
            # the left-out part names no thing: another problem ("路面补好了，但…单车乱停"),
            # unless a fix was spoken of
            return not cues & Cue.FIX_BEFORE
        return other != category

    def _another_of_the_fixed(
        self, text: str, complaint: str, cues: Cues, place: PlaceSpan
    ) -> str | None:
        """The kind of thing said to be fine or fixed, when the part still broken names none of
        its own ("东段的井盖换好了，学校门口那个还是松的", "新换的垃圾桶挺好，就是车站旁那个还是
        破的"): it is another of that thing, and the whole message says what. Not the first of
        several problems ("电线垂得太低，另外垃圾桶也满了"): a thing without keywords is still the
        first, for the model to read."""
        if complaint == text or not cues.found & FIXED:
            return None
        return self._keywords.choose(
            text, landmark_span=place.span, problem_starts=cues.problem_starts
        )

    def _first_of_several(self, text: str, cues: Cues) -> str:
        """The first of several problems (rules.first_of_several), or `text`; kept only when the
        model reads that first clause as the keywords do: a clause that only sets the scene
        ("工地的渣土车倒车把路灯杆撞歪了，灯也不亮了") names another category's thing in passing,
        and the model, which reads all its words, says so."""
        first = first_of_several(text, cues.problem_starts, self._keywords.choose)
        if first == text or self._blend == RULES_ALONE:
            return first
        scores = self._score(first, self._scanner.scan(first)).categories
        best = max(scores, key=scores.__getitem__, default=None)
        return first if best == self._keywords.choose(first) else text

    def _with_site_part(
        self, text: str, span: tuple[int, int] | None, category: str | None
    ) -> tuple[int, int] | None:
        """The place with the part of the site after it ("学校门口人行道", "菜市场公厕"), except a
        surface that is itself the broken thing (site_parts.py). Joined only now, after the
        category, which must not take the site's word for part of a name."""
        part = site_part_after(text, span[1]) if span is not None else None
        if span is None or part is None:
            return span
        if is_surface(part.group()) and self._keywords.names(category or "", part.group()):
            return span
        return span[0], part.end()

    def _understand(
        self, text: str, role: Role, has_photo: bool, replying: bool, *, as_report: bool = False
    ) -> tuple[Reading, Explanation]:
        if not isinstance(text, str):
            return NOTHING, Explanation.nothing("not text")
        message = normalise(text)
        if not message.text:
            # A photo or a sticker alone says nothing we can act on.
            return NOTHING, Explanation.nothing("no words")
        cues = self._scanner.scan(message.text)
        complaint = complaint_only(message.text, cues, self._scanner, self._keywords.choose)
        if complaint == message.text and not cues.found & FIXED:
            complaint = self._first_of_several(message.text, cues)
        # several problems, the first one kept: joined by a word ("，另外") or not
        several = complaint != message.text and not cues.found & FIXED
        broken = broken_part(message.text, cues, self._scanner, complaint)
        place = PlaceSpan(message.text, cues.word_spans, message.display, broken)
        keyword_category = self._keywords.choose(
            complaint, landmark_span=place.span, problem_starts=cues.problem_starts
        )
        # The broken part may name no thing of its own: it is another of the fixed thing.
        fixed_kind = None
        if keyword_category is None:
            fixed_kind = self._another_of_the_fixed(message.text, complaint, cues, place)
        facts = Facts(
            cues=cues,
            category=keyword_category or fixed_kind,
            place=place,
            has_photo=bool(has_photo) or message.has_photo,
            replying=bool(replying),
            contrast=self._set_against_another(
                message.text, complaint, keyword_category, cues.found
            )
            or another_one_broken(message.text, broken),
            things_likened=self._things_likened(message.text),
        )
        scores = self._score(message.text, cues) if self._blend != RULES_ALONE else None
        intent_decision = self._intent(message.text, facts, role, scores)
        if as_report:
            intent_decision = Decision(Intent.REPORT.value, 1.0, "asked", "read as a report")
        intent = Intent(intent_decision.value)
        if intent is not Intent.REPORT:
            return Reading(intent), Explanation(intent_decision, None, None)
        if fixed_kind is not None:  # the whole message says what was fixed and broke
            keyword_category, complaint = fixed_kind, message.text
        category_scores = scores.categories if scores is not None else {}
        if scores is not None and complaint != message.text:
            category_scores = self._score(complaint, self._scanner.scan(complaint)).categories
        category_decision, alternatives = decide_category(
            keyword_category,
            category_scores,
            self._configured,
            self._fallback_category,
            model_weight=self._blend.category_model_weight,
            keyword_bonus=self._blend.keyword_bonus,
        )
        if several and scores is not None:
            second = self._keywords.choose(_left_out(message.text, complaint))
            alternatives = _with_second_problem(
                alternatives, category_decision.value, second, scores.categories
            )
        if complaint != message.text:
            # the category was read on part of the message: --explain says so
            category_decision = replace(
                category_decision,
                detail=f"{category_decision.detail}; read without what is fine or comes second",
            )
        span = self._with_site_part(message.text, place.span(), category_decision.value)
        location = (message.as_typed[span[0] : span[1]] or None) if span else None
        reading = Reading(
            Intent.REPORT,
            category_decision.value,
            location,
            confidence=category_decision.confidence,
            alternatives=alternatives,
        )
        return reading, Explanation(intent_decision, category_decision, place_decision(location))


def _left_out(text: str, complaint: str) -> str:
    """What `complaint` (text with parts blanked out, same length) leaves out of `text`."""
    return "".join(
        kept if kept != blank else "," for kept, blank in zip(text, complaint, strict=True)
    )


def _with_second_problem(
    alternatives: tuple[str, ...],
    decided: str,
    second_by_keywords: str | None,
    whole: Mapping[str, float],
) -> tuple[str, ...]:
    """The likely departments of a message with several problems: the one decided, then the
    second problem's (by its keywords, else the whole message's best other one), for the triage
    buttons, then the rest."""
    ranked = sorted(whole, key=whole.__getitem__, reverse=True)
    others = [kind for kind in (second_by_keywords, *ranked) if kind and kind != decided][:1]
    return tuple(dict.fromkeys((*alternatives[:1], *others, *alternatives)))[:ALTERNATIVES]
