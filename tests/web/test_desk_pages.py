"""What a signed-in person sees: the ledger filtered to their roads, a ticket's history, a
download of the same filters, and a refusal (not an empty page) for a road or ticket that is not
theirs; /healthz and /metrics answer without signing in."""

from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path

from openpyxl import load_workbook

from tests.web.stage import (
    ADMIN,
    CHIEF,
    LIGHTING_HEAD,
    OTHER_CHIEF,
    OTHER_GROUP,
    OTHER_ROAD,
    ROAD,
    SHOPKEEPER,
    WebStage,
    web_stage,
)
from tickets.clock import FakeClock
from tickets.model import Photo, PhotoKind
from tickets.permissions import Actor
from tickets.roles import Role

SANITATION = Actor(5003, "环卫小张", Role.LIAISON, frozenset({"sanitation"}))
LIGHTING = Actor(5001, "路灯所小李", Role.LIAISON, frozenset({"lighting"}))


async def _two_roads(web: WebStage) -> tuple[int, int, int]:
    lamp = await web.clerk.report(
        category="streetlight",
        text="路灯坏了 <script>x</script>",
        location="南纬路口",
        reporter=SHOPKEEPER,
    )
    trash = await web.clerk.report(
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
    return lamp.ticket.number, trash.ticket.number, other.ticket.number


async def test_a_chief_sees_their_road_and_is_refused_another(web: WebStage) -> None:
    lamp, trash, other = await _two_roads(web)
    await web.sign_in(CHIEF)
    page = await (await web.client.get("/")).text()
    assert f"#{lamp}" in page and f"#{trash}" in page and f"#{other}" not in page
    assert "<script>x</script>" not in page  # escaped wherever it shows
    assert (await web.client.get("/", params={"road": OTHER_ROAD})).status == 403
    assert (await web.client.get(f"/tickets/{other}")).status == 403
    assert (await web.client.get("/export.xlsx", params={"road": OTHER_ROAD})).status == 403
    mine = await web.client.get(f"/tickets/{lamp}")
    assert mine.status == 200
    html = await mine.text()
    assert "&lt;script&gt;x&lt;/script&gt;" in html and "<script>x" not in html


async def test_overdue_now_and_the_road_filter_narrow_the_ledger(web: WebStage) -> None:
    lamp, trash, _ = await _two_roads(web)
    await web.clerk.acknowledge(trash, SANITATION)
    web.clock.advance(timedelta(hours=3))  # past the lamp's 2 working hours to acknowledge
    await web.sign_in(ADMIN)
    page = await (await web.client.get("/", params={"road": ROAD, "overdue": "1"})).text()
    assert f"#{lamp}" in page and f"#{trash}" not in page


async def test_a_department_head_sees_their_department_on_every_road(web: WebStage) -> None:
    lamp, trash, other = await _two_roads(web)
    await web.sign_in(LIGHTING_HEAD)
    page = await (await web.client.get("/")).text()
    assert f"#{lamp}" in page and f"#{other}" in page and f"#{trash}" not in page
    assert (await web.client.get(f"/tickets/{trash}")).status == 403


async def test_the_download_holds_the_filtered_ledger(web: WebStage) -> None:
    _, _, other = await _two_roads(web)
    web.clock.advance(timedelta(minutes=5))
    await web.sign_in(OTHER_CHIEF)
    answer = await web.client.get("/export.xlsx")
    assert answer.status == 200
    sheet = load_workbook(io.BytesIO(await answer.read())).worksheets[0]
    numbers = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert numbers == [other]
    csv_text = (await (await web.client.get("/export.csv", params={"q": "桥头"})).read()).decode(
        "utf-8-sig"
    )
    assert "解放路的灯不亮" in csv_text and "路灯坏了" not in csv_text


async def test_figures_show_the_ranking_of_the_period(web: WebStage) -> None:
    await _two_roads(web)
    web.clock.advance(timedelta(minutes=5))
    await web.sign_in(ADMIN)
    page = await (await web.client.get("/figures", params={"period": "month"})).text()
    assert "路灯管理所" in page and "按期结案率" in page
    chart = await web.client.get("/figures/chart.png", params={"period": "week"})
    assert chart.status == 200 and (await chart.read())[:4] == b"\x89PNG"


async def test_health_and_metrics_answer_without_signing_in(web: WebStage) -> None:
    await _two_roads(web)
    web.clock.advance(timedelta(days=3))
    health = await web.client.get("/healthz")
    assert health.status == 200
    assert (await health.json())["checks"]["database"] == "ok"
    metrics = await (await web.client.get("/metrics")).text()
    assert 'streetdesk_overdue_tickets{department="lighting"} 2.0' in metrics
    assert "streetdesk_outbox_backlog" in metrics


async def test_a_ticket_shows_its_kept_photos_and_says_which_are_not_kept_yet(
    web: WebStage,
) -> None:
    reported = await web.clerk.report(
        category="streetlight",
        text="路灯坏了",
        location="南纬路口",
        reporter=SHOPKEEPER,
        photos=(Photo("before-1", PhotoKind.BEFORE),),
    )
    number = reported.ticket.number
    await web.clerk.resolve(number, LIGHTING, photos=(Photo("after-1", PhotoKind.AFTER),))
    sha256 = await web.keep_photo("after-1")
    await web.sign_in(CHIEF)
    html = await (await web.client.get(f"/tickets/{number}")).text()
    assert f"/photos/{sha256}.thumb.jpg" in html
    assert html.count("尚未保存") == 1  # the before-photo: not downloaded yet
    photo = await web.client.get(f"/photos/{sha256}.jpg")
    assert photo.status == 200 and photo.content_type == "image/jpeg"
    assert (await web.client.get(f"/photos/{'0' * 64}.jpg")).status == 404


async def test_the_desk_speaks_english_when_the_config_does(
    tmp_path: Path, clock: FakeClock
) -> None:
    async with web_stage(tmp_path, clock, language="en") as web:
        await _two_roads(web)
        await web.sign_in(ADMIN)
        page = await (await web.client.get("/")).text()
        assert "Sign out" in page and "Street light out or damaged" in page
        assert "dispatched" in page.lower() and "退出" not in page
