"""Photos and documents: uploads (attach:// and direct), file ids, getFile and the download URL."""

from __future__ import annotations

import aiohttp
import pytest
from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import BufferedInputFile, Chat, User

from emulator import Emulator
from emulator.files import grey_jpeg, image_size
from tests.emulator.conftest import TOKEN

PNG_640x480 = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x02\x80\x00\x00\x01\xe0\x08\x02\x00\x00\x00"
    + b"\x00" * 64
)


async def test_send_photo_uploads_with_attach_and_returns_photo_sizes(
    emulator: Emulator, bot: Bot, group: Chat
) -> None:
    photo = BufferedInputFile(PNG_640x480, filename="现场.png")
    sent = await bot.send_photo(group.id, photo, caption="<b>现场照片</b>", parse_mode="HTML")

    call = emulator.calls("sendPhoto")[0]
    assert call.params["photo"].startswith("attach://")  # aiogram's way of uploading
    assert sent.photo is not None
    assert [(size.width, size.height) for size in sent.photo] == [(90, 68), (320, 240), (640, 480)]
    assert sent.caption == "现场照片"
    assert sent.caption_entities is not None and sent.caption_entities[0].type == "bold"
    assert emulator.file_bytes(sent.photo[-1].file_id) == PNG_640x480
    assert emulator.sent_messages()[0].html == "<b>现场照片</b>"


async def test_a_photo_file_id_can_be_sent_again(bot: Bot, group: Chat) -> None:
    first = await bot.send_photo(group.id, BufferedInputFile(PNG_640x480, "a.png"))
    assert first.photo is not None
    again = await bot.send_photo(group.id, first.photo[0].file_id)
    assert again.photo is not None
    assert [size.file_unique_id for size in again.photo] == [
        size.file_unique_id for size in first.photo
    ]
    with pytest.raises(TelegramBadRequest, match="wrong file identifier/HTTP URL specified"):
        await bot.send_photo(group.id, "AgACAgUAAxkBAAI-not-a-real-id")


async def test_a_photo_by_url_is_stored_without_fetching(
    emulator: Emulator, bot: Bot, group: Chat
) -> None:
    sent = await bot.send_photo(group.id, "https://example.com/map.jpg")
    assert sent.photo is not None and sent.photo[-1].width == 1280
    stored = emulator.world.files.get(sent.photo[-1].file_id)
    assert stored is not None and stored.source_url == "https://example.com/map.jpg"


async def test_direct_multipart_upload_over_raw_http(emulator: Emulator, group: Chat) -> None:
    form = aiohttp.FormData()
    form.add_field("chat_id", str(group.id))
    form.add_field("caption", "直接上传")
    form.add_field("photo", PNG_640x480, filename="p.png", content_type="image/png")
    async with (
        aiohttp.ClientSession() as http,
        http.post(f"{emulator.base_url}/bot{TOKEN}/sendPhoto", data=form) as response,
    ):
        body = await response.json()
    assert body["ok"] is True
    assert body["result"]["photo"][-1]["width"] == 640
    assert body["result"]["caption"] == "直接上传"


async def test_caption_limit(bot: Bot, group: Chat) -> None:
    with pytest.raises(TelegramBadRequest, match="message caption is too long"):
        await bot.send_photo(group.id, BufferedInputFile(PNG_640x480, "a.png"), caption="字" * 1025)


async def test_get_file_and_download_round_trip_for_a_users_photo(
    emulator: Emulator, bot: Bot, group: Chat, resident: User
) -> None:
    posted = await emulator.post_message(group.id, resident.id, photo=True, caption="垃圾堆")
    assert posted.photo is not None and len(posted.photo) == 4
    largest = posted.photo[-1]
    assert (largest.width, largest.height) == (1280, 960)
    assert len({size.file_id for size in posted.photo}) == 4

    file = await bot.get_file(largest.file_id)
    assert file.file_path is not None and file.file_size == largest.file_size
    downloaded = await bot.download_file(file.file_path)
    assert downloaded is not None
    data = downloaded.read()
    assert data.startswith(b"\xff\xd8") and data.endswith(b"\xff\xd9")
    assert image_size(data) == (1280, 960)  # a real JPEG of the size it claims

    with pytest.raises(TelegramBadRequest, match="invalid file_id"):
        await bot.get_file("nope")
    async with (
        aiohttp.ClientSession() as http,
        http.get(f"{emulator.base_url}/file/bot{TOKEN}/photos/missing.jpg") as response,
    ):
        assert response.status == 404


async def test_users_can_upload_their_own_photo_bytes(
    emulator: Emulator, bot: Bot, group: Chat, resident: User
) -> None:
    posted = await emulator.post_message(group.id, resident.id, photo=PNG_640x480)
    assert posted.photo is not None and posted.photo[-1].width == 640
    file = await bot.get_file(posted.photo[-1].file_id)
    assert file.file_path is not None
    downloaded = await bot.download_file(file.file_path)
    assert downloaded is not None and downloaded.read() == PNG_640x480


async def test_send_document_keeps_the_bytes(emulator: Emulator, bot: Bot, group: Chat) -> None:
    content = "工单编号,状态\n12,已受理\n".encode()
    sent = await bot.send_document(
        group.id, BufferedInputFile(content, filename="周报.csv"), caption="本周汇总"
    )
    assert sent.document is not None
    assert sent.document.file_name == "周报.csv"
    assert sent.document.mime_type == "text/csv"
    assert sent.document.file_size == len(content)
    assert emulator.file_bytes(sent.document.file_id) == content
    record = emulator.sent_messages()[0]
    assert record.document is not None and record.caption == "本周汇总"

    file = await bot.get_file(sent.document.file_id)
    assert file.file_path is not None
    downloaded = await bot.download_file(file.file_path)
    assert downloaded is not None and downloaded.read() == content


@pytest.mark.parametrize(("width", "height"), [(90, 68), (1, 1), (1280, 960)])
def test_generated_jpegs_are_well_formed(width: int, height: int) -> None:
    data = grey_jpeg(width, height)
    assert data.startswith(b"\xff\xd8\xff\xe0") and data.endswith(b"\xff\xd9")
    assert image_size(data) == (width, height)
    assert b"\xff" not in data[data.index(b"\xff\xda") + 12 : -2]  # no unstuffed markers in scan
