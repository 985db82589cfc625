"""The figures page and the ledger's downloads: the assessment table and department ranking of
a period (tickets/assessment.py and tickets/figures.py, the same as /stats, /rank and the
export) with the weekly chart of reports/charts.py; the ledger's filters as XLSX or CSV."""

from __future__ import annotations

import asyncio
import io
import tempfile
from datetime import datetime, time, timedelta
from pathlib import Path
from urllib.parse import quote

from aiohttp import web

from reports.charts import weekly_chart
from reports.export import ALL_ROADS, FIGURE_COLUMNS, ledger_file_name, write_csv, write_xlsx
from reports.ledger_files import EARLIEST, as_of
from reports.web.access import Scope
from reports.web.desk import Desk, scope_of_request
from reports.web.ledger_query import Filters
from tickets.assessment import Assessed, Period, Window, window_of
from tickets.figures import Figures, by, figures, ranking
from tickets.ledger import ledger_rows

# The columns of the export's figures sheet, in the order the street office reads them.
FIGURE_KEYS = FIGURE_COLUMNS
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def routes(desk: Desk) -> list[web.RouteDef]:
    async def assessed_for(scope: Scope, window: Window) -> tuple[Assessed, dict[str, Figures]]:
        roads = sorted(scope.roads) if scope.roads and not scope.departments else None
        async with desk.unit_of_work() as uow:
            assessed = await desk.assessment.assess(
                uow, window, None if scope.everything else roads
            )
        if scope.everything or roads is not None:
            return assessed, assessed.per_department
        seen = [t for t in assessed.tickets if scope.may_see(t)]
        calendar = desk.assessment.calendar

        def of(group: list) -> Figures:  # type: ignore[type-arg]
            return figures(
                group,
                start=window.start,
                end=window.end,
                taxonomy=desk.taxonomy,
                calendar=calendar,
            )

        return assessed, {k: of(g) for k, g in by(seen, lambda t: t.department).items()}

    def period_of(request: web.Request) -> tuple[str, Window]:
        chosen = request.query.get("period", Period.WEEK.value)
        period = Period(chosen) if chosen in Period._value2member_map_ else Period.WEEK
        return period.value, window_of(period, desk.clock.now(), desk.assessment.calendar)

    async def figures_page(request: web.Request) -> web.Response:
        period, window = period_of(request)
        _, per_department = await assessed_for(scope_of_request(request), window)
        rows = [
            [_cell(desk, key, department, f) for key in FIGURE_KEYS]
            for department, f in ranking(dict(per_department))
        ]
        return desk.render(
            request,
            "figures.html",
            periods=[p.value for p in Period],
            period=period,
            label=f"{window.first_day.isoformat()} – {window.last_day.isoformat()}",
            columns=FIGURE_KEYS,
            rows=rows,
        )

    async def chart(request: web.Request) -> web.Response:
        _, window = period_of(request)
        assessed, per_department = await assessed_for(scope_of_request(request), window)
        scope = scope_of_request(request)
        png = await asyncio.to_thread(
            weekly_chart,
            [t for t in assessed.tickets if scope.may_see(t)],
            per_department,
            start=window.first_day,
            end=window.last_day + timedelta(days=1),
            zone=desk.zone,
            department_names={k: desk.department_name(k) for k in per_department},
            title=f"{desk.w['figures']} {window.first_day} – {window.last_day}",
            language="en" if desk.language == "en" else "zh",
        )
        return web.Response(body=png, content_type="image/png")

    async def download(request: web.Request) -> web.Response:
        scope = scope_of_request(request)
        filters = Filters.from_query(request.query)
        if filters.road and not scope.may_filter_road(filters.road):
            return desk.message(request, "refused", 403)
        now = desk.clock.now()
        first = filters.since or EARLIEST
        last = filters.until or desk.assessment.calendar.local(now).date()
        window = as_of(
            Window(
                datetime.combine(first, time(0), desk.zone),
                datetime.combine(last + timedelta(days=1), time(0), desk.zone),
                first,
                last,
            ),
            now,
        )
        assessed, per_department = await assessed_for(scope, window)
        wanted = [
            t
            for t in assessed.tickets
            if window.start <= t.created_at < window.end
            and scope.may_see(t)
            and filters.matches(t, now, desk.zone)
        ]
        rows = ledger_rows(wanted, taxonomy=desk.taxonomy, zone=desk.zone)
        reported = [t.created_at for t in wanted]
        shown_first = desk.assessment.calendar.local(min(reported)).date() if reported else first
        label = filters.road or ALL_ROADS["en" if desk.language == "en" else "zh"]
        suffix = request.match_info["suffix"]
        name = ledger_file_name(label, max(shown_first, first), last, suffix)
        if suffix == "csv":
            text = io.StringIO(newline="")
            write_csv(rows, text)
            body, content_type = text.getvalue().encode("utf-8-sig"), "text/csv"
        else:
            body = await asyncio.to_thread(
                _xlsx, desk, rows, per_department, f"{label} {first} – {last}"
            )
            content_type = XLSX
        response = web.Response(body=body, content_type=content_type)
        response.headers["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
        response.headers["Cache-Control"] = "no-store"
        return response

    return [
        web.get("/figures", figures_page),
        web.get("/figures/chart.png", chart),
        web.get(r"/export.{suffix:xlsx|csv}", download),
    ]


def _xlsx(
    desk: Desk, rows: list[dict[str, object]], per_department: dict[str, Figures], label: str
) -> bytes:
    with tempfile.TemporaryDirectory(prefix="streetdesk-web-") as folder:
        path = Path(folder) / "ledger.xlsx"
        write_xlsx(
            rows,
            per_department,
            path,
            taxonomy=desk.taxonomy,
            period_label=label,
            words=desk.words,
            language="en" if desk.language == "en" else "zh",
        )
        return path.read_bytes()


def _cell(desk: Desk, key: str, department: str, f: Figures) -> str:
    if key == "department":
        return desk.department_name(department)
    value = getattr(f, key)
    if value is None:
        return "—"  # no tickets to measure: never a misleading 0 %
    if isinstance(value, timedelta):
        return f"{value.total_seconds() / 3600:.1f}"
    if isinstance(value, float):
        return f"{value:.1%}"
    return str(value)
