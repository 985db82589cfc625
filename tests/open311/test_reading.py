"""What a city platform reads, through the independent `georeport` client: the services, the
requests with the desk's times, department and state, filtered as the spec has it, in JSON and
in XML alike; and a request followed to closed as the desk moves it."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from bot.database import Database
from tests.clerk import Clerk
from tests.conftest import SHANGHAI
from tests.open311.client import client, errors_of, get, post
from tests.open311.serving import serving
from tickets.clock import FakeClock
from tickets.office import Office
from tickets.permissions import Actor
from tickets.roles import Role

LIGHTING_LIAISON = Actor(5001, "小李", Role.LIAISON, frozenset({"lighting"}))
CHIEF = Actor(9001, "张街长", Role.CHIEF)


async def posted(api: str, code: str = "streetlight", address: str = "胜利路18号门口") -> str:
    response = await post(api, service_code=code, address_string=address, description="坏了")
    assert response.status_code == 201, response.text
    return str(response.json()[0]["service_request_id"])


@pytest.mark.parametrize("fmt", ["json", "xml"])
async def test_the_services_are_the_categories_with_their_department_as_group(
    api: str, fmt: str
) -> None:
    services = await asyncio.to_thread(client(api, fmt).get_service_list)

    by_code = {s["service_code"]: s for s in services}
    assert len(by_code) == 21  # the default taxonomy
    light = by_code["streetlight"]
    assert light["service_name"] == "路灯故障"
    assert light["group"] == "路灯管理所"
    assert light["description"] == "Street light out or damaged"
    assert light["type"] == "realtime"
    assert str(light["metadata"]).lower() == "true"


async def test_a_services_definition_offers_the_roads_it_can_be_posted_on(api: str) -> None:
    definition = await asyncio.to_thread(client(api).get_service_definition, "manhole")

    [road] = definition["attributes"]
    assert road["code"] == "road"
    assert road["required"] is False
    assert [v["key"] for v in road["values"]] == ["胜利路"]


async def test_discovery_points_at_the_api_in_both_formats(api: str) -> None:
    response = await get(api, "discovery.json")

    [endpoint] = response.json()["endpoints"]
    assert endpoint["url"] == api
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert set(endpoint["formats"]) == {"text/xml", "application/json"}
    xml = await get(api, "discovery.xml")
    assert b"<formats><format>text/xml</format><format>application/json</format>" in xml.content


@pytest.mark.parametrize("fmt", ["json", "xml"])
async def test_a_request_reads_back_with_the_desks_times_department_and_address(
    api: str, service: Clerk, fmt: str
) -> None:
    number = await posted(api)

    read = await asyncio.to_thread(client(api, fmt).get_service_request, number)

    ticket = await service.get(int(number))
    assert read["service_request_id"] == number
    assert read["status"] == "open"
    assert read["status_notes"] == "已派遣"
    assert read["service_code"] == "streetlight"
    assert read["service_name"] == "路灯故障"
    assert read["agency_responsible"] == "路灯管理所"
    assert read["address"] == "胜利路18号门口"
    assert read["requested_datetime"] == "2026-11-18T10:00:00+08:00"
    assert read["updated_datetime"] == "2026-11-18T10:00:00+08:00"
    # streetlight: resolved within 48 working hours (09:00-18:00 on weekdays)
    assert read["expected_datetime"] == "2026-11-25T13:00:00+08:00"
    assert ticket.resolve_due.astimezone(SHANGHAI).isoformat() == read["expected_datetime"]
    assert read["media_url"] is None


async def test_a_request_is_followed_to_closed_as_the_desk_moves_it(
    api: str, service: Clerk, clock: FakeClock
) -> None:
    number = await posted(api)
    geo = client(api)

    clock.advance(timedelta(hours=3))
    await service.resolve(int(number), LIGHTING_LIAISON, "已修好")
    resolved = await asyncio.to_thread(geo.get_service_request, number)
    clock.advance(timedelta(minutes=30))
    await service.confirm(int(number), CHIEF, "好了谢谢")
    closed = await asyncio.to_thread(geo.get_service_request, number)

    assert (resolved["status"], resolved["status_notes"]) == ("open", "已处置，待确认")
    assert resolved["updated_datetime"] == "2026-11-18T13:00:00+08:00"
    assert (closed["status"], closed["status_notes"]) == ("closed", "已结案")
    assert closed["updated_datetime"] == "2026-11-18T13:30:00+08:00"


async def test_requests_filter_by_service_code_and_status(api: str, service: Clerk) -> None:
    lamp = await posted(api)
    garbage = await posted(api, "garbage", "胜利路菜场门口")
    drain = await posted(api, "drainage", "胜利路12号")
    await service.close(int(drain), CHIEF, "已疏通")
    geo = client(api)

    def numbers(**filters: str) -> list[str]:
        return [r["service_request_id"] for r in geo.get_service_requests(**filters)]

    assert await asyncio.to_thread(numbers) == [drain, garbage, lamp]  # the newest first
    assert await asyncio.to_thread(numbers, service_code="garbage,streetlight") == [garbage, lamp]
    assert await asyncio.to_thread(numbers, status="closed") == [drain]
    assert await asyncio.to_thread(numbers, status="open", service_code="drainage") == []
    assert await asyncio.to_thread(numbers, service_request_id=f"{lamp},999") == [lamp]


async def test_requests_filter_by_the_date_they_were_requested(api: str, clock: FakeClock) -> None:
    early = await posted(api)
    clock.advance(timedelta(days=2))
    later = await posted(api, "garbage", "胜利路菜场门口")
    geo = client(api)

    def numbers(**filters: str) -> list[str]:
        return [r["service_request_id"] for r in geo.get_service_requests(**filters)]

    assert await asyncio.to_thread(numbers, end_date="2026-11-19T00:00:00+08:00") == [early]
    assert await asyncio.to_thread(numbers, start_date="2026-11-19T00:00:00Z") == [later]
    # Without dates, the most recent 90 days.
    clock.advance(timedelta(days=89))
    assert await asyncio.to_thread(numbers) == [later]
    # One by id is found however old.
    assert (await asyncio.to_thread(geo.get_service_request, early))["service_request_id"] == early


@pytest.mark.parametrize(
    ("params", "description"),
    [
        ({"status": "pending"}, "status must be open or closed"),
        (
            {"start_date": "2026-01-01T00:00:00Z", "end_date": "2026-11-01T00:00:00Z"},
            "start_date and end_date may not span more than 90 days",
        ),
        (
            {"start_date": "2026-11-01"},
            "start_date must be a w3 date-time with its timezone: 2026-11-01",
        ),
        ({"end_date": "yesterday"}, "end_date must be a w3 date-time with its timezone: yesterday"),
        ({"jurisdiction_id": "elsewhere"}, "jurisdiction_id provided was not found: elsewhere"),
    ],
)
async def test_a_query_the_spec_refuses_gets_its_error(
    api: str, params: dict[str, str], description: str
) -> None:
    for fmt in ("json", "xml"):
        response = await get(api, f"requests.{fmt}", **params)

        code = 404 if "jurisdiction_id" in params else 400
        assert response.status_code == code
        assert errors_of(response) == [{"code": code, "description": description}]


async def test_an_unknown_service_has_no_definition(api: str) -> None:
    response = await get(api, "services/potholes.xml")

    assert response.status_code == 404
    assert errors_of(response) == [
        {"code": 404, "description": "service_code provided was not found: potholes"}
    ]


async def test_an_english_office_answers_in_english(
    database: Database, office: Office, service: Clerk
) -> None:
    async with serving(database, office, language="en") as root:
        number = await posted(root)
        services = await asyncio.to_thread(client(root).get_service_list)
        read = await asyncio.to_thread(client(root).get_service_request, number)

    light = next(s for s in services if s["service_code"] == "streetlight")
    assert (light["service_name"], light["group"]) == (
        "Street light out or damaged",
        "Street lighting office",
    )
    assert (read["status_notes"], read["agency_responsible"]) == (
        "dispatched",
        "Street lighting office",
    )
    assert (await service.get(int(number))).reporter_name == "City platform"
