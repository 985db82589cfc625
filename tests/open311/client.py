"""The city platform's side: the independent `georeport` client (PyPI), and `requests` (the
library georeport itself calls) for what georeport has no method for: posting a request and
reading an error's body. Both are synchronous, so they run in a thread beside the server."""

from __future__ import annotations

import asyncio
from typing import Any

import requests
import xmltodict
from georeport import GeoReport

from tests.open311.serving import API_KEY, JURISDICTION


def client(root: str, output_format: str = "json") -> GeoReport:
    return GeoReport(root, jurisdiction=JURISDICTION, output_format=output_format)


async def post(root: str, fmt: str = "json", **fields: str) -> requests.Response:
    """POST requests.{fmt} as a platform does: form-encoded, the key among the fields."""
    form = {"jurisdiction_id": JURISDICTION, "api_key": API_KEY, **fields}
    form = {name: value for name, value in form.items() if value is not None}
    return await asyncio.to_thread(requests.post, f"{root}/requests.{fmt}", data=form, timeout=10)


async def get(root: str, path: str, **params: str) -> requests.Response:
    return await asyncio.to_thread(requests.get, f"{root}/{path}", params=params, timeout=10)


def errors_of(response: requests.Response) -> list[dict[str, Any]]:
    """The spec's error list, from either format, codes as numbers."""
    if response.headers["Content-Type"].startswith("text/xml"):
        listed = xmltodict.parse(response.content)["errors"]["error"]
        listed = listed if isinstance(listed, list) else [listed]
        return [{"code": int(e["code"]), "description": e["description"]} for e in listed]
    return list(response.json())
