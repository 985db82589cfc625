"""A city platform posts a request: with a configured key it becomes a ticket on the road its
address (or its road attribute) names, its card queued for that road's group; anything else gets
the spec's error, and no ticket."""

from __future__ import annotations

import asyncio
import logging

import pytest
import requests

from bot.database import Database
from tests.clerk import Clerk
from tests.open311.client import client, errors_of, get, post
from tests.open311.serving import API_KEY, OTHER_KEY, ROAD_CHAT, serving
from tickets.lifecycle import State
from tickets.office import Office

LAMP = {
    "service_code": "streetlight",
    "address_string": "胜利路18号门口",
    "description": "路灯不亮好几天了",
}


async def ledger_size(database: Database) -> int:
    async with database.unit_of_work() as uow:
        return len(await uow.tickets.list())


async def test_a_posted_request_is_a_ticket_on_the_road_its_address_names(
    api: str, service: Clerk
) -> None:
    response = await post(api, **LAMP)

    assert response.status_code == 201
    [answer] = response.json()
    ticket = await service.get(int(answer["service_request_id"]))
    assert ticket.road == "胜利路"
    assert ticket.category == "streetlight"
    assert ticket.department == "lighting"
    assert ticket.location == "胜利路18号门口"
    assert ticket.text == "路灯不亮好几天了"
    assert ticket.reporter_name == "数字城管"  # the card names the platform as the reporter
    assert ticket.chat_id == ROAD_CHAT
    assert ticket.state is State.DISPATCHED
    assert answer["service_notice"] == "路灯管理所"


async def test_the_road_attribute_places_a_request_whose_address_does_not_start_with_it(
    api: str, service: Clerk
) -> None:
    response = await post(
        api,
        service_code="garbage",
        address_string="18号门口",
        **{"attribute[road]": "胜利路"},
    )

    assert response.status_code == 201
    ticket = await service.get(int(response.json()[0]["service_request_id"]))
    assert (ticket.road, ticket.category, ticket.chat_id) == ("胜利路", "garbage", ROAD_CHAT)


async def test_posting_in_xml_answers_in_xml(api: str) -> None:
    response = await post(api, "xml", **LAMP)

    assert response.status_code == 201
    assert response.headers["Content-Type"].startswith("text/xml")
    assert b"<service_requests><request><service_request_id>1</service_request_id>" in (
        response.content
    )


async def test_any_configured_key_posts(api: str) -> None:
    response = await post(api, api_key=OTHER_KEY, **LAMP)

    assert response.status_code == 201


@pytest.mark.parametrize("fmt", ["json", "xml"])
@pytest.mark.parametrize("key", ["", "city-platform-key-", API_KEY + "x", "wrong"])
async def test_without_a_configured_key_posting_is_refused_and_nothing_is_written(
    api: str, database: Database, fmt: str, key: str
) -> None:
    response = await post(api, fmt, api_key=key, **LAMP)

    assert response.status_code == 403
    assert errors_of(response) == [
        {"code": 403, "description": "api_key was not provided or invalid"}
    ]
    assert await ledger_size(database) == 0


async def test_with_no_key_configured_nobody_posts(database: Database, office: Office) -> None:
    async with serving(database, office, api_keys=("",)) as root:
        response = await post(root, api_key="", **LAMP)

    assert response.status_code == 403
    assert await ledger_size(database) == 0


async def test_reading_needs_no_key(api: str) -> None:
    await post(api, **LAMP)

    listed = await asyncio.to_thread(client(api).get_service_requests)

    assert [r["service_request_id"] for r in listed] == ["1"]


@pytest.mark.parametrize(
    ("fields", "status", "description"),
    [
        (
            {"address_string": "解放路3号", "service_code": "streetlight"},
            400,
            "address_string does not start with the name of a road served here: "
            "give the road's name first, or attribute[road]",
        ),
        (
            {"attribute[road]": "解放路", "service_code": "streetlight"},
            400,
            "attribute[road] was not a valid value: 解放路",
        ),
        (
            {"address_string": "胜利路18号"},
            400,
            "service_code was not provided",
        ),
        (
            {"address_string": "胜利路18号", "service_code": "potholes"},
            404,
            "service_code provided was not found: potholes",
        ),
        (
            {"service_code": "streetlight"},
            400,
            "lat/long, address_string, or address_id was not provided",
        ),
        (
            {"service_code": "streetlight", "lat": "31.2", "long": "121.4"},
            400,
            "lat/long and address_id cannot be placed on a road here: "
            "give address_string or attribute[road]",
        ),
        (
            {"address_string": "胜利路18号", "service_code": "streetlight", "jurisdiction_id": "x"},
            404,
            "jurisdiction_id provided was not found: x",
        ),
    ],
)
async def test_a_request_the_spec_refuses_gets_its_error_and_no_ticket(
    api: str, database: Database, fields: dict[str, str], status: int, description: str
) -> None:
    for fmt in ("json", "xml"):
        response = await post(api, fmt, **fields)

        assert response.status_code == status
        assert errors_of(response) == [{"code": status, "description": description}]
    assert await ledger_size(database) == 0


async def test_a_posted_request_wakes_the_sender(database: Database, office: Office) -> None:
    woken: list[bool] = []
    async with serving(database, office, committed=lambda: woken.append(True)) as root:
        await post(root, **LAMP)

    assert woken == [True]


async def test_the_key_never_reaches_the_log(api: str, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)

    await post(api, **LAMP)
    await post(api, api_key="a-guessed-key", **LAMP)

    logged = "\n".join(f"{r.getMessage()} {r.__dict__}" for r in caplog.records)
    assert "open311_request_posted" in logged
    assert API_KEY not in logged
    assert "a-guessed-key" not in logged


async def test_the_same_problem_posted_twice_is_one_ticket(api: str, service: Clerk) -> None:
    first = (await post(api, **LAMP)).json()[0]["service_request_id"]
    again = (await post(api, **LAMP)).json()[0]["service_request_id"]

    assert again == first
    assert (await service.get(int(first))).state is State.DISPATCHED


async def test_a_description_with_markup_is_kept_as_written(api: str) -> None:
    text = '<b>灯</b> & "坏了" ]]>'
    posted = (await post(api, "xml", **{**LAMP, "description": text})).content
    number = posted.split(b"<service_request_id>")[1].split(b"<")[0].decode()

    for fmt in ("json", "xml"):
        read = await asyncio.to_thread(client(api, fmt).get_service_request, number)
        assert read["description"] == text


async def test_an_unknown_request_id_gets_the_spec_error(api: str) -> None:
    for fmt in ("json", "xml"):
        response = await get(api, f"requests/404.{fmt}")
        assert response.status_code == 404
        assert errors_of(response) == [
            {"code": 404, "description": "service_request_id provided was not found: 404"}
        ]


async def test_a_key_in_the_url_is_not_taken(api: str, database: Database) -> None:
    """The key belongs in the POST body: one in the URL would be kept by access logs."""
    response = await asyncio.to_thread(
        requests.post, f"{api}/requests.json", params={"api_key": API_KEY}, data=LAMP, timeout=10
    )

    assert response.status_code == 403
    assert await ledger_size(database) == 0
