"""The weekly chart: its daily counts worked out by hand, and a PNG a phone shows well.

The week: Mon 2026-11-16 to Mon 2026-11-23 (exclusive), Asia/Shanghai, 09:00-18:00 workdays, as in
tests/unit/test_figures.py. The tests run with whatever fonts the machine has: where the outcome
depends on a CJK font being there, they check the branch that applies.
"""

from __future__ import annotations

import struct
import threading
import warnings
from datetime import date, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from matplotlib.figure import Figure

from reports.chart_fonts import cjk_font_available
from reports.charts import (
    DPI,
    FIGSIZE,
    NO_FIGURE,
    weekly_chart,
    weekly_figure,
)
from reports.daily_states import daily_states
from tests.conftest import SHANGHAI, local
from tickets.calendar import Calendar
from tickets.figures import Figures, by, figures
from tickets.lifecycle import Note
from tickets.model import Ticket
from tickets.routing import deadlines_for
from tickets.taxonomy import Taxonomy

START, END = date(2026, 11, 16), date(2026, 11, 23)
LIAISON, REPORTER, CHIEF = 5001, 42, 9001
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
NAMES = {"sanitation": "环卫所", "municipal": "市政设施养护中心", "parks": "园林绿化所"}
ENGLISH = {"sanitation": "Sanitation office", "municipal": "Municipal facilities"}


def report(
    taxonomy: Taxonomy, calendar: Calendar, number: int, at: str, category: str = "garbage"
) -> Ticket:
    moment = local(at)
    return Ticket.report(
        number=number,
        road="胜利路",
        category=category,
        department=taxonomy.category(category).department,
        text="…",
        location=None,
        reporter_id=REPORTER,
        reporter_name="",
        at=moment,
        deadlines=deadlines_for(taxonomy, calendar, category, moment),
    )


@pytest.fixture
def week(taxonomy: Taxonomy, calendar: Calendar) -> list[Ticket]:
    """Ten tickets, each for one rule of the daily counts; the comments say where each counts."""

    def deadlines(at: str):
        return deadlines_for(taxonomy, calendar, "garbage", local(at))

    # 1: reported the Thursday before and acknowledged, then nothing: acknowledged all week.
    one = report(taxonomy, calendar, 1, "2026-11-12 10:00")
    one.acknowledge(by=LIAISON, at=local("2026-11-12 10:10"))
    # 2: Mon acknowledged, Tue resolved, Wed closed; gone from Thu on, even though a photo is
    #    added to it on Fri (a note is not a state change).
    two = report(taxonomy, calendar, 2, "2026-11-16 10:00")
    two.acknowledge(by=LIAISON, at=local("2026-11-16 10:30"))
    two.resolve(by=LIAISON, at=local("2026-11-17 13:00"), verify_due=local("2026-11-18 13:00"))
    two.confirm(by=REPORTER, at=local("2026-11-18 09:00"))
    two.record(Note.PHOTO_ADDED, by=REPORTER, at=local("2026-11-20 08:00"))
    # 3: Tue 23:30, transferred on Wed and never acknowledged: open from Tue to Sun.
    three = report(taxonomy, calendar, 3, "2026-11-17 23:30")
    three.transfer(
        by=LIAISON,
        at=local("2026-11-18 09:30"),
        department="municipal",
        deadlines=deadlines("2026-11-18 09:30"),
    )
    # 4: Wed resolved straight away, Thu closed without objection, Fri reopened (open again),
    #    Sat acknowledged (and still on Sun).
    four = report(taxonomy, calendar, 4, "2026-11-18 09:00")
    four.resolve(by=LIAISON, at=local("2026-11-18 10:00"), verify_due=local("2026-11-19 10:00"))
    four.close_uncontested(at=local("2026-11-19 10:00"))
    four.reopen(by=REPORTER, at=local("2026-11-20 09:00"), deadlines=deadlines("2026-11-20 09:00"))
    four.acknowledge(by=LIAISON, at=local("2026-11-21 10:00"))
    # 5: Thu, cancelled the same morning: in no bar at all.
    five = report(taxonomy, calendar, 5, "2026-11-19 09:00")
    five.cancel(by=REPORTER, at=local("2026-11-19 12:00"))
    # 6: Fri open; Sat marked a duplicate of #3: gone from Sat on.
    six = report(taxonomy, calendar, 6, "2026-11-20 09:00")
    six.mark_duplicate(by=LIAISON, at=local("2026-11-21 09:00"), of_number=3)
    # 7: closed the week before: in no bar.
    seven = report(taxonomy, calendar, 7, "2026-11-10 10:00")
    seven.resolve(by=LIAISON, at=local("2026-11-10 11:00"), verify_due=local("2026-11-11 11:00"))
    seven.confirm(by=REPORTER, at=local("2026-11-10 12:00"))
    # 8: reported at the very end of the period (half-open): in no bar.
    eight = report(taxonomy, calendar, 8, "2026-11-23 00:00")
    # 9: Fri resolved; closed by the chief at Sat 00:00 sharp, which is Saturday's: closed on Sat.
    nine = report(taxonomy, calendar, 9, "2026-11-20 15:00")
    nine.resolve(by=LIAISON, at=local("2026-11-20 16:00"), verify_due=local("2026-11-21 16:00"))
    nine.close(by=CHIEF, at=local("2026-11-21 00:00"))
    # 10: Sat rejected an hour after the report: in no bar.
    ten = report(taxonomy, calendar, 10, "2026-11-21 11:00")
    ten.reject(by=CHIEF, at=local("2026-11-21 12:00"))
    return [one, two, three, four, five, six, seven, eight, nine, ten]


def counts(open_: int, acknowledged: int, resolved: int, closed: int) -> dict[str, int]:
    return {"open": open_, "acknowledged": acknowledged, "resolved": resolved, "closed": closed}


def per_department(
    tickets: list[Ticket], taxonomy: Taxonomy, calendar: Calendar
) -> dict[str, Figures]:
    start, end = local("2026-11-16 00:00"), local("2026-11-23 00:00")
    return {
        key: figures(group, start=start, end=end, taxonomy=taxonomy, calendar=calendar)
        for key, group in by(tickets, lambda t: t.department).items()
    }


def render(
    tickets: list[Ticket], departments: dict[str, Figures], title: str = "胜利路周报", **extra
) -> bytes:
    return weekly_chart(
        tickets,
        departments,
        start=START,
        end=END,
        zone=SHANGHAI,
        department_names=NAMES,
        title=title,
        **extra,
    )


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height from the IHDR chunk, which the PNG format puts first."""
    assert png[:8] == PNG_SIGNATURE
    length, kind = struct.unpack(">I4s", png[8:16])
    assert (length, kind) == (13, b"IHDR")
    width, height = struct.unpack(">II", png[16:24])
    return width, height


# --- the daily counts ----------------------------------------------------------------------------


def test_daily_states_match_the_week_worked_out_by_hand(week: list[Ticket]) -> None:
    assert daily_states(week, START, END, SHANGHAI) == [
        (date(2026, 11, 16), counts(0, 2, 0, 0)),  # #1 ack, #2 ack
        (date(2026, 11, 17), counts(1, 1, 1, 0)),  # #3 open, #1 ack, #2 resolved
        (date(2026, 11, 18), counts(1, 1, 1, 1)),  # #3, #1, #4 resolved, #2 closed
        (date(2026, 11, 19), counts(1, 1, 0, 1)),  # #3, #1, #4 closed (#5 cancelled)
        (date(2026, 11, 20), counts(3, 1, 1, 0)),  # #3, #4 reopened, #6 open; #1; #9 resolved
        (date(2026, 11, 21), counts(1, 2, 0, 1)),  # #3; #1, #4 ack; #9 closed at 00:00
        (date(2026, 11, 22), counts(1, 2, 0, 0)),  # #3; #1, #4
    ]


def test_days_are_cut_at_local_midnight(taxonomy: Taxonomy, calendar: Calendar) -> None:
    # Tue 07:00 in Shanghai is still Monday 23:00 in UTC.
    early = [report(taxonomy, calendar, 1, "2026-11-17 07:00")]
    monday, tuesday = date(2026, 11, 16), date(2026, 11, 17)
    assert daily_states(early, monday, tuesday + timedelta(days=1), SHANGHAI) == [
        (monday, counts(0, 0, 0, 0)),
        (tuesday, counts(1, 0, 0, 0)),
    ]
    assert daily_states(early, monday, tuesday + timedelta(days=1), ZoneInfo("UTC")) == [
        (monday, counts(1, 0, 0, 0)),
        (tuesday, counts(1, 0, 0, 0)),
    ]


def test_an_empty_week_has_seven_zero_days() -> None:
    rows = daily_states([], START, END, SHANGHAI)
    assert [day for day, _ in rows] == [START + timedelta(days=n) for n in range(7)]
    assert all(c == counts(0, 0, 0, 0) for _, c in rows)


# --- the picture ---------------------------------------------------------------------------------


def test_the_chart_is_a_png_sized_for_a_phone(week, taxonomy, calendar) -> None:
    png = render(week, per_department(week, taxonomy, calendar))
    width, height = png_size(png)
    assert (width, height) == (round(FIGSIZE[0] * DPI), round(FIGSIZE[1] * DPI))
    # Portrait, at most Telegram's 1280 px so nothing is scaled down, wide enough to read.
    assert 720 <= width <= height <= 1280
    assert len(png) < 1_000_000


def test_chinese_title_and_names_render_without_glyph_warnings(week, taxonomy, calendar) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        # An emoji too: no common font has it, CJK or not.
        png = render(week, per_department(week, taxonomy, calendar), title="📊 胜利路周报 第47周")
    assert png[:8] == PNG_SIGNATURE
    assert [str(w.message) for w in caught] == []


def test_names_and_title_fall_back_only_when_no_cjk_font_can_draw_them(
    week, taxonomy, calendar
) -> None:
    figure = weekly_figure(
        week,
        per_department(week, taxonomy, calendar),
        start=START,
        end=END,
        zone=SHANGHAI,
        department_names=NAMES,
        title="胜利路周报",
        fallback_names={"sanitation": "Sanitation office"},  # none for municipal: its key then
        fallback_title="Shengli Road weekly",
    )
    names = {label.get_text() for label in figure.axes[1].get_yticklabels()}
    if cjk_font_available():
        assert names == {"环卫所", "市政设施养护中心"}
        assert figure.get_suptitle() == "胜利路周报"
    else:
        assert names == {"Sanitation office", "municipal"}
        assert figure.get_suptitle() == "Shengli Road weekly"


def test_without_a_fallback_title_an_unreadable_one_becomes_an_english_one() -> None:
    figure = weekly_figure(
        [], {}, start=START, end=END, zone=SHANGHAI, department_names={}, title="周报"
    )
    expected = "周报" if cjk_font_available() else "Weekly summary 2026-11-16 – 2026-11-22"
    assert figure.get_suptitle() == expected


def test_a_missing_emoji_is_dropped_but_a_missing_letter_is_not() -> None:
    # A symbol is decoration: the title still reads without it. A missing letter is not.
    figure = weekly_figure(
        [],
        {"sanitation": Figures()},
        start=START,
        end=END,
        zone=SHANGHAI,
        department_names={"sanitation": "🧹 Sanitation"},
        title="📊 Shengli Road weekly",
    )
    assert figure.get_suptitle() == "Shengli Road weekly"
    assert [label.get_text() for label in figure.axes[1].get_yticklabels()] == ["Sanitation"]


def test_labels_are_chinese_only_where_they_can_be_drawn() -> None:
    figure = weekly_figure(
        [],
        {},
        start=START,
        end=END,
        zone=SHANGHAI,
        department_names={},
        title="Weekly",
        language="zh",
    )
    top = figure.axes[0]
    assert top.get_ylabel() == ("工单数" if cjk_font_available() else "tickets")


def departments_panel(figure: Figure) -> tuple[list[str], list[float], set[str]]:
    ax = figure.axes[1]
    names = [label.get_text() for label in ax.get_yticklabels()]
    widths = [bar.get_width() for bar in ax.patches]
    texts = {text.get_text() for text in ax.texts}
    return names, widths, texts


def test_departments_are_drawn_best_first_with_a_dash_for_no_figure(taxonomy, calendar) -> None:
    # sanitation: #1 resolved on time (Mon 13:00, due 18:00), #2 late (Wed, due Tue 18:00): 1/2.
    on_time = report(taxonomy, calendar, 1, "2026-11-16 10:00")
    on_time.resolve(by=LIAISON, at=local("2026-11-16 13:00"), verify_due=local("2026-11-17 13:00"))
    on_time.confirm(by=REPORTER, at=local("2026-11-16 14:00"))
    late = report(taxonomy, calendar, 2, "2026-11-17 10:00")
    late.resolve(by=LIAISON, at=local("2026-11-18 10:00"), verify_due=local("2026-11-19 10:00"))
    late.confirm(by=REPORTER, at=local("2026-11-18 11:00"))
    # municipal: a manhole (6 h around the clock) Thu 10:00, resolved 12:00, confirmed: 1/1.
    manhole = report(taxonomy, calendar, 3, "2026-11-19 10:00", category="manhole")
    manhole.resolve(by=LIAISON, at=local("2026-11-19 12:00"), verify_due=local("2026-11-20 12:00"))
    manhole.confirm(by=REPORTER, at=local("2026-11-19 13:00"))
    tickets = [on_time, late, manhole]
    departments = per_department(tickets, taxonomy, calendar)
    # parks had nothing due: in the panel, with no bar and a dash.
    departments["parks"] = figures(
        [],
        start=local("2026-11-16 00:00"),
        end=local("2026-11-23 00:00"),
        taxonomy=taxonomy,
        calendar=calendar,
    )
    english = {**ENGLISH, "parks": "Parks office"}
    figure = weekly_figure(
        tickets,
        departments,
        start=START,
        end=END,
        zone=SHANGHAI,
        department_names=NAMES,
        title="Weekly",
        fallback_names=english,
    )
    names, widths, texts = departments_panel(figure)
    shown = NAMES if cjk_font_available() else english
    assert names == [shown["municipal"], shown["sanitation"], shown["parks"]]
    assert figure.axes[1].yaxis_inverted()  # so the first of them is drawn at the top
    assert widths == pytest.approx([100.0, 50.0, 0.0])
    assert {"100% (1/1)", "50% (1/2)", NO_FIGURE} <= texts
    assert any("70%" in text for text in texts)  # the target line is labelled


def test_an_empty_week_still_renders() -> None:
    png = render([], {})
    assert png_size(png) == (round(FIGSIZE[0] * DPI), round(FIGSIZE[1] * DPI))


def test_dollar_signs_in_user_text_are_text_not_formulas() -> None:
    # A road or department named with dollar signs is shown as written. Read as a formula,
    # "$\\x$" is an unknown command: the chart would not be drawn at all.
    kwargs: dict[str, Any] = {
        "start": START,
        "end": END,
        "zone": SHANGHAI,
        "department_names": {"sanitation": "Fees $\\x$"},
        "title": "Road $\\x$ weekly",
    }
    figure = weekly_figure([], {"sanitation": Figures()}, **kwargs)
    shown = [*figure.texts, *figure.axes[1].get_yticklabels()]
    assert [(text.get_text(), text.get_parse_math()) for text in shown] == [
        ("Road $\\x$ weekly", False),
        ("Fees $\\x$", False),
    ]
    png = weekly_chart([], {"sanitation": Figures()}, **kwargs)
    assert png_size(png) == (round(FIGSIZE[0] * DPI), round(FIGSIZE[1] * DPI))


def test_the_same_week_gives_the_same_bytes_even_from_threads(week, taxonomy, calendar) -> None:
    departments = per_department(week, taxonomy, calendar)
    expected = render(week, departments)
    results: list[bytes] = []

    def draw() -> None:
        results.append(render(week, departments))

    threads = [threading.Thread(target=draw) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [expected] * 3
