"""Signing in to the web desk: a one-time link works once, in any process; Login Widget data
counts only with Telegram's hash and a fresh date; nothing but the sign-in page is served to
someone not signed in; every form needs its token."""

from __future__ import annotations

import time
from datetime import timedelta

from reports.web.login_widget import widget_hash
from tests.web.stage import ADMIN, CHIEF, STRANGER, TOKEN, WebStage


async def test_nothing_but_the_sign_in_page_is_served_before_signing_in(web: WebStage) -> None:
    for path in ("/", "/tickets/1", "/figures", "/export.xlsx", "/no-such-page"):
        answer = await web.client.get(path, allow_redirects=False)
        assert answer.status == 303, path
        assert answer.headers["Location"] == "/sign-in"
    page = await web.client.get("/sign-in")
    assert page.status == 200
    assert "/web" in await page.text()


async def test_a_one_time_link_signs_in_once(web: WebStage) -> None:
    path = web.link(CHIEF)
    first = await web.client.get(path)
    html = await first.text()
    used = await web.client.post(
        "/sign-in/link",
        data={"token": web.link_token(html), "csrf": web.csrf(html)},
        allow_redirects=False,
    )
    assert used.status == 303
    assert (await web.client.get("/", allow_redirects=False)).status == 200

    web.client.session.cookie_jar.clear()
    again = await web.client.get(path)
    html = await again.text()
    replayed = await web.client.post(
        "/sign-in/link",
        data={"token": web.link_token(html), "csrf": web.csrf(html)},
        allow_redirects=False,
    )
    assert replayed.status == 400
    assert "已经用过" in await replayed.text()
    assert (await web.client.get("/", allow_redirects=False)).status == 303


async def test_an_expired_or_forged_link_is_refused(web: WebStage) -> None:
    path = web.link(ADMIN)
    web.clock.advance(timedelta(minutes=11))
    assert (await web.client.get(path)).status == 400
    forged = web.link(ADMIN).replace(str(ADMIN), str(CHIEF), 1)
    assert (await web.client.get(forged)).status == 400


async def test_a_form_without_its_token_is_refused(web: WebStage) -> None:
    page = await web.client.get(web.link(CHIEF))
    token = web.link_token(await page.text())
    refused = await web.client.post("/sign-in/link", data={"token": token}, allow_redirects=False)
    assert refused.status == 403
    wrong = await web.client.post(
        "/sign-in/link", data={"token": token, "csrf": "x" * 43}, allow_redirects=False
    )
    assert wrong.status == 403
    await web.sign_in(CHIEF)  # the link was not spent by the refused forms
    home = await web.client.get("/")
    assert (await web.client.post("/sign-out", data={}, allow_redirects=False)).status == 403
    signed_out = await web.client.post(
        "/sign-out", data={"csrf": web.csrf(await home.text())}, allow_redirects=False
    )
    assert signed_out.status == 303
    assert (await web.client.get("/", allow_redirects=False)).status == 303


def _widget(user_id: int, auth_date: int, token: str = TOKEN) -> dict[str, str]:
    fields = {"id": str(user_id), "first_name": "张", "auth_date": str(auth_date)}
    return {**fields, "hash": widget_hash(fields, token)}


async def test_login_widget_data_counts_only_with_the_right_hash_and_a_fresh_date(
    web: WebStage,
) -> None:
    now = int(web.clock.now().timestamp())
    wrong_hash = _widget(ADMIN, now, token="7000000001:AAnotTheBotsToken")
    assert (await web.client.get("/sign-in/telegram", params=wrong_hash)).status == 400
    tampered = {**_widget(CHIEF, now), "id": str(ADMIN)}
    assert (await web.client.get("/sign-in/telegram", params=tampered)).status == 400
    expired = _widget(ADMIN, now - 3600)
    assert (await web.client.get("/sign-in/telegram", params=expired)).status == 400
    assert (await web.client.get("/", allow_redirects=False)).status == 303
    good = await web.client.get(
        "/sign-in/telegram", params=_widget(ADMIN, now), allow_redirects=False
    )
    assert good.status == 303
    assert (await web.client.get("/", allow_redirects=False)).status == 200


async def test_someone_the_config_gives_nothing_gets_no_session(web: WebStage) -> None:
    now = int(web.clock.now().timestamp())
    answer = await web.client.get("/sign-in/telegram", params=_widget(STRANGER, now))
    assert answer.status == 403
    assert (await web.client.get("/", allow_redirects=False)).status == 303


async def test_a_session_expires(web: WebStage) -> None:
    await web.sign_in(ADMIN)
    web.clock.advance(timedelta(hours=12, seconds=1))
    assert (await web.client.get("/", allow_redirects=False)).status == 303


def test_the_widget_hash_is_telegrams_recipe() -> None:
    # Worked by hand from https://core.telegram.org/widgets/login#checking-authorization.
    import hashlib
    import hmac

    fields = {"auth_date": str(int(time.time())), "id": "1", "username": "a"}
    check = "auth_date=" + fields["auth_date"] + "\nid=1\nusername=a"
    expected = hmac.new(
        hashlib.sha256(TOKEN.encode()).digest(), check.encode(), hashlib.sha256
    ).hexdigest()
    assert widget_hash(fields, TOKEN) == expected
