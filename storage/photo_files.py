"""The photos kept as evidence, on disk: a content-addressed folder.

A photo is stored once, however many tickets or events show it, as
`<folder>/<sha256[:2]>/<sha256>.jpg`, with a thumbnail `<sha256>.thumb.jpg` beside it. Telegram
hands photos out as JPEG, so the name says .jpg whatever the bytes. A file is written under a
temporary name and renamed into place, so a crash never leaves half a photo under a real name:
a name that exists holds the whole photo. The web desk serves them as `/photos/<sha256>.jpg`.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps

log = logging.getLogger("streetdesk.photos")

THUMBNAIL_SIDE = 320  # the longest side, in pixels: a card in a list, a cell in the web desk
_SHA256 = re.compile(r"[0-9a-f]{64}")


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def photo_name(sha256: str) -> str:
    """The photo's path inside the folder, with forward slashes (also its URL's tail)."""
    return f"{_checked(sha256)[:2]}/{sha256}.jpg"


def thumbnail_name(sha256: str) -> str:
    return f"{_checked(sha256)[:2]}/{sha256}.thumb.jpg"


def url_path(sha256: str, thumbnail: bool = False) -> str:
    """Where the web desk serves it: /photos/<sha256>.jpg (or .thumb.jpg)."""
    return f"/photos/{_checked(sha256)}{'.thumb' if thumbnail else ''}.jpg"


def public_url_of(public_url: str, sha256: str, thumbnail: bool = False) -> str:
    """The photo's address for people and other systems (Open311 `media_url`, the ledger):
    `[web] public_url` + /photos/<sha256>.jpg."""
    return public_url.rstrip("/") + url_path(sha256, thumbnail)


def _checked(sha256: str) -> str:
    # A digest from a URL becomes a path: nothing but 64 hex digits may reach the disk.
    if not _SHA256.fullmatch(sha256):
        raise ValueError("not a sha256 digest")
    return sha256


@dataclass(frozen=True, slots=True)
class Saved:
    sha256: str
    size_bytes: int
    thumbnail: bool  # False when the bytes could not be read as a picture


@dataclass(frozen=True, slots=True)
class PhotoFolder:
    root: Path

    def photo(self, sha256: str) -> Path | None:
        """The stored photo's file, or None if it is not on disk."""
        path = self.root / photo_name(sha256)
        return path if path.is_file() else None

    def thumbnail(self, sha256: str) -> Path | None:
        """Its thumbnail, or None (not on disk, or the bytes were no picture Pillow reads)."""
        path = self.root / thumbnail_name(sha256)
        return path if path.is_file() else None

    def save(self, data: bytes) -> Saved:
        """Store `data` under its digest with a thumbnail; storing the same bytes again only
        makes a thumbnail that is missing. Blocking: run it in a thread."""
        sha256 = sha256_of(data)
        target = self.root / photo_name(sha256)
        if not target.is_file():
            _write_whole(target, data)
        thumb = self.root / thumbnail_name(sha256)
        made = thumb.is_file()
        if not made:
            small = make_thumbnail(data)
            if small is not None:
                _write_whole(thumb, small)
                made = True
        return Saved(sha256, len(data), made)


def make_thumbnail(data: bytes, side: int = THUMBNAIL_SIDE) -> bytes | None:
    """A JPEG at most `side` pixels on its longest side, turned upright as the camera said;
    None when the bytes are no picture Pillow can read (the photo itself is kept anyway)."""
    try:
        with Image.open(io.BytesIO(data)) as opened:
            # A JPEG is decoded already scaled down (by up to 8): a 20 MB photo of 100 million
            # pixels is never held whole in memory.
            opened.draft("RGB", (side, side))
            picture = ImageOps.exif_transpose(opened)
            picture.thumbnail((side, side))
            out = io.BytesIO()
            picture.convert("RGB").save(out, "JPEG", quality=80)
    except Exception as error:  # any undecodable or hostile file: no thumbnail, never a crash
        log.warning("photo_thumbnail_failed", extra={"error": type(error).__name__})
        return None
    return out.getvalue()


def _write_whole(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())  # evidence: on disk before the database says stored
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
