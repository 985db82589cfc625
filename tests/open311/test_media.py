"""media_url: a request's photo, once it is kept on disk, is linked at the address the web desk
serves it from (/photos/<sha256>.jpg); a photo not kept yet, or photos not kept at all, give no
link."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path

from bot.database import Database
from storage.photo_files import PhotoFolder
from tests.clerk import Clerk, Reported
from tests.open311.client import client
from tests.open311.serving import serving
from tickets.clock import FakeClock
from tickets.model import Photo
from tickets.office import Office
from tickets.permissions import Actor

SHOPKEEPER = Actor(42, "王老板")
PICTURE = b"\xff\xd8\xff\xe0 not really a jpeg, kept as it came \xff\xd9"


async def keep(database: Database, clock: FakeClock, folder: PhotoFolder, file_id: str) -> str:
    """What the photo keeper does once it has downloaded a photo: on disk, and settled."""
    saved = await asyncio.to_thread(folder.save, PICTURE)
    async with database.unit_of_work() as uow:
        await uow.kept_photos.queue([(file_id, f"unique-{file_id}")])
        [due] = await uow.kept_photos.due(clock.now(), 10, "keeper", clock.now())
        await uow.kept_photos.stored(due.id, saved.sha256, saved.size_bytes)
        await uow.commit()
    return saved.sha256


async def report_lamp(service: Clerk) -> Reported:
    """A shopkeeper's report of a broken light with one photo, "photo-lamp"."""
    return await service.report(
        category="streetlight",
        text="胜利路8号门口路灯不亮",
        location="胜利路8号门口",
        reporter=SHOPKEEPER,
        photos=(Photo("photo-lamp"),),
    )


async def test_a_kept_photo_is_the_requests_media_url(
    database: Database, office: Office, service: Clerk, clock: FakeClock, tmp_path: Path
) -> None:
    folder = PhotoFolder(tmp_path / "photos")
    lamp = await report_lamp(service)
    bin_ = await service.report(
        category="trash_bin",
        text="胜利路菜场垃圾桶坏了",
        location="胜利路菜场",
        reporter=SHOPKEEPER,
        photos=(Photo("photo-bin"),),  # queued, not downloaded yet
    )
    sha256 = await keep(database, clock, folder, "photo-lamp")
    clock.advance(timedelta(minutes=1))

    async with serving(database, office, photos_kept=True) as root:
        geo = client(root)
        listed = await asyncio.to_thread(geo.get_service_requests)
        one = await asyncio.to_thread(geo.get_service_request, str(lamp.ticket.number))

    origin = root.removesuffix("/open311/v2")
    assert one["media_url"] == f"{origin}/photos/{sha256}.jpg"
    by_number = {r["service_request_id"]: r["media_url"] for r in listed}
    assert by_number == {str(lamp.ticket.number): one["media_url"], str(bin_.ticket.number): None}


async def test_with_photos_not_kept_no_request_has_a_media_url(
    database: Database, office: Office, service: Clerk, clock: FakeClock, tmp_path: Path
) -> None:
    lamp = await report_lamp(service)
    await keep(database, clock, PhotoFolder(tmp_path / "photos"), "photo-lamp")

    async with serving(database, office) as root:
        one = await asyncio.to_thread(client(root).get_service_request, str(lamp.ticket.number))

    assert one["media_url"] is None
