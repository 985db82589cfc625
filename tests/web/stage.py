"""The web desk on a real SQLite file and a FakeClock, with two roads and a department head:
what the web tests sign in to. Tickets are made by the clerk, as the processor would make them."""

from __future__ import annotations

import contextlib
import io
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

from aiohttp.test_utils import TestClient, TestServer
from PIL import Image

from bot.cli_web import one_time_links, web_desk
from bot.services import Services, open_services
from bot.settings import Settings, load_settings
from reports.web.health import HealthLimits
from reports.web.server import desk_application
from storage.photo_files import PhotoFolder
from tests.clerk import Clerk
from tickets.clock import FakeClock
from tickets.permissions import Actor

ROOT = Path(__file__).resolve().parent.parent.parent
TOKEN = "7000000001:AAWebDeskTestTokenNotARealOne0000000"
ADMIN = 9100  # admin_ids in config.example.toml
CHIEF = 9001  # 胜利路's chief in config.example.toml
OTHER_CHIEF = 9002  # 解放路's chief, added here
LIGHTING_HEAD = 7001  # head of the street lighting office, added here
STRANGER = 4242
ROAD, OTHER_ROAD = "胜利路", "解放路"
OTHER_GROUP = -1001000000002
SHOPKEEPER = Actor(42, "王老板")

EXTRA_ROAD = f"""
[[roads]]
name = "{OTHER_ROAD}"
chat_id = {OTHER_GROUP}
chief_ids = [{OTHER_CHIEF}]
"""


def desk_config(tmp_path: Path, language: str = "zh") -> Path:
    text = (ROOT / "config.example.toml").read_text(encoding="utf-8")
    lighting = text.index('key = "lighting"')
    head = text.index("head_ids = []", lighting)
    text = text[:head] + f"head_ids = [{LIGHTING_HEAD}]" + text[head + len("head_ids = []") :]
    text = text.replace(
        'url = "sqlite+aiosqlite:///streetdesk.sqlite3"',
        f'url = "sqlite+aiosqlite:///{tmp_path / "desk.sqlite3"}"',
    )
    if language == "en":
        text = text.replace('language = "zh"', 'language = "en"')
    path = tmp_path / "streetdesk.toml"
    path.write_text(text + EXTRA_ROAD, encoding="utf-8")
    return path


def desk_settings(tmp_path: Path, language: str = "zh") -> Settings:
    return load_settings(
        desk_config(tmp_path, language), environ={"STREETDESK_TELEGRAM__TOKEN": TOKEN}
    )


@dataclass
class WebStage:
    settings: Settings
    services: Services
    clock: FakeClock
    clerk: Clerk
    client: TestClient  # type: ignore[type-arg]

    def link(self, user_id: int) -> str:
        """A one-time sign-in link's path, as /web would send it."""
        url = one_time_links(self.settings, self.clock).link_for(user_id)
        return url[url.index("/sign-in/") :]

    async def sign_in(self, user_id: int) -> None:
        page = await self.client.get(self.link(user_id))
        assert page.status == 200, await page.text()
        answer = await self.client.post(
            "/sign-in/link",
            data={
                "token": self.link_token(await page.text()),
                "csrf": self.csrf(await page.text()),
            },
            allow_redirects=False,
        )
        assert answer.status == 303, await answer.text()

    async def keep_photo(self, file_id: str, colour: str = "orange") -> str:
        """Keep a photo as the photo keeper would have: a JPEG in the folder, its row stored."""
        picture = io.BytesIO()
        Image.new("RGB", (64, 48), colour).save(picture, "JPEG")
        saved = PhotoFolder(self.settings.photo_folder()).save(picture.getvalue())
        async with self.services.database.unit_of_work() as uow:
            await uow.kept_photos.queue([(file_id, file_id + "-unique")])
            due = await uow.kept_photos.due(self.clock.now(), 100, "test", self.clock.now())
            for row in due:
                if row.file_id == file_id:
                    await uow.kept_photos.stored(row.id, saved.sha256, saved.size_bytes)
            await uow.commit()
        return saved.sha256

    @staticmethod
    def link_token(html: str) -> str:
        return _hidden(html, "token")

    @staticmethod
    def csrf(html: str) -> str:
        return _hidden(html, "csrf")


def _hidden(html: str, name: str) -> str:
    marker = f'name="{name}" value="'
    start = html.index(marker) + len(marker)
    return html[start : html.index('"', start)]


@contextlib.asynccontextmanager
async def web_stage(
    tmp_path: Path, clock: FakeClock, *, language: str = "zh"
) -> AsyncIterator[WebStage]:
    settings = desk_settings(tmp_path, language)
    async with open_services(settings, clock) as services:
        app = desk_application(
            web_desk(services, lambda: "streetdesk_bot"), limits=HealthLimits(polling=False)
        )
        async with TestClient(TestServer(app)) as client:
            yield WebStage(
                settings, services, clock, Clerk(services.database, services.office), client
            )
