"""Learning from the desk's corrections: proposals and retraining are checked against the corpus
before the office takes anything in."""

from __future__ import annotations

import pytest

from tests.unit.test_understanding import load_categories
from tickets.roles import Role
from tickets.understanding import Intent, Understanding
from tickets.understanding.corpus import load_corpus
from tickets.understanding.learning import (
    Change,
    Example,
    check_change,
    propose_keywords,
    retrain,
)

CATEGORIES = load_categories()
# A small slice of the corpus keeps these tests quick; the CLI checks against all of it.
CORPUS = load_corpus()[::12]


def corrected(texts: list[tuple[str, str]]) -> list[Example]:
    understanding = Understanding(CATEGORIES)
    return [Example(text, Role.PUBLIC, understanding.read(text), key) for text, key in texts]


# A word this city uses for the grate over a storm drain, which nobody taught the reader.
GRATES = [
    ("马路边的雨水箅子被人偷了两个", "drainage"),
    ("雨水箅子缺了一块，车轮子卡进去了", "drainage"),
    ("门口那个雨水箅子被压断了", "drainage"),
]


def test_keywords_are_proposed_from_corrections_and_not_from_chat() -> None:
    proposals = propose_keywords(corrected(GRATES), CATEGORIES, CORPUS)
    assert [(p.category, p.keyword) for p in proposals][:1] == [("drainage", "雨水箅子")]
    assert all(p.examples >= 2 for p in proposals)


def test_a_proposed_keyword_is_checked_against_the_corpus() -> None:
    check = check_change(Change(keywords={"drainage": ("雨水箅子",)}), CATEGORIES, [], CORPUS)
    assert check.broken == ()
    assert check.after == check.before
    assert check.safe()


def test_a_keyword_that_breaks_other_messages_is_shown_as_unsafe() -> None:
    # "坏了" is in every category's reports: as a drainage keyword it breaks some of them.
    check = check_change(Change(keywords={"drainage": ("坏了",)}), CATEGORIES, [], CORPUS)
    assert check.broken
    assert all(b.after.category == "drainage" for b in check.broken)
    assert not check.safe()


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_retraining_with_corrections_reads_them_right_and_breaks_little() -> None:
    pytest.importorskip("sklearn")
    examples = corrected([*GRATES, ("路边躺着一个翻倒的共享充电宝柜，电线都露出来了", "other")])
    model = retrain(examples, CORPUS)
    check = check_change(Change(model=model), CATEGORIES, examples, CORPUS)
    assert check.examples_right_after >= check.examples_right_before
    assert check.examples_right_after >= len(examples) - 1
    assert check.after.intent >= check.before.intent - 0.02
    after = Understanding(CATEGORIES, model=model).read("雨水箅子又被偷了一个")
    assert (after.intent, after.category) == (Intent.REPORT, "drainage")


def test_reports_written_for_the_category_boundaries_do_not_tilt_the_speech_acts() -> None:
    """Rows of kind `boundary` teach the category model; the act model does not learn from them
    (only the n-grams they bring to the vocabulary move it a little)."""
    from dataclasses import replace

    from tickets.understanding.model import LinearModel
    from tickets.understanding.normalise import normalise
    from tickets.understanding.training import CATEGORY_ONLY, train

    base = CORPUS[::6]
    reports = [row for row in load_corpus() if row.category == "drainage"][:100]
    boundary = [replace(row, kind=CATEGORY_ONLY, category="water_supply") for row in reports]
    plain = [replace(row, kind="report", category="water_supply") for row in reports]
    without, with_boundary, with_plain = train(base), train(base + boundary), train(base + plain)
    chatter = [normalise(row.text).text for row in base if row.intent is Intent.NONE]

    def tilt(model: LinearModel) -> float:
        """How much more often than `without` the model reads the chatter as a report."""
        return sum(
            model.score(text).acts["report"] - without.score(text).acts["report"]
            for text in chatter
        ) / len(chatter)

    assert abs(tilt(with_boundary)) * 4 < tilt(with_plain)
    drain = normalise(reports[0].text).text
    assert (
        with_boundary.score(drain).categories["water_supply"]
        > (without.score(drain).categories["water_supply"])
    )
