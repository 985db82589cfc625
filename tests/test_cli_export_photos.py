"""`streetdesk export --photos DIR`: the period's kept photos copied next to the ledger, named by
ticket number, and the XLSX linking each to its copy; a photo not kept says why and is skipped.
Without --photos, the XLSX links to the web desk when `[web] public_url` is set."""

from __future__ import annotations

import asyncio
from pathlib import Path

import openpyxl
from click.testing import CliRunner

from bot.cli import main
from bot.database import open_database
from bot.services import office_for
from bot.settings import load_settings
from emulator.files import grey_jpeg
from storage.photo_files import PhotoFolder
from tests.clerk import Clerk
from tests.conftest import EXAMPLE_CONFIG, local
from tickets.clock import FakeClock
from tickets.model import Photo, PhotoKind
from tickets.permissions import Actor
from tickets.ports import MissingReason
from tickets.roles import Role

SHOPKEEPER = Actor(42, "王老板")
LIGHTS = Actor(5001, "小李", Role.LIAISON, frozenset({"lighting"}))
PICTURES = {"before-a": grey_jpeg(640, 480), "before-b": grey_jpeg(320, 240)}
PICTURES["after-a"] = grey_jpeg(800, 600)


async def _fill(config: Path) -> None:
    """Ticket 1 with two photos before and one after, all kept; ticket 2 with one Telegram no
    longer had."""
    settings = load_settings(config)
    clock = FakeClock(local("2026-11-18 10:00"))
    database = await open_database(settings.database_url(), clock)
    clerk = Clerk(database, office_for(settings, settings.taxonomy(), settings.calendar(), clock))
    first = await clerk.report(
        category="streetlight",
        text="路灯不亮",
        location="胜利路8号",
        reporter=SHOPKEEPER,
        photos=(Photo("before-a"), Photo("before-b")),
    )
    await clerk.acknowledge(first.ticket.number, LIGHTS)
    await clerk.resolve(first.ticket.number, LIGHTS, photos=(Photo("after-a", PhotoKind.AFTER),))
    await clerk.report(
        category="streetlight",
        text="路灯闪",
        location="胜利路12号",
        reporter=SHOPKEEPER,
        photos=(Photo("gone"),),
    )
    folder = PhotoFolder(settings.photo_folder())
    async with database.unit_of_work() as uow:
        await uow.kept_photos.queue([(f, "") for f in [*PICTURES, "gone"]])
        due = await uow.kept_photos.due(clock.now(), 10, "test", clock.now())
        for row in due:
            if row.file_id == "gone":
                await uow.kept_photos.missing(row.id, MissingReason.NOT_FOUND, "invalid file_id")
            else:
                saved = folder.save(PICTURES[row.file_id])
                await uow.kept_photos.stored(row.id, saved.sha256, saved.size_bytes)
        await uow.commit()
    await database.close()


def _ledger(tmp_path: Path, extra: str = "") -> Path:
    config = tmp_path / "streetdesk.toml"
    config.write_text(EXAMPLE_CONFIG.read_text(encoding="utf-8") + extra, "utf-8")
    asyncio.run(_fill(config))
    return config


def _export(config: Path, *args: str) -> str:
    result = CliRunner().invoke(
        main,
        ["export", "--config", str(config), "--from", "2026-11-18", "--to", "2026-11-18", *args],
    )
    assert result.exit_code == 0, result.output
    return result.output


def test_photos_are_copied_beside_the_ledger_named_by_ticket_and_linked(tmp_path: Path) -> None:
    config = _ledger(tmp_path)
    out = tmp_path / "filed"
    out.mkdir()
    said = _export(config, "--output", str(out), "--photos", str(out / "照片"))
    assert "copied 3 photos" in said and "1 not kept" in said
    copies = {p.name: p.read_bytes() for p in (out / "照片").iterdir()}
    assert copies == {
        "1-before-1.jpg": PICTURES["before-a"],
        "1-before-2.jpg": PICTURES["before-b"],
        "1-after-1.jpg": PICTURES["after-a"],
    }
    (xlsx,) = out.glob("*.xlsx")
    book = openpyxl.load_workbook(xlsx)
    ledger, photos = book["台账"], book["照片"]
    titles = [cell.value for cell in ledger[1]]
    before = ledger.cell(row=2, column=titles.index("处置前照片") + 1)
    assert before.value == "照片/1-before-1.jpg 照片/1-before-2.jpg"
    assert before.hyperlink is not None and before.hyperlink.target == "照片/1-before-1.jpg"
    missing = ledger.cell(row=3, column=titles.index("处置前照片") + 1)
    assert missing.value == "缺失（Telegram 已无此文件）" and missing.hyperlink is None
    rows = [[cell.value for cell in row] for row in photos.iter_rows(min_row=2)]
    assert rows == [
        [1, "处置前", "照片/1-before-1.jpg", "已保存", None],
        [1, "处置前", "照片/1-before-2.jpg", "已保存", None],
        [1, "处置后", "照片/1-after-1.jpg", "已保存", None],
        [2, "处置前", None, "缺失", "Telegram 已无此文件"],
    ]
    assert photos.cell(row=4, column=3).hyperlink.target == "照片/1-after-1.jpg"


def test_without_a_photo_folder_the_ledger_links_to_the_web_desk(tmp_path: Path) -> None:
    config = _ledger(tmp_path)
    text = config.read_text("utf-8").replace(
        'public_url = ""', 'public_url = "https://desk.example.cn/"', 1
    )
    config.write_text(text, "utf-8")
    _export(config, "--output", str(tmp_path))
    (xlsx,) = tmp_path.glob("*.xlsx")
    links = [row[2].value for row in openpyxl.load_workbook(xlsx)["照片"].iter_rows(min_row=2)]
    assert all(link.startswith("https://desk.example.cn/photos/") for link in links[:3])
    assert links[0].endswith(".jpg") and "//photos" not in links[0]
    assert list(tmp_path.glob("*-before-*.jpg")) == []  # nothing copied


def test_a_csv_export_copies_the_photos_too(tmp_path: Path) -> None:
    config = _ledger(tmp_path)
    said = _export(
        config,
        "--format",
        "csv",
        "--output",
        str(tmp_path / "l.csv"),
        "--photos",
        str(tmp_path / "p"),
    )
    assert "copied 3 photos" in said
    assert sorted(p.name for p in (tmp_path / "p").iterdir()) == [
        "1-after-1.jpg",
        "1-before-1.jpg",
        "1-before-2.jpg",
    ]
