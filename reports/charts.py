"""The weekly summary's chart: one PNG that a street chief takes in at a glance on a phone.

Top panel: the tickets in play on each day of the period, stacked by the state each one was in at
the end of that day. Bottom panel: the on-time closure rate (按期结案率) of each department, in the
order of the ranking, against the published target of 70 %. The rates come from tickets.figures
and are only drawn here, never computed.

Rendering uses a Figure of its own on the Agg canvas and never pyplot: pyplot keeps global state
(the current figure, a registry that holds every figure until it is closed) that leaks in a
long-running server and races between threads.

Fonts: department names and the title are often Chinese, and a server may have no CJK font. Every
text is checked against the glyphs of the fonts actually used before it is drawn; a text the fonts
cannot draw is swapped for a readable fallback (English names, an English title) instead of being
drawn as boxes with a "Glyph missing" warning. Warnings are avoided rather than filtered because
`warnings.catch_warnings` changes process-wide state and is not safe in threads.
"""

from __future__ import annotations

import textwrap
import threading
import unicodedata
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from io import BytesIO
from typing import Final, Literal
from zoneinfo import ZoneInfo

from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from reports.chart_fonts import Fonts, chart_fonts
from reports.daily_states import BUCKETS, daily_states
from tickets.figures import Figures, ranking
from tickets.model import Ticket

# 8 × 9 inches at 110 dpi = 880 × 990 px: portrait like a phone screen, below the 1280 px that
# Telegram scales photos down to, so nothing is resampled and the text stays sharp.
FIGSIZE: Final = (8.0, 9.0)
DPI: Final = 110
TARGET_ON_TIME_CLOSURE: Final = 0.70  # lifecycle.md: 按期结案率 ≥ 70 % (published city rules)

# Okabe-Ito colours: told apart with the common colour-vision deficiencies, unlike red/green.
_COLOURS: Final[Mapping[str, str]] = {
    "open": "#D55E00",
    "acknowledged": "#E69F00",
    "resolved": "#56B4E9",
    "closed": "#009E73",
}
# Count labels inside a stack: white on the dark colours, near-black on the light ones.
_INK: Final[Mapping[str, str]] = {
    "open": "white",
    "acknowledged": "#222222",
    "resolved": "#222222",
    "closed": "white",
}
_BELOW_TARGET: Final = "#D55E00"
_AT_TARGET: Final = "#009E73"

Language = Literal["zh", "en"]

_WORDS: Final[Mapping[Language, Mapping[str, str]]] = {
    "en": {
        "open": "open",
        "acknowledged": "acknowledged",
        "resolved": "resolved",
        "closed": "closed",
        "daily": "Tickets each day, by state at the day's end",
        "tickets": "tickets",
        "no_tickets": "No tickets in this period",
        "on_time": "On-time closure rate by department",
        "on_time_axis": "closed on time ÷ due to close in the period",
        "target": "target {target}",
        "no_departments": "No department figures for this period",
        "default_title": "Weekly summary {start} – {last}",
    },
    "zh": {
        "open": "待签收",
        "acknowledged": "已签收",
        "resolved": "已处置",
        "closed": "已结案",
        "daily": "每日工单（按当日结束时的状态）",
        "tickets": "工单数",
        "no_tickets": "本期没有工单",
        "on_time": "各部门按期结案率",
        "on_time_axis": "按期结案数 ÷ 本期应结案数",
        "target": "目标 {target}",
        "no_departments": "本期没有部门数据",
        "default_title": "周报 {start} 至 {last}",
    },
}
NO_FIGURE: Final = "—"  # as rendering.py shows a rate that has no denominator

# Matplotlib promises little about threads: separate figures mostly work, but the font and
# text-layout caches they share were not written for concurrent draws. A weekly chart is rare
# and takes a fraction of a second, so drawing one at a time costs nothing and rules that out.
_DRAW_LOCK: Final = threading.Lock()


# --- the picture -------------------------------------------------------------------------------


def weekly_chart(
    tickets: Sequence[Ticket],
    per_department: Mapping[str, Figures],
    *,
    start: date,
    end: date,
    zone: ZoneInfo,
    department_names: Mapping[str, str],
    title: str,
    fallback_names: Mapping[str, str] | None = None,
    fallback_title: str | None = None,
    language: Language = "en",
) -> bytes:
    """The weekly chart as PNG bytes (880 × 990 px); see weekly_figure for the arguments."""
    figure = weekly_figure(
        tickets,
        per_department,
        start=start,
        end=end,
        zone=zone,
        department_names=department_names,
        title=title,
        fallback_names=fallback_names,
        fallback_title=fallback_title,
        language=language,
    )
    buffer = BytesIO()
    try:
        with _DRAW_LOCK:
            # No "Software" chunk: the bytes then depend on the data alone, not on the version.
            figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    finally:
        # Nothing else holds the figure (no pyplot registry); clearing breaks the artists'
        # reference cycles so the memory goes back at once rather than at the next GC run.
        figure.clear()
    return buffer.getvalue()


def weekly_figure(
    tickets: Sequence[Ticket],
    per_department: Mapping[str, Figures],
    *,
    start: date,
    end: date,
    zone: ZoneInfo,
    department_names: Mapping[str, str],
    title: str,
    fallback_names: Mapping[str, str] | None = None,
    fallback_title: str | None = None,
    language: Language = "en",
) -> Figure:
    """The weekly chart as a matplotlib Figure on an Agg canvas, not yet drawn.

    tickets: with their history, those relevant to [start, end) (local dates, end exclusive).
    per_department: computed by tickets.figures. department_names: key -> name, in the configured
    language. fallback_names / fallback_title: used where the fonts cannot draw a name or the
    title (no CJK font); without them a department shows its key and the title an English one.
    language: of the axis labels and legend; Chinese only where a CJK font can draw it.
    """
    fonts = chart_fonts()
    words = _words(language, fonts)
    figure = Figure(figsize=FIGSIZE, dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)  # attaches itself: the figure renders with Agg whatever the backend
    # The bottom panel grows with the departments so that two-line names never touch; the top
    # one keeps most of the height when there are few.
    share = min(max(0.3 + 0.08 * len(per_department), 0.6), 1.3)
    top, bottom = figure.subplots(2, 1, height_ratios=(1.0, share))
    last_day = end - timedelta(days=1)
    shown_title = (
        fonts.readable(title)
        or (fonts.readable(fallback_title) if fallback_title else None)
        or _WORDS["en"]["default_title"].format(start=start.isoformat(), last=last_day.isoformat())
    )
    # parse_math off: a "$" in a user's title or a name is text, not the start of a formula.
    figure.suptitle(
        shown_title,
        fontsize=17,
        fontweight=fonts.title_weight,
        fontfamily=fonts.families,
        parse_math=False,
    )
    _draw_daily(top, daily_states(tickets, start, end, zone), words, fonts)
    names = {
        key: _department_label(key, department_names, fallback_names, fonts)
        for key in per_department
    }
    _draw_on_time(bottom, ranking(dict(per_department)), names, words, fonts)
    return figure


def _words(language: Language, fonts: Fonts) -> Mapping[str, str]:
    wanted = _WORDS[language]
    if all(fonts.readable(text) == text for text in wanted.values()):
        return wanted
    return _WORDS["en"]  # the requested language cannot be drawn: keep the labels readable


def _department_label(
    key: str,
    department_names: Mapping[str, str],
    fallback_names: Mapping[str, str] | None,
    fonts: Fonts,
) -> str:
    for candidate in (department_names.get(key), (fallback_names or {}).get(key), key):
        shown = fonts.readable(candidate) if candidate else None
        if shown:
            return _wrap(shown)
    return "?"  # a key the fonts cannot draw: only a broken config gets here


def _wrap(name: str) -> str:
    """Long names on two or more lines, so the bars keep most of the panel's width."""
    if not any(unicodedata.east_asian_width(char) in "WF" for char in name):
        return textwrap.fill(name, width=24)
    # A Chinese character is about twice as wide as a Latin letter and there are no spaces to
    # break at: cut into equal lines, so "综合行政执法局（城管）" never leaves "）" on a line alone.
    if len(name) <= 12:
        return name
    lines = -(-len(name) // 12)
    width = -(-len(name) // lines)
    return "\n".join(name[i : i + width] for i in range(0, len(name), width))


def _draw_daily(
    ax: Axes, rows: list[tuple[date, dict[str, int]]], words: Mapping[str, str], fonts: Fonts
) -> None:
    positions = list(range(len(rows)))
    totals = [sum(counts.values()) for _, counts in rows]
    highest = max(totals, default=0)
    stacked = [0] * len(rows)
    bars = None
    for bucket in BUCKETS:
        heights = [counts[bucket] for _, counts in rows]
        bars = ax.bar(
            positions,
            heights,
            bottom=stacked,
            width=0.7,
            color=_COLOURS[bucket],
            label=words[bucket],
        )
        # A count inside its stack only where the stack is tall enough to hold the digits.
        ax.bar_label(
            bars,
            labels=[str(h) if h and h >= 0.08 * highest else "" for h in heights],
            label_type="center",
            color=_INK[bucket],
            fontsize=11,
        )
        stacked = [below + h for below, h in zip(stacked, heights, strict=True)]
    if bars is not None and highest:
        # Labels of the top stack sit at the top of the whole bar: the day's total.
        ax.bar_label(
            bars, labels=[str(total) for total in totals], padding=3, fontsize=12, fontweight="bold"
        )
    ax.set_xticks(
        positions,
        [day.strftime("%m-%d") for day, _ in rows],
        rotation=45 if len(rows) > 10 else 0,  # a month would not fit upright
        fontsize=12,
    )
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    # Headroom for the totals above the tallest bar and for the legend.
    ax.set_ylim(0, max(highest, 1) * 1.3)
    ax.set_ylabel(words["tickets"], fontsize=12, fontfamily=fonts.families)
    ax.set_title(words["daily"], fontsize=14, loc="left", fontfamily=fonts.families)
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis="y", alpha=0.3)
    ax.set_axisbelow(True)
    if highest:
        ax.legend(
            ncols=len(BUCKETS),
            loc="upper center",
            frameon=False,
            prop=font_manager.FontProperties(family=list(fonts.families), size=11),
        )
    else:
        ax.set_yticks([])  # a scale of nothing says nothing
        ax.text(
            0.5,
            0.5,
            words["no_tickets"],
            transform=ax.transAxes,
            ha="center",
            va="center",
            fontsize=14,
            color="#666666",
            fontfamily=fonts.families,
            bbox={"facecolor": "white", "edgecolor": "none"},  # readable across the target line
        )


def _draw_on_time(
    ax: Axes,
    ranked: list[tuple[str, Figures]],
    names: Mapping[str, str],
    words: Mapping[str, str],
    fonts: Fonts,
) -> None:
    positions = list(range(len(ranked)))
    rates = [f.on_time_closure_rate for _, f in ranked]
    ax.barh(
        positions,
        [0.0 if rate is None else rate * 100 for rate in rates],
        height=0.6,
        color=[
            _AT_TARGET if rate is not None and rate >= TARGET_ON_TIME_CLOSURE else _BELOW_TARGET
            for rate in rates
        ],
    )
    for position, rate, (_, f) in zip(positions, rates, ranked, strict=True):
        # The counts beside the rate: 100 % of 1 and 100 % of 30 are not the same week.
        label = NO_FIGURE if rate is None else f"{rate:.0%} ({f.closed_on_time}/{f.due_to_close})"
        value = 0.0 if rate is None else rate * 100
        ax.text(value + 1.5, position, label, va="center", fontsize=11, fontfamily=fonts.families)
    ax.set_yticks(
        positions,
        [names[key] for key, _ in ranked],
        fontsize=11,
        fontfamily=fonts.families,
        parse_math=False,
    )
    ax.invert_yaxis()  # the best department at the top, as the ranking reads
    # Room right of 100 % for the label of a full bar.
    ax.set_xlim(0, 125)
    ax.set_xticks([0, 25, 50, 75, 100], ["0%", "25%", "50%", "75%", "100%"], fontsize=11)
    ax.axvline(TARGET_ON_TIME_CLOSURE * 100, color="#444444", linestyle="--", linewidth=1.2)
    ax.text(
        TARGET_ON_TIME_CLOSURE * 100,
        1.0,
        words["target"].format(target=f"{TARGET_ON_TIME_CLOSURE:.0%}"),
        transform=ax.get_xaxis_transform(),  # x in data (the line), y in axes (just above it)
        ha="center",
        va="bottom",
        fontsize=11,
        color="#444444",
        fontfamily=fonts.families,
    )
    ax.set_xlabel(words["on_time_axis"], fontsize=11, color="#444444", fontfamily=fonts.families)
    ax.set_title(words["on_time"], fontsize=14, loc="left", pad=22, fontfamily=fonts.families)
    ax.spines[["top", "right"]].set_visible(False)
    if not ranked:
        ax.set_yticks([])
        ax.text(
            0.5,
            0.5,
            words["no_departments"],
            transform=ax.transAxes,
            ha="center",
            va="center",
            fontsize=14,
            color="#666666",
            fontfamily=fonts.families,
            bbox={"facecolor": "white", "edgecolor": "none"},  # readable across the target line
        )
