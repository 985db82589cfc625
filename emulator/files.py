"""Files the emulator holds: uploads from the bot, photos and documents from users.

Each file gets a Telegram-looking `file_id`, a `file_unique_id` and a `file_path` that getFile
reports and `/file/bot<token>/<file_path>` serves. Photos come as Telegram sends them: several
PhotoSize entries of one picture, smallest first.
"""

from __future__ import annotations

import base64
import mimetypes
import random
import struct
from dataclasses import dataclass, field
from typing import Any

# Telegram's file ids open with a type-specific prefix; bots never parse them, but keeping the
# shape makes logs and fixtures look like production.
_ID_PREFIX = {"photo": "AgACAgUAAxkBAAI", "document": "BQACAgUAAxkBAAI"}
_PHOTO_SIDES = (90, 320, 800, 1280)


@dataclass
class StoredFile:
    file_id: str
    file_unique_id: str
    kind: str  # "photo" or "document"
    data: bytes
    file_path: str
    file_name: str | None = None
    mime_type: str | None = None
    width: int | None = None
    height: int | None = None
    source_url: str | None = None  # sent by URL: the emulator has no internet to fetch it

    def file_json(self) -> dict[str, Any]:
        """The File object getFile returns."""
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": len(self.data),
            "file_path": self.file_path,
        }

    def photo_size_json(self) -> dict[str, Any]:
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": len(self.data),
            "width": self.width,
            "height": self.height,
        }

    def document_json(self) -> dict[str, Any]:
        document: dict[str, Any] = {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": len(self.data),
        }
        if self.file_name:
            document["file_name"] = self.file_name
        if self.mime_type:
            document["mime_type"] = self.mime_type
        return document


@dataclass
class FileStore:
    rng: random.Random
    _by_id: dict[str, StoredFile] = field(default_factory=dict)
    _by_path: dict[str, StoredFile] = field(default_factory=dict)
    # Every size of a photo points at the whole set, so resending any size resends the photo.
    _photo_sets: dict[str, list[StoredFile]] = field(default_factory=dict)
    _counter: int = 0

    def _token(self, size: int) -> str:
        raw = self.rng.getrandbits(size * 8).to_bytes(size, "big")
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    def _add(self, kind: str, data: bytes, extension: str, **details: Any) -> StoredFile:
        self._counter += 1
        folder = "photos" if kind == "photo" else "documents"
        stored = StoredFile(
            file_id=_ID_PREFIX[kind] + self._token(48),
            file_unique_id="AQAD" + self._token(9),
            kind=kind,
            data=data,
            file_path=f"{folder}/file_{self._counter}{extension}",
            **details,
        )
        self._by_id[stored.file_id] = stored
        self._by_path[stored.file_path] = stored
        return stored

    def get(self, file_id: str) -> StoredFile | None:
        return self._by_id.get(file_id)

    def by_path(self, file_path: str) -> StoredFile | None:
        return self._by_path.get(file_path)

    def photo_set(self, file_id: str) -> list[StoredFile] | None:
        return self._photo_sets.get(file_id)

    def add_photo(
        self, data: bytes | None = None, source_url: str | None = None
    ) -> list[StoredFile]:
        """A photo as Telegram stores it: sizes up to the original, smallest first.

        Without bytes (a user "sends a photo", or a URL the emulator cannot fetch) every size is
        a real grey JPEG of its stated dimensions, so a bot that decodes it gets a valid picture.
        """
        if data is None:
            width, height = 1280, 960
        else:
            width, height = image_size(data) or (800, 600)
        longest = max(width, height)
        sides = [side for side in _PHOTO_SIDES if side < longest] + [longest]
        sizes = []
        for side in sides:
            scale = side / longest
            w, h = max(1, round(width * scale)), max(1, round(height * scale))
            content = data if data is not None else grey_jpeg(w, h)
            sizes.append(
                self._add("photo", content, ".jpg", width=w, height=h, source_url=source_url)
            )
        for size in sizes:
            self._photo_sets[size.file_id] = sizes
        return sizes

    def add_document(
        self,
        data: bytes,
        file_name: str | None,
        mime_type: str | None = None,
        source_url: str | None = None,
    ) -> StoredFile:
        guessed = mimetypes.guess_type(file_name)[0] if file_name else None
        if mime_type in (None, "", "application/octet-stream") and guessed:
            mime_type = guessed
        extension = ""
        if file_name and "." in file_name:
            extension = "." + file_name.rsplit(".", 1)[1][:8]
        return self._add(
            "document",
            data,
            extension,
            file_name=file_name,
            mime_type=mime_type or "application/octet-stream",
            source_url=source_url,
        )


def image_size(data: bytes) -> tuple[int, int] | None:
    """Width and height from a PNG, GIF or JPEG header; None for anything else."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return width, height
    if data[:6] in (b"GIF87a", b"GIF89a") and len(data) >= 10:
        width, height = struct.unpack("<HH", data[6:10])
        return width, height
    if data.startswith(b"\xff\xd8"):
        index = 2
        while index + 9 < len(data):
            if data[index] != 0xFF:
                return None
            marker = data[index + 1]
            length = struct.unpack(">H", data[index + 2 : index + 4])[0]
            if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
                height, width = struct.unpack(">HH", data[index + 5 : index + 9])
                return width, height
            index += 2 + length
    return None


def _segment(marker: int, payload: bytes) -> bytes:
    return bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload


def grey_jpeg(width: int, height: int) -> bytes:
    """A valid baseline JPEG of the given size, flat mid-grey.

    Every 8x8 block is "DC difference 0, end of block"; with one-symbol Huffman tables that is two
    zero bits per block, so even 1280x960 costs under 5 KB and needs no imaging library.
    """
    one_code = bytes([1] + [0] * 15)  # one Huffman code, one bit long
    header = (
        b"\xff\xd8"
        + _segment(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")
        + _segment(0xDB, b"\x00" + bytes([1] * 64))
        + _segment(0xC0, b"\x08" + struct.pack(">HH", height, width) + b"\x01\x01\x11\x00")
        + _segment(0xC4, b"\x00" + one_code + b"\x00" + b"\x10" + one_code + b"\x00")
        + _segment(0xDA, b"\x01\x01\x00\x00\x3f\x00")
    )
    blocks = -(-width // 8) * -(-height // 8)
    bits = 2 * blocks
    scan = bytearray(bits // 8)
    if bits % 8:
        scan.append((1 << (8 - bits % 8)) - 1)  # pad the last byte with ones, as JPEG requires
    return header + bytes(scan) + b"\xff\xd9"
