"""Photos kept as evidence: the queue (one row per photo, found from the tickets, settled once)
and the content-addressed folder on disk."""

from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import text

from bot.database import Database
from emulator.files import grey_jpeg
from scheduler.leadership import LEASE
from storage.migrate import downgrade, upgrade
from storage.photo_files import (
    PhotoFolder,
    photo_name,
    public_url_of,
    sha256_of,
    thumbnail_name,
    url_path,
)
from tests.clerk import Clerk
from tickets.clock import FakeClock
from tickets.model import Photo, PhotoKind
from tickets.permissions import Actor
from tickets.ports import KeptState, MissingReason

SHOPKEEPER = Actor(42, "王老板")
LIGHTING = Actor(5001, "小李", departments=frozenset({"lighting"}))
HOLDER = "keeper-a"


async def _report(service: Clerk, *photos: Photo) -> int:
    reported = await service.report(
        category="streetlight",
        text="胜利路8号门口路灯不亮",
        location="胜利路8号",
        reporter=SHOPKEEPER,
        photos=photos,
    )
    return reported.ticket.number


async def _discover(database: Database) -> int:
    async with database.unit_of_work() as uow:
        mark = await uow.kept_photos.seen_mark()
        queued, highest = await uow.kept_photos.discover(mark or 0, 500)
        await uow.kept_photos.set_seen_mark(highest)
        await uow.commit()
    return queued


async def _lead(
    database: Database, clock: FakeClock, holder: str = HOLDER, minutes: int = 5
) -> None:
    async with database.unit_of_work() as uow:
        now = clock.now()
        assert await uow.leases.hold(LEASE, holder, now, now + timedelta(minutes=minutes))
        await uow.commit()


async def test_the_photos_of_tickets_before_the_upgrade_are_queued_once_each(
    database: Database, database_url: str, service: Clerk
) -> None:
    await downgrade(database_url, "0007")
    await _report(service, Photo("same"), Photo("other"))
    await _report(service, Photo("same"))  # the same picture on a second ticket
    await upgrade(database_url)
    async with database.unit_of_work() as uow:
        found = await uow.kept_photos.find(["same", "other", "never-seen"])
        counts = await uow.kept_photos.counts()
    assert {file_id: kept.state for file_id, kept in found.items()} == {
        "same": KeptState.WAITING,
        "other": KeptState.WAITING,
    }
    assert counts[KeptState.WAITING] == 2
    await downgrade(database_url, "0007")  # and back: the queue goes, the tickets stay
    await upgrade(database_url)


async def test_photos_of_reports_resolutions_and_reopenings_are_found_and_queued_once(
    database: Database, service: Clerk
) -> None:
    number = await _report(service, Photo("before-1"), Photo("before-2"))
    assert await _discover(database) == 2
    await service.acknowledge(number, LIGHTING)
    await service.resolve(number, LIGHTING, photos=(Photo("after-1", PhotoKind.AFTER),))
    await service.reopen(number, SHOPKEEPER, photos=(Photo("before-1"), Photo("reopen-1")))
    assert await _discover(database) == 2  # after-1 and reopen-1; before-1 is queued already
    assert await _discover(database) == 0
    async with database.unit_of_work() as uow:
        found = await uow.kept_photos.find(["before-1", "before-2", "after-1", "reopen-1"])
    assert set(found) == {"before-1", "before-2", "after-1", "reopen-1"}


async def test_a_photo_written_late_behind_the_mark_is_still_found(
    database: Database, service: Clerk
) -> None:
    # The keeper looks again from a little before its mark: a photo whose id is below the mark
    # (its transaction committed after a later one's) is found all the same.
    await _report(service, Photo("first"))
    await _report(service, Photo("second"))
    await _discover(database)
    async with database.unit_of_work() as uow:
        # As if "first" had not been committed when the keeper last looked.
        await uow.session.execute(text("DELETE FROM kept_photos WHERE file_id = 'first'"))
        await uow.commit()
    async with database.unit_of_work() as uow:
        mark = await uow.kept_photos.seen_mark()
        assert mark is not None
        queued, _ = await uow.kept_photos.discover(max(0, mark - 1000), 500)
        await uow.commit()
    assert queued == 1


async def test_a_missing_photo_is_settled_and_the_rest_stay_due(
    database: Database, service: Clerk, clock: FakeClock
) -> None:
    await _report(service, Photo("gone"), Photo("fine"), Photo("flaky"))
    await _discover(database)
    await _lead(database, clock)
    now = clock.now()
    stale = now - timedelta(minutes=3)
    async with database.unit_of_work() as uow:
        due = {row.file_id: row.id for row in await uow.kept_photos.due(now, 10, HOLDER, stale)}
        assert set(due) == {"gone", "fine", "flaky"}
        for row_id in due.values():
            assert await uow.kept_photos.claim(row_id, HOLDER, LEASE, now, stale)
        await uow.kept_photos.missing(due["gone"], MissingReason.NOT_FOUND, "invalid file_id")
        await uow.kept_photos.stored(due["fine"], "ab" * 32, 1234)
        await uow.kept_photos.retry_later(due["flaky"], now + timedelta(minutes=1), "HTTP 502")
        await uow.commit()
    async with database.unit_of_work() as uow:
        assert await uow.kept_photos.due(now, 10, HOLDER, stale) == []
        later = now + timedelta(minutes=1)
        assert [row.file_id for row in await uow.kept_photos.due(later, 10, HOLDER, stale)] == [
            "flaky"
        ]
        found = await uow.kept_photos.find(["gone", "fine", "flaky"])
        by_digest = await uow.kept_photos.by_sha256("ab" * 32)
    assert found["gone"].state is KeptState.MISSING
    assert found["gone"].missing_reason is MissingReason.NOT_FOUND
    assert found["gone"].detail == "invalid file_id"
    assert found["fine"].state is KeptState.STORED and found["fine"].size_bytes == 1234
    assert found["flaky"].state is KeptState.WAITING and found["flaky"].detail == "HTTP 502"
    assert found["flaky"].attempts == 1
    assert by_digest is not None and by_digest.file_id == "fine"


async def test_only_the_leader_claims_and_a_claim_is_taken_over_once_stale(
    database: Database, service: Clerk, clock: FakeClock
) -> None:
    await _report(service, Photo("one"))
    await _discover(database)
    now = clock.now()
    stale = now - timedelta(minutes=3)
    async with database.unit_of_work() as uow:
        (row,) = await uow.kept_photos.due(now, 10, HOLDER, stale)
        assert not await uow.kept_photos.claim(row.id, HOLDER, LEASE, now, stale)  # no lease
    await _lead(database, clock, minutes=1)
    async with database.unit_of_work() as uow:
        assert await uow.kept_photos.claim(row.id, HOLDER, LEASE, now, stale)
        await uow.commit()
    clock.advance(timedelta(minutes=2))
    await _lead(database, clock, "keeper-b")  # the lease moved on (the first holder died)
    now = clock.now()
    async with database.unit_of_work() as uow:
        assert await uow.kept_photos.due(now, 10, "keeper-b", now - timedelta(minutes=3)) == []
    clock.advance(timedelta(minutes=2))
    await _lead(database, clock, "keeper-b")
    now = clock.now()
    async with database.unit_of_work() as uow:
        stale = now - timedelta(minutes=3)
        assert [r.id for r in await uow.kept_photos.due(now, 10, "keeper-b", stale)] == [row.id]
        assert await uow.kept_photos.claim(row.id, "keeper-b", LEASE, now, stale)


# --- the folder on disk ---------------------------------------------------------------------


def test_a_photo_is_stored_once_under_its_digest_with_a_small_thumbnail(tmp_path: Path) -> None:
    folder = PhotoFolder(tmp_path / "photos")
    data = grey_jpeg(1280, 960)
    saved = folder.save(data)
    again = folder.save(data)
    assert saved == again
    assert saved.sha256 == sha256_of(data) and saved.size_bytes == len(data) and saved.thumbnail
    photo = folder.photo(saved.sha256)
    assert photo == tmp_path / "photos" / saved.sha256[:2] / f"{saved.sha256}.jpg"
    assert photo.read_bytes() == data
    thumbnail = folder.thumbnail(saved.sha256)
    assert thumbnail is not None
    with Image.open(io.BytesIO(thumbnail.read_bytes())) as small:
        assert small.format == "JPEG" and small.size == (320, 240)
    files = [p for p in (tmp_path / "photos").rglob("*") if p.is_file()]
    assert len(files) == 2  # no temporary file left behind


# Pillow warns of any picture this large; a JPEG is drafted down before it is decoded.
@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
def test_a_photo_of_a_hundred_million_pixels_gets_its_thumbnail_quickly(tmp_path: Path) -> None:
    saved = PhotoFolder(tmp_path).save(grey_jpeg(12000, 9000))
    thumbnail = PhotoFolder(tmp_path).thumbnail(saved.sha256)
    assert thumbnail is not None
    with Image.open(thumbnail) as small:
        assert small.size == (320, 240)


def test_bytes_that_are_no_picture_are_kept_without_a_thumbnail(tmp_path: Path) -> None:
    folder = PhotoFolder(tmp_path)
    saved = folder.save(b"not a jpeg at all")
    assert not saved.thumbnail
    assert folder.photo(saved.sha256) is not None
    assert folder.thumbnail(saved.sha256) is None


def test_names_and_urls_take_only_a_digest() -> None:
    digest = "0f" * 32
    assert photo_name(digest) == f"0f/{digest}.jpg"
    assert thumbnail_name(digest) == f"0f/{digest}.thumb.jpg"
    assert url_path(digest) == f"/photos/{digest}.jpg"
    assert url_path(digest, thumbnail=True) == f"/photos/{digest}.thumb.jpg"
    assert public_url_of("https://desk.example.cn/", digest) == (
        f"https://desk.example.cn/photos/{digest}.jpg"
    )
    with pytest.raises(ValueError, match="not a sha256"):
        photo_name("../../etc/passwd")
