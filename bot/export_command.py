"""`streetdesk export`: the ledger for a period as CSV or JSON Lines (standard output by default)
or XLSX (a file named for the road and the period by default), for the street office's filing
and for outside scripts.

A file is never replaced without --force: last month's filed ledger must not vanish under this
month's because both were written with the same command.

With --photos DIR the period's kept photos are copied into DIR, named by ticket number
(`12-before-1.jpg`), and the XLSX links each to its copy by a relative path; without it, an XLSX
links them to the web desk when `[web] public_url` is set. A photo not kept (still waiting, gone
from Telegram, too big) is said so in the ledger and skipped; it never stops the export."""

from __future__ import annotations

import io
import os
import sys
import tempfile
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.services import open_services
from bot.settings import Settings
from reports.export import ALL_ROADS, ledger_file_name, write_csv, write_jsonl
from reports.ledger_files import EARLIEST, as_of, reported_in, shown_period
from reports.ledger_photos import (
    LedgerPhoto,
    Linker,
    copied_link,
    copy_photos,
    ledger_photos,
    web_link,
)
from reports.ledger_roads import check_road
from storage.kept_photos import SqlKeptPhotos
from storage.photo_files import PhotoFolder
from tickets.assessment import days_window
from tickets.clock import Clock
from tickets.model import Ticket
from tickets.ports import KeptState


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
    photos: Path | None = None,
) -> str:
    """Write the export; return a line for the terminal (empty when the data went to stdout).

    `output` may be a file or a folder (the file then gets its default name); `photos` a folder
    to copy the period's photos into. Raises ExportRefused (a period that ends before it starts,
    an existing file, a photo folder that cannot be made) or UnknownRoad."""
    zone = ZoneInfo(settings.timezone)
    now = clock.now()
    today = now.astimezone(zone).date()
    last = last or today
    if first is not None and last < first:
        raise ExportRefused(f"--to {last} is before --from {first}")
    scope = road or ALL_ROADS.get(settings.language, ALL_ROADS["en"])
    if photos is not None:
        _photo_target(photos)
    link = _linker(settings, photos, _target(output, "ledger").parent)
    copied = ""
    async with open_services(settings, clock) as services:
        window = days_window(first or EARLIEST, last + timedelta(days=1), services.calendar)
        # Today's figures are taken as of now, as the digest takes them.
        window = as_of(window, now)
        roads = [road] if road else None
        async with services.database.unit_of_work() as uow:
            if road is not None:
                await check_road(uow, services.taxonomy.roads, road)
            kept = uow.kept_photos
            if fmt == "xlsx":
                found: list[LedgerPhoto] = []

                async def photos_of(tickets: Sequence[Ticket]) -> list[LedgerPhoto]:
                    found.extend(await ledger_photos(kept, tickets, link))
                    return found

                export = await services.ledger_files.xlsx(
                    uow, roads, window, scope, photos_of if link is not None else None
                )
                target = _target(output, export.filename)
                _write_new(target, export.content, force)
                if photos is not None:
                    copied = _copy(settings, found, photos)
                return f"wrote {export.count} tickets to {target}{copied}\n"
            rows, assessed = await services.ledger_files.rows(uow, roads, window)
            if photos is not None:
                copied = await _copy_reported(settings, kept, reported_in(assessed, window), photos)
    writer = write_csv if fmt == "csv" else write_jsonl
    if output is None:
        # For scripts and pipes: no byte-order mark, nothing else on standard output.
        writer(rows, sys.stdout)
        return copied.lstrip("; ") + "\n" if copied else ""
    text = io.StringIO(newline="")
    writer(rows, text)
    # A byte-order mark is how Excel (and WPS) know a CSV is UTF-8 and show its Chinese.
    content = text.getvalue().encode("utf-8-sig" if fmt == "csv" else "utf-8")
    first_day, last_day = shown_period(window, assessed, zone)
    target = _target(output, ledger_file_name(scope, first_day, last_day, fmt))
    _write_new(target, content, force)
    return f"wrote {len(rows)} tickets to {target}{copied}\n"


def _linker(settings: Settings, photos: Path | None, ledger_dir: Path) -> Linker | None:
    """How the XLSX links photos: to their copies, else to the web desk, else not at all."""
    if photos is not None:
        return copied_link(photos, ledger_dir)
    if settings.web.public_url:
        return web_link(settings.web.public_url)
    return None


def _photo_target(photos: Path) -> None:
    try:
        photos.mkdir(parents=False, exist_ok=True)
    except OSError as error:
        raise ExportRefused(f"cannot make the photo folder {photos}: {error.strerror}") from None


async def _copy_reported(
    settings: Settings, kept: SqlKeptPhotos, tickets: list[Ticket], photos: Path
) -> str:
    found = await ledger_photos(kept, tickets)
    return _copy(settings, found, photos)


def _copy(settings: Settings, found: list[LedgerPhoto], photos: Path) -> str:
    copied = copy_photos(PhotoFolder(settings.photo_folder()), found, photos)
    missing = sum(1 for photo in found if photo.state is not KeptState.STORED)
    not_kept = f", {missing} not kept (see the ledger)" if missing else ""
    return f"; copied {copied} photos to {photos}{not_kept}"


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
