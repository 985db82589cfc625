"""The ledger (台账) as files: the rows and figures of a period, written as the office files them.

Used by `/export` in a private chat and by `streetdesk export`; the rows come from
tickets.ledger, the figures from tickets.figures (through the assessment), nothing is computed
here."""

from __future__ import annotations

import tempfile
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from reports.export import Words, ledger_file_name, write_xlsx
from reports.ledger_photos import LedgerPhoto
from tickets.assessment import Assessed, Assessment, Window
from tickets.ledger import ledger_rows
from tickets.model import Ticket
from tickets.ports import UnitOfWork
from tickets.taxonomy import Taxonomy

# "From the beginning": a first day before any deployment. Files and labels never show it: they
# show the day of the first ticket instead.
EARLIEST = date(2000, 1, 1)


def as_of(window: Window, now: datetime) -> Window:
    """The window ending now when it reaches past now: a ticket due at 18:00 is not overdue in
    figures taken at 14:30, whatever day the window was asked to end on."""
    if window.end <= now:
        return window
    return replace(window, end=max(window.start, now))


def shown_period(window: Window, assessed: Assessed, zone: ZoneInfo) -> tuple[date, date]:
    """The first and last day a file names: the window's, or from the first ticket reported in
    it when the window runs from the beginning."""
    first = window.first_day
    if first <= EARLIEST:
        reported = [
            t.created_at for t in assessed.tickets if window.start <= t.created_at < window.end
        ]
        first = min(reported).astimezone(zone).date() if reported else window.last_day
    return first, window.last_day


def reported_in(assessed: Assessed, window: Window) -> list[Ticket]:
    """The tickets a ledger of `window` has a row for: those reported in it."""
    return [t for t in assessed.tickets if window.start <= t.created_at < window.end]


# The photos of the ledger's tickets, linked (reports.ledger_photos.ledger_photos, bound to a
# transaction's kept photos and a way of linking).
PhotosOf = Callable[[Sequence[Ticket]], Awaitable[Sequence[LedgerPhoto]]]


@dataclass(frozen=True, slots=True)
class ExportFile:
    content: bytes
    filename: str
    count: int


class LedgerFiles:
    def __init__(
        self,
        *,
        assessment: Assessment,
        taxonomy: Taxonomy,
        zone: ZoneInfo,
        language: str,
        words: Words,
    ) -> None:
        self._assessment = assessment
        self._taxonomy = taxonomy
        self._zone = zone
        self._language = language
        self._words = words

    async def rows(
        self, uow: UnitOfWork, roads: Sequence[str] | None, window: Window
    ) -> tuple[list[dict[str, object]], Assessed]:
        """One row per ticket reported in the window, and the window's figures, read in the
        caller's transaction."""
        assessed = await self._assessment.assess(uow, window, roads)
        reported = reported_in(assessed, window)
        return ledger_rows(reported, taxonomy=self._taxonomy, zone=self._zone), assessed

    async def xlsx(
        self,
        uow: UnitOfWork,
        roads: Sequence[str] | None,
        window: Window,
        scope: str,
        photos_of: PhotosOf | None = None,
    ) -> ExportFile:
        """The ledger as an XLSX file; with `photos_of`, its photos linked (a third sheet)."""
        rows, assessed = await self.rows(uow, roads, window)
        photos = None
        if photos_of is not None:
            photos = await photos_of(reported_in(assessed, window))
        first, last = shown_period(window, assessed, self._zone)
        name = ledger_file_name(scope, first, last, "xlsx")
        label = f"{scope} {first.isoformat()} – {last.isoformat()}"
        with tempfile.TemporaryDirectory(prefix="streetdesk-export-") as folder:
            path = Path(folder) / name
            write_xlsx(
                rows,
                assessed.per_department,
                path,
                taxonomy=self._taxonomy,
                period_label=label,
                words=self._words,
                language=self._language,
                photos=photos,
            )
            return ExportFile(path.read_bytes(), name, len(rows))
