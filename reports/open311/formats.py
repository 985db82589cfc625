"""The two formats the spec has: JSON, and XML with a root element and one element per item.

XML is built with xml.etree, which escapes every text it writes; values that are None become
empty elements, as the spec's examples show them, and booleans are written `true`/`false`.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import Any

from aiohttp import web

from reports.open311.errors import Open311Error

# The element of each item in a list, by the list's element: <services><service>...
ITEM_TAGS: Mapping[str, str] = {
    "services": "service",
    "service_requests": "request",
    "errors": "error",
    "endpoints": "endpoint",
    "formats": "format",
    "attributes": "attribute",
    "values": "value",
}
# Characters XML 1.0 cannot hold at all, even escaped: a report may carry one, the answer may not.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
XML_TYPE = "text/xml"
JSON_TYPE = "application/json"


class Format(StrEnum):
    JSON = "json"
    XML = "xml"


def _text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return _NOT_XML.sub("", str(value))


def _fill(element: ET.Element, value: Any) -> None:
    if isinstance(value, Mapping):
        for key, child in value.items():
            _fill(ET.SubElement(element, key), child)
    elif isinstance(value, Sequence) and not isinstance(value, str):
        tag = ITEM_TAGS.get(element.tag, "item")
        for child in value:
            _fill(ET.SubElement(element, tag), child)
    elif value is not None:
        element.text = _text(value)


def to_xml(root: str, value: Any) -> str:
    """`value` (a list of items, or one mapping) under the element `root`, with the XML
    declaration the spec asks for."""
    element = ET.Element(root)
    _fill(element, value)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(element, encoding="unicode")


def respond(fmt: Format, root: str, value: Any, status: int = 200) -> web.Response:
    """The answer in `fmt`: in JSON the value itself (a list, or the discovery's object), in XML
    the same under `root`."""
    if fmt is Format.XML:
        return web.Response(
            text=to_xml(root, value), status=status, content_type=XML_TYPE, charset="utf-8"
        )
    return web.Response(
        text=json.dumps(value, ensure_ascii=False),
        status=status,
        content_type=JSON_TYPE,
        charset="utf-8",
    )


def error_response(fmt: Format, error: Open311Error) -> web.Response:
    return respond(
        fmt, "errors", [{"code": error.status, "description": error.description}], error.status
    )
