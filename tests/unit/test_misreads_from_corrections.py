"""`streetdesk understanding` learns from corrections, triage choices and "立案" as it does from
transfers: each is listed as a misread, with the category read and the category it became."""

from __future__ import annotations

from datetime import timedelta

from reports.misreads import misreads
from tests.conftest import local
from tickets.model import Deadlines, Ticket
from tickets.taxonomy import Taxonomy
from tickets.understanding import Intent

AT = local("2026-11-18 10:00")
DUE = Deadlines(AT + timedelta(hours=2), AT + timedelta(days=2))
LIAISON, TRIAGE = 5001, 5010


def reported(number: int, text: str, category: str, department: str, **read: object) -> Ticket:
    return Ticket.report(
        number=number,
        road="胜利路",
        category=category,
        department=department,
        text=text,
        location=None,
        reporter_id=42,
        reporter_name="王老板",
        at=AT,
        deadlines=DUE,
        read=dict(read),
    )


def test_corrections_triage_choices_and_立案_are_misreads(taxonomy: Taxonomy) -> None:
    corrected = reported(
        1, "路灯杆下装修废料没人拉", "streetlight", "lighting", read_as="streetlight"
    )
    corrected.correct(by=LIAISON, at=AT, category="garbage", department="sanitation", deadlines=DUE)
    corrected.correct_place(by=LIAISON, at=AT, location="3号楼下")
    triaged = reported(
        2, "路口那边乱七八糟的", "other", "street_office", read_as="other", triage=True
    )
    triaged.correct(
        by=TRIAGE, at=AT, category="bike_parking", department="enforcement", deadlines=DUE
    )
    missed = reported(
        3, "楼下那个东西又响了一晚上", "noise", "enforcement", read_intent="none", registered_by=1
    )
    read_right = reported(4, "胜利路8号路灯不亮", "streetlight", "lighting", read_as="streetlight")

    found = {m.number: m for m in misreads([corrected, triaged, missed, read_right], taxonomy)}

    assert sorted(found) == [1, 2, 3]
    assert (found[1].read_as, found[1].became, found[1].last_department) == (
        "streetlight",
        "garbage",
        "sanitation",
    )
    assert found[1].example.location == "3号楼下"  # the place the liaison gave
    assert (found[2].read_as, found[2].became, found[2].first_department) == (
        "other",
        "bike_parking",
        "street_office",
    )
    assert found[3].example.read_as.intent is Intent.NONE and found[3].became == "noise"
    assert found[3].example.missed
