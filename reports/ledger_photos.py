"""The ledger's photos: each ticket's photos with where the office finds them, and a period's
photos copied next to the ledger, named by ticket number.

A photo is linked one of two ways, chosen by whoever exports:
- copied beside the ledger (`streetdesk export --photos DIR`): `DIR/<number>-<kind>-<n>.jpg`, linked
  by a path relative to the ledger file, so the folder and the spreadsheet can be moved or
  burned to a disc together;
- on the web desk (`[web] public_url`): `<public_url>/photos/<sha256>.jpg`.
A photo not stored (still waiting, or missing: gone from Telegram, too big) has no link and says
why; it never stops the rest of the export.
"""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from openpyxl.worksheet.worksheet import Worksheet

from storage.photo_files import PhotoFolder, public_url_of
from tickets.ledger import COLUMNS
from tickets.model import Ticket
from tickets.ports import KeptPhotos, KeptState

log = logging.getLogger("streetdesk.export")


@dataclass(frozen=True, slots=True)
class LedgerPhoto:
    ticket_number: int
    kind: str  # before (the report, a reopening), after (the repair)
    index: int  # 1, 2... within the ticket's photos of this kind
    file_id: str
    state: KeptState  # a photo never queued counts as waiting
    sha256: str | None
    why: str | None  # the missing reason
    link: str | None = None  # a relative path or a URL; None: not stored

    @property
    def name(self) -> str:
        """Its file name beside the ledger: the ticket number says whose it is."""
        return f"{self.ticket_number}-{self.kind}-{self.index}.jpg"


# How a stored photo is linked: from the photo to a path or URL.
Linker = Callable[[LedgerPhoto], str]


def web_link(public_url: str) -> Linker:
    """Links to the web desk: `<public_url>/photos/<sha256>.jpg`."""
    return lambda photo: public_url_of(public_url, photo.sha256 or "")


def copied_link(photos_dir: Path, ledger_dir: Path) -> Linker:
    """Links to the copies in `photos_dir`, relative to the folder the ledger is written in."""
    relative = Path(os.path.relpath(photos_dir.resolve(), ledger_dir.resolve()))
    return lambda photo: (relative / photo.name).as_posix()


async def ledger_photos(
    kept: KeptPhotos, tickets: Sequence[Ticket], link: Linker | None = None
) -> list[LedgerPhoto]:
    """The tickets' photos in ticket and history order (each photo once per ticket), with what
    became of each and, when stored and `link` is given, its link."""
    wanted = [(t.number, p.file_id, p.kind.value) for t in tickets for p in t.photos]
    found = await kept.find(file_id for _, file_id, _ in wanted)
    photos: list[LedgerPhoto] = []
    seen: set[tuple[int, str]] = set()
    counts: dict[tuple[int, str], int] = {}
    for number, file_id, kind in wanted:
        if (number, file_id) in seen:
            continue
        seen.add((number, file_id))
        index = counts[number, kind] = counts.get((number, kind), 0) + 1
        record = found.get(file_id)
        state = record.state if record is not None else KeptState.WAITING
        reason = record.missing_reason if record is not None else None
        photo = LedgerPhoto(
            ticket_number=number,
            kind=kind,
            index=index,
            file_id=file_id,
            state=state,
            sha256=record.sha256 if record is not None else None,
            why=reason.value if reason is not None else None,
        )
        if link is not None and state is KeptState.STORED and photo.sha256:
            photo = _with_link(photo, link(photo))
        photos.append(photo)
    return photos


def copy_photos(folder: PhotoFolder, photos: Sequence[LedgerPhoto], target: Path) -> int:
    """Copy the stored photos into `target` under their ledger names; how many were copied. A
    photo recorded stored but not on disk (the folder was moved, a file deleted) is logged and
    skipped."""
    target.mkdir(parents=True, exist_ok=True)
    copied = 0
    for photo in photos:
        if photo.state is not KeptState.STORED or not photo.sha256:
            continue
        source = folder.photo(photo.sha256)
        if source is None:
            log.warning("photo_not_on_disk", extra={"sha256": photo.sha256})
            continue
        shutil.copyfile(source, target / photo.name)
        copied += 1
    return copied


def _with_link(photo: LedgerPhoto, link: str) -> LedgerPhoto:
    return LedgerPhoto(
        photo.ticket_number,
        photo.kind,
        photo.index,
        photo.file_id,
        photo.state,
        photo.sha256,
        photo.why,
        link,
    )


# --- in the spreadsheet ----------------------------------------------------------------------

PHOTO_SHEET_TITLES: dict[str, str] = {"zh": "照片", "en": "Photos"}
_SHEET_COLUMNS: dict[str, tuple[str, ...]] = {
    "zh": ("工单编号", "类别", "照片", "状态", "原因"),
    "en": ("Ticket", "Kind", "Photo", "State", "Why"),
}
_WORDS: dict[str, dict[str, str]] = {
    "zh": {
        "before": "处置前",
        "after": "处置后",
        "stored": "已保存",
        "waiting": "待下载",
        "missing": "缺失",
        "not_found": "Telegram 已无此文件",
        "too_big": "超过 20 MB",
        "refused": "Telegram 拒绝",
    },
    "en": {
        "before": "before",
        "after": "after",
        "stored": "kept",
        "waiting": "waiting",
        "missing": "missing",
        "not_found": "no longer on Telegram",
        "too_big": "over 20 MB",
        "refused": "refused by Telegram",
    },
}


def shown(photo: LedgerPhoto, language: str) -> str:
    """What a ledger cell says for a photo: its link, or its state (and why)."""
    if photo.link is not None:
        return photo.link
    words = _WORDS.get(language, _WORDS["en"])
    said = words[photo.state.value]
    return f"{said}（{words.get(photo.why, photo.why)}）" if photo.why else said


# The ledger's photo columns, and the kind of photo each holds.
_LEDGER_COLUMNS = {"photos_before": "before", "photos_after": "after"}


def with_photo_links(
    rows: Sequence[Mapping[str, object]], photos: Sequence[LedgerPhoto], language: str
) -> list[dict[str, object]]:
    """The rows with each photo column saying where its photos are, not their file ids."""
    of_ticket: dict[tuple[object, str], list[str]] = {}
    for photo in photos:
        of_ticket.setdefault((photo.ticket_number, photo.kind), []).append(shown(photo, language))
    return [
        {
            **row,
            **{
                key: " ".join(of_ticket.get((row.get("number"), kind), [])) or None
                for key, kind in _LEDGER_COLUMNS.items()
            },
        }
        for row in rows
    ]


def link_first_photos(sheet: Worksheet, photos: Sequence[LedgerPhoto]) -> None:
    """A photo cell opens the first of its photos that is kept (sheet 3 links every one)."""
    column_of = {kind: COLUMNS.index(key) + 1 for key, kind in _LEDGER_COLUMNS.items()}
    row_of = {sheet.cell(row=r, column=1).value: r for r in range(2, sheet.max_row + 1)}
    linked: set[tuple[int, str]] = set()
    for photo in photos:
        key = (photo.ticket_number, photo.kind)
        if photo.link is None or key in linked or photo.ticket_number not in row_of:
            continue
        linked.add(key)
        sheet.cell(
            row=row_of[photo.ticket_number], column=column_of[photo.kind]
        ).hyperlink = photo.link


def fill_photo_sheet(sheet: Worksheet, photos: Sequence[LedgerPhoto], language: str) -> None:
    """One row per photo: its ticket, before or after, the link (clickable), state and why."""
    words = _WORDS.get(language, _WORDS["en"])
    sheet.append(list(_SHEET_COLUMNS.get(language, _SHEET_COLUMNS["en"])))
    for photo in photos:
        why = words.get(photo.why, photo.why) if photo.why else ""
        sheet.append(
            [
                photo.ticket_number,
                words[photo.kind],
                photo.link or "",
                words[photo.state.value],
                why,
            ]
        )
        if photo.link is not None:
            sheet.cell(row=sheet.max_row, column=3).hyperlink = photo.link
    sheet.freeze_panes = "A2"
    for letter, width in zip("ABCDE", (10, 10, 48, 10, 24), strict=True):
        sheet.column_dimensions[letter].width = width
