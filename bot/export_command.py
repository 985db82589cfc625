"""`streetdesk export`: the ledger for a period as CSV or JSON Lines (standard output by default)
or XLSX (a file named for the road and the period by default), for the street office's filing
and for outside scripts.

A file is never replaced without --force: last month's filed ledger must not vanish under this
month's because both were written with the same command."""

from __future__ import annotations

import io
import os
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.services import open_services
from bot.settings import Settings
from reports.export import ALL_ROADS, ledger_file_name, write_csv, write_jsonl
from reports.ledger_files import EARLIEST, as_of, shown_period
from reports.ledger_roads import check_road
from tickets.assessment import days_window
from tickets.clock import Clock


class ExportRefused(ValueError):
    """The export was not written; the message says why in one sentence."""


async def run_export(
    settings: Settings,
    clock: Clock,
    *,
    fmt: str,
    first: date | None,
    last: date | None,
    road: str | None,
    output: Path | None,
    force: bool = False,
) -> str:
    """Write the export; return a line for the terminal (empty when the data went to stdout).

    `output` may be a file or a folder (the file then gets its default name). Raises
    ExportRefused (a period that ends before it starts, an existing file) or UnknownRoad."""
    zone = ZoneInfo(settings.timezone)
    now = clock.now()
    today = now.astimezone(zone).date()
    last = last or today
    if first is not None and last < first:
        raise ExportRefused(f"--to {last} is before --from {first}")
    scope = road or ALL_ROADS.get(settings.language, ALL_ROADS["en"])
    async with open_services(settings, clock) as services:
        window = days_window(first or EARLIEST, last + timedelta(days=1), services.calendar)
        # Today's figures are taken as of now, as the digest takes them.
        window = as_of(window, now)
        roads = [road] if road else None
        async with services.database.unit_of_work() as uow:
            if road is not None:
                await check_road(uow, services.taxonomy.roads, road)
            if fmt == "xlsx":
                export = await services.ledger_files.xlsx(uow, roads, window, scope)
                target = _target(output, export.filename)
                _write_new(target, export.content, force)
                return f"wrote {export.count} tickets to {target}\n"
            rows, assessed = await services.ledger_files.rows(uow, roads, window)
    writer = write_csv if fmt == "csv" else write_jsonl
    if output is None:
        # For scripts and pipes: no byte-order mark, nothing else on standard output.
        writer(rows, sys.stdout)
        return ""
    text = io.StringIO(newline="")
    writer(rows, text)
    # A byte-order mark is how Excel (and WPS) know a CSV is UTF-8 and show its Chinese.
    content = text.getvalue().encode("utf-8-sig" if fmt == "csv" else "utf-8")
    first_day, last_day = shown_period(window, assessed, zone)
    target = _target(output, ledger_file_name(scope, first_day, last_day, fmt))
    _write_new(target, content, force)
    return f"wrote {len(rows)} tickets to {target}\n"


def _target(output: Path | None, default_name: str) -> Path:
    if output is None:
        return Path(default_name)
    return output / default_name if output.is_dir() else output


def _write_new(target: Path, content: bytes, force: bool) -> None:
    """Write `target` whole; an existing file only with `force`, and then replaced in one step
    so that a failed export never leaves half a ledger where a whole one was."""
    if not target.parent.is_dir():
        raise ExportRefused(f"cannot write {target}: the folder {target.parent} does not exist")
    if not force:
        try:
            with target.open("xb") as stream:
                stream.write(content)
        except FileExistsError:
            raise ExportRefused(
                f"{target} exists already; choose another --output or add --force to replace it"
            ) from None
        return
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
