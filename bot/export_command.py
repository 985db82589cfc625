"""`streetdesk export`: the ledger for a period as CSV or JSON Lines (standard output by default)
or XLSX (a dated file by default), for the street office's filing and for outside scripts."""

from __future__ import annotations

import sys
from datetime import date, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.services import open_services
from bot.settings import Settings
from reports.export import write_csv, write_jsonl
from tickets.assessment import days_window
from tickets.clock import Clock

EARLIEST = date(2000, 1, 1)  # "from the beginning": before any deployment


async def run_export(
    settings: Settings,
    clock: Clock,
    *,
    fmt: str,
    first: date | None,
    last: date | None,
    road: str | None,
    output: Path | None,
) -> str:
    """Write the export; return a line for the terminal (empty when the data went to stdout)."""
    zone = ZoneInfo(settings.timezone)
    today = clock.now().astimezone(zone).date()
    first, last = first or EARLIEST, last or today
    if last < first:
        raise ValueError(f"--to {last} is before --from {first}")
    async with open_services(settings, clock) as services:
        files = services.ledger_files
        window = days_window(first, last + timedelta(days=1), services.calendar)
        roads = [road] if road else None
        if fmt == "xlsx":
            scope = road or "StreetDesk"
            async with services.database.unit_of_work() as uow:
                export = await files.xlsx(uow, roads, window, scope)
            target = output or Path(export.filename)
            target.write_bytes(export.content)
            return f"wrote {export.count} tickets to {target}\n"
        async with services.database.unit_of_work() as uow:
            rows, _ = await files.rows(uow, roads, window)
        writer = write_csv if fmt == "csv" else write_jsonl
        if output is None:
            writer(rows, sys.stdout)
            return ""
        # A BOM lets Excel open a UTF-8 CSV with the Chinese intact.
        with output.open(
            "w", encoding="utf-8-sig" if fmt == "csv" else "utf-8", newline=""
        ) as stream:
            writer(rows, stream)
        return f"wrote {len(rows)} tickets to {output}\n"
