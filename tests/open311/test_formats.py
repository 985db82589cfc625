"""The XML answer is always well-formed XML that reads back to what was written."""

from __future__ import annotations

import xmltodict

from reports.open311.formats import to_xml


def test_markup_reads_back_as_written() -> None:
    text = "<b>灯</b> & \"坏了\" ]]> 'x'"

    parsed = xmltodict.parse(to_xml("service_requests", [{"description": text}]))

    assert parsed["service_requests"]["request"]["description"] == text


def test_characters_xml_cannot_hold_are_left_out_not_written() -> None:
    parsed = xmltodict.parse(to_xml("service_requests", [{"description": "路灯\x00坏\x0b了\x1f"}]))

    assert parsed["service_requests"]["request"]["description"] == "路灯坏了"


def test_none_is_an_empty_element_and_booleans_are_words() -> None:
    written = to_xml("services", [{"metadata": True, "group": None, "keywords": ""}])

    assert "<service><metadata>true</metadata><group /><keywords /></service>" in written
