"""The web desk in a real headless Chromium (Debian's chromium and chromium-driver, driven by
selenium): a street chief signs in with a one-time link, narrows the ledger to their road's
overdue tickets, opens one, downloads the XLSX and reads it back, is refused another road, and
signs out. Skipped, saying why, only where no browser can be had."""

from __future__ import annotations

import asyncio
import os
import shutil
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import TypeVar

import pytest
from openpyxl import load_workbook

from tests.web.stage import CHIEF, OTHER_GROUP, OTHER_ROAD, ROAD, SHOPKEEPER, web_stage
from tickets.clock import FakeClock
from tickets.model import Photo, PhotoKind
from tickets.permissions import Actor
from tickets.roles import Role

webdriver = pytest.importorskip("selenium.webdriver")
from selenium.webdriver.chrome.options import Options  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

T = TypeVar("T")
# Where the README's screenshots come from: `STREETDESK_SCREENSHOTS=docs/screenshots pytest ...`.
SCREENSHOTS = os.environ.get("STREETDESK_SCREENSHOTS")
SANITATION = Actor(5003, "环卫小张", Role.LIAISON, frozenset({"sanitation"}))
WAIT = 20.0


def _screenshot(browser: webdriver.Chrome, name: str) -> None:
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        browser.save_screenshot(str(Path(SCREENSHOTS) / f"{name}.png"))


def _browser_paths() -> tuple[str, str] | None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    return (browser, driver) if browser and driver else None


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[webdriver.Chrome]:
    paths = _browser_paths()
    if paths is None:
        pytest.skip("no chromium and chromedriver here (.ci/run installs them with apt-get)")
    options = Options()
    options.binary_location = paths[0]
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--lang=zh-CN"):
        options.add_argument(argument)
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    options.add_experimental_option(
        "prefs",
        {"download.default_directory": str(downloads), "download.prompt_for_download": False},
    )
    driver = webdriver.Chrome(service=Service(paths[1]), options=options)
    driver.downloads = downloads  # type: ignore[attr-defined]
    try:
        yield driver
    finally:
        driver.quit()


async def _in_browser(call: Callable[[], T]) -> T:
    # Selenium blocks; the desk is served by this test's event loop, so the browser waits in a
    # thread while the loop answers it.
    return await asyncio.to_thread(call)


async def test_a_chief_works_the_ledger_in_a_browser(
    browser: webdriver.Chrome, tmp_path: Path, clock: FakeClock
) -> None:
    async with web_stage(tmp_path, clock) as web:
        lamp = await web.clerk.report(
            category="streetlight", text="路灯坏了", location="南纬路口", reporter=SHOPKEEPER
        )
        web.clock.advance(timedelta(hours=3))  # the lamp is overdue to acknowledge
        fresh = await web.clerk.report(
            category="garbage", text="垃圾没人收", location="菜场门口", reporter=SHOPKEEPER
        )
        other = await web.clerk.report(
            road=OTHER_ROAD,
            category="streetlight",
            text="解放路的灯不亮",
            location="桥头",
            reporter=SHOPKEEPER,
            chat_id=OTHER_GROUP,
        )
        fixed = await web.clerk.report(
            category="trash_bin", text="垃圾箱坏了", location="公交站", reporter=SHOPKEEPER
        )
        await web.clerk.resolve(
            fixed.ticket.number, SANITATION, photos=(Photo("after-7", PhotoKind.AFTER),)
        )
        await web.keep_photo("after-7")
        web.clock.advance(timedelta(minutes=1))
        base = str(web.client.make_url("")).rstrip("/")
        link = base + web.link(CHIEF)

        def sign_in() -> str:
            browser.get(link)
            browser.find_element(By.ID, "use-link").click()
            WebDriverWait(browser, WAIT).until(lambda b: b.find_elements(By.ID, "filters"))
            browser.set_window_size(1280, 900)
            _screenshot(browser, "ledger")
            return browser.page_source

        page = await _in_browser(sign_in)
        assert f"#{lamp.ticket.number}" in page and f"#{other.ticket.number}" not in page

        def overdue_on_my_road() -> list[str]:
            Select(browser.find_element(By.ID, "f-road")).select_by_value(ROAD)
            browser.find_element(By.ID, "f-overdue").click()
            browser.find_element(By.ID, "apply").click()
            WebDriverWait(browser, WAIT).until(lambda b: "overdue=1" in b.current_url)
            rows = browser.find_elements(By.CSS_SELECTOR, "#ledger tbody tr")
            return [row.get_attribute("data-number") or "" for row in rows]

        assert await _in_browser(overdue_on_my_road) == [str(lamp.ticket.number)]

        def open_ticket() -> str:
            browser.find_element(By.LINK_TEXT, f"#{lamp.ticket.number}").click()
            WebDriverWait(browser, WAIT).until(lambda b: b.find_elements(By.ID, "history"))
            return browser.find_element(By.ID, "ticket-title").text

        assert f"#{lamp.ticket.number}" in await _in_browser(open_ticket)
        assert "路灯坏了" in browser.page_source

        def after_photo() -> int:
            browser.get(f"{base}/tickets/{fixed.ticket.number}")
            image = browser.find_element(By.CSS_SELECTOR, "#photos li.after img")
            WebDriverWait(browser, WAIT).until(
                lambda b: b.execute_script("return arguments[0].complete", image)
            )
            _screenshot(browser, "ticket")
            return int(browser.execute_script("return arguments[0].naturalWidth", image))

        assert await _in_browser(after_photo) > 0  # the kept picture itself, drawn

        def download() -> Path:
            browser.get(base + "/")
            browser.find_element(By.ID, "export-xlsx").click()
            downloads: Path = browser.downloads  # type: ignore[attr-defined]
            WebDriverWait(browser, WAIT).until(
                lambda b: [p for p in downloads.iterdir() if p.suffix == ".xlsx"]
            )
            return next(p for p in downloads.iterdir() if p.suffix == ".xlsx")

        xlsx = await _in_browser(download)
        sheet = load_workbook(xlsx).worksheets[0]
        numbers = sorted(row[0] for row in sheet.iter_rows(min_row=2, values_only=True))
        assert numbers == sorted([lamp.ticket.number, fresh.ticket.number, fixed.ticket.number])

        def figures() -> str:
            browser.get(base + "/figures?period=month")
            chart = browser.find_element(By.ID, "chart")
            WebDriverWait(browser, WAIT).until(
                lambda b: b.execute_script("return arguments[0].naturalWidth", chart)
            )
            _screenshot(browser, "figures")
            return browser.find_element(By.ID, "figures").text

        assert "路灯管理所" in await _in_browser(figures)

        def refused() -> str:
            browser.get(f"{base}/tickets/{other.ticket.number}")
            return browser.find_element(By.ID, "message").text

        assert "无权" in await _in_browser(refused)

        def sign_out() -> str:
            browser.get(base + "/")
            browser.find_element(By.ID, "sign-out").click()
            WebDriverWait(browser, WAIT).until(lambda b: b.current_url.endswith("/sign-in"))
            browser.get(base + "/")
            return browser.current_url

        assert (await _in_browser(sign_out)).endswith("/sign-in")
