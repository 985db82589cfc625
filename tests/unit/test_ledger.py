"""The ledger rows (台账) checked column by column against a small ledger worked out by hand.

Asia/Shanghai, 09:00-18:00 workdays; Mon 2026-11-16 is a Monday. Garbage reports go to
sanitation with ack 1 working hour and resolve 8 working hours.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import SHANGHAI, local
from tickets.calendar import Calendar
from tickets.figures import figures
from tickets.ledger import COLUMNS, ledger_rows
from tickets.model import Photo, PhotoKind, Ticket
from tickets.routing import deadlines_for
from tickets.taxonomy import Taxonomy

LIAISON, REPORTER, CHIEF = 5003, 42, 9001


def iso(text_time: str) -> str:
    return local(text_time).isoformat()


def report(
    taxonomy: Taxonomy,
    calendar: Calendar,
    number: int,
    at: str,
    *,
    text: str = "垃圾桶满了",
    location: str | None = None,
    photos: tuple[Photo, ...] = (),
) -> Ticket:
    moment = local(at)
    return Ticket.report(
        number=number,
        road="胜利路",
        category="garbage",
        department="sanitation",
        text=text,
        location=location,
        reporter_id=REPORTER,
        reporter_name="王阿姨",
        at=moment,
        deadlines=deadlines_for(taxonomy, calendar, "garbage", moment),
        photos=photos,
    )


@pytest.fixture
def tickets(taxonomy: Taxonomy, calendar: Calendar) -> list[Ticket]:
    def deadlines(at: str):
        return deadlines_for(taxonomy, calendar, "garbage", local(at))

    # 1: Mon 10:00 with a photo; ack due 11:00, resolve due 18:00. Acknowledged 10:30,
    #    resolved 13:00 with an after-photo, confirmed 14:00: on time throughout.
    one = report(
        taxonomy,
        calendar,
        1,
        "2026-11-16 10:00",
        location="胜利路12号门口",
        photos=(Photo("p1-before"),),
    )
    one.acknowledge(by=LIAISON, at=local("2026-11-16 10:30"))
    one.resolve(
        by=LIAISON,
        at=local("2026-11-16 13:00"),
        verify_due=local("2026-11-17 13:00"),
        photos=(Photo("p1-after", PhotoKind.AFTER),),
    )
    one.confirm(by=REPORTER, at=local("2026-11-16 14:00"))
    # 2: Mon 17:00; ack due Mon 18:00 but first acknowledged Tue 11:00 (late). Resolved Tue 15:00
    #    (due Tue 16:00), reopened Tue 16:00 with a photo (new ack due Tue 17:00, resolve due
    #    Wed 15:00), acknowledged again Tue 16:30 (on time for the new clock, which the ledger
    #    does not judge by), resolved Wed 10:00 with two photos, closed without objection Thu.
    two = report(taxonomy, calendar, 2, "2026-11-16 17:00", photos=(Photo("p2-before"),))
    two.acknowledge(by=LIAISON, at=local("2026-11-17 11:00"))
    two.resolve(by=LIAISON, at=local("2026-11-17 15:00"), verify_due=local("2026-11-18 15:00"))
    two.reopen(
        by=REPORTER,
        at=local("2026-11-17 16:00"),
        deadlines=deadlines("2026-11-17 16:00"),
        photos=(Photo("p2-still-there"),),
    )
    two.acknowledge(by=LIAISON, at=local("2026-11-17 16:30"))
    two.resolve(
        by=LIAISON,
        at=local("2026-11-18 10:00"),
        verify_due=local("2026-11-19 10:00"),
        photos=(Photo("p2-after-a", PhotoKind.AFTER), Photo("p2-after-b", PhotoKind.AFTER)),
    )
    two.close_uncontested(at=local("2026-11-19 10:00"))
    # 3: Wed 09:00 (ack due 10:00), transferred to municipal at 09:30 (ack due 10:30, resolve
    #    due 17:30), resolved straight away Thu 10:00 without an acknowledgement: late on both.
    three = report(taxonomy, calendar, 3, "2026-11-18 09:00")
    three.transfer(
        by=LIAISON,
        at=local("2026-11-18 09:30"),
        department="municipal",
        deadlines=deadlines("2026-11-18 09:30"),
        note="不是我们的",
    )
    three.resolve(by=5002, at=local("2026-11-19 10:00"), verify_due=local("2026-11-20 10:00"))
    # 4: Thu 12 10:00, acknowledged 10:10, extended to Fri 20 10:00: open, not yet resolved.
    four = report(taxonomy, calendar, 4, "2026-11-12 10:00")
    four.acknowledge(by=LIAISON, at=local("2026-11-12 10:10"))
    four.extend(
        by=CHIEF, at=local("2026-11-12 15:00"), resolve_due=local("2026-11-20 10:00"), note="等车"
    )
    # 5: Tue 09:00 (ack due 10:00), resolved at once 09:20, reopened 09:40, acknowledged
    #    11:30: the first acknowledgement is the resolution at 09:20, not the late 签收.
    five = report(taxonomy, calendar, 5, "2026-11-17 09:00")
    five.resolve(by=LIAISON, at=local("2026-11-17 09:20"), verify_due=local("2026-11-18 09:20"))
    five.reopen(by=REPORTER, at=local("2026-11-17 09:40"), deadlines=deadlines("2026-11-17 09:40"))
    five.acknowledge(by=LIAISON, at=local("2026-11-17 11:30"))
    # 6: a repeat of #1, marked as such.
    six = report(taxonomy, calendar, 6, "2026-11-16 10:05")
    six.mark_duplicate(by=LIAISON, at=local("2026-11-16 10:06"), of_number=1)
    # 7: odd data: a category and department no longer configured, and no events at all.
    seven = Ticket(
        number=7,
        road="解放路",
        category="fireworks",
        department="festival_office",
        text="=HYPERLINK(1)",
        location=None,
        reporter_id=None,
        reporter_name="",
        created_at=local("2026-11-19 08:00"),
        ack_due=local("2026-11-19 10:00"),
        resolve_due=local("2026-11-20 10:00"),
    )
    # out of order on purpose: the rows come sorted by number
    return [seven, three, one, five, two, six, four]


@pytest.fixture
def rows(tickets: list[Ticket], taxonomy: Taxonomy) -> dict[int, dict[str, object]]:
    built = ledger_rows(tickets, taxonomy=taxonomy, zone=SHANGHAI)
    return {row["number"]: row for row in built}  # type: ignore[misc]


def test_the_columns_are_the_contract_in_order() -> None:
    assert COLUMNS == (
        "number",
        "road",
        "place",
        "category",
        "category_name",
        "gb",
        "department",
        "department_name",
        "state",
        "reporter_id",
        "reporter_name",
        "text",
        "created_at",
        "dispatched_at",
        "acknowledged_at",
        "resolved_at",
        "closed_at",
        "close_reason",
        "ack_due",
        "resolve_due",
        "ack_on_time",
        "resolved_on_time",
        "rework_count",
        "transfer_count",
        "extension_count",
        "duplicate_of",
        "photos_before",
        "photos_after",
        "events",
    )


def test_rows_are_ordered_by_number_with_keys_in_column_order(tickets, taxonomy) -> None:
    built = ledger_rows(tickets, taxonomy=taxonomy, zone=SHANGHAI)
    assert [row["number"] for row in built] == [1, 2, 3, 4, 5, 6, 7]
    assert all(tuple(row) == COLUMNS for row in built)


def test_a_ticket_on_time_throughout(rows) -> None:
    assert rows[1] == {
        "number": 1,
        "road": "胜利路",
        "place": "胜利路12号门口",
        "category": "garbage",
        "category_name": "暴露垃圾/垃圾未清运/渣土",
        "gb": "E0102, E0103, E0105",
        "department": "sanitation",
        "department_name": "环卫所",
        "state": "closed",
        "reporter_id": REPORTER,
        "reporter_name": "王阿姨",
        "text": "垃圾桶满了",
        "created_at": "2026-11-16T10:00:00+08:00",
        "dispatched_at": "2026-11-16T10:00:00+08:00",
        "acknowledged_at": "2026-11-16T10:30:00+08:00",
        "resolved_at": "2026-11-16T13:00:00+08:00",
        "closed_at": "2026-11-16T14:00:00+08:00",
        "close_reason": "confirmed",
        "ack_due": "2026-11-16T11:00:00+08:00",
        "resolve_due": "2026-11-16T18:00:00+08:00",
        "ack_on_time": True,
        "resolved_on_time": True,
        "rework_count": 0,
        "transfer_count": 0,
        "extension_count": 0,
        "duplicate_of": None,
        "photos_before": "p1-before",
        "photos_after": "p1-after",
        "events": 4,
    }


def test_a_reopened_ticket_keeps_its_first_acknowledgement_and_first_ack_deadline(rows) -> None:
    row = rows[2]
    assert row["acknowledged_at"] == iso("2026-11-17 11:00")  # not the 16:30 one after rework
    assert row["ack_due"] == iso("2026-11-16 18:00")  # the first deadline, not Tue 17:00
    assert row["ack_on_time"] is False
    assert row["dispatched_at"] == iso("2026-11-17 16:00")  # the reopen dispatched it again
    assert row["resolved_at"] == iso("2026-11-18 10:00")  # the last resolution
    assert row["resolve_due"] == iso("2026-11-18 15:00")  # the current deadline
    assert row["resolved_on_time"] is True  # first resolution Tue 15:00 <= Wed 15:00
    assert (row["state"], row["closed_at"], row["close_reason"]) == (
        "closed",
        iso("2026-11-19 10:00"),
        "no_objection",
    )
    assert row["rework_count"] == 1
    assert row["events"] == 7


def test_photos_are_split_into_before_and_after(rows) -> None:
    assert rows[2]["photos_before"] == "p2-before p2-still-there"
    assert rows[2]["photos_after"] == "p2-after-a p2-after-b"
    assert rows[3]["photos_before"] == rows[3]["photos_after"] == ""


def test_a_transfer_shows_the_new_department_and_late_flags(rows) -> None:
    row = rows[3]
    assert (row["department"], row["department_name"]) == ("municipal", "市政设施养护中心")
    assert row["category_name"] == "暴露垃圾/垃圾未清运/渣土"  # the category stays
    assert row["transfer_count"] == 1
    assert row["dispatched_at"] == iso("2026-11-18 09:30")
    # resolved without a 签收: the resolution is the acknowledgement
    assert row["acknowledged_at"] == row["resolved_at"] == iso("2026-11-19 10:00")
    assert row["ack_due"] == iso("2026-11-18 10:00")
    assert row["ack_on_time"] is False
    assert row["resolve_due"] == iso("2026-11-18 17:30")
    assert row["resolved_on_time"] is False
    assert (row["state"], row["closed_at"], row["close_reason"]) == ("resolved", None, "")


def test_an_extended_open_ticket_has_no_resolution_yet(rows) -> None:
    row = rows[4]
    assert row["state"] == "acknowledged"
    assert row["extension_count"] == 1
    assert row["resolve_due"] == iso("2026-11-20 10:00")
    assert row["ack_on_time"] is True
    assert row["resolved_at"] is None and row["resolved_on_time"] is None
    assert row["closed_at"] is None


def test_an_early_resolution_counts_as_the_first_acknowledgement(rows) -> None:
    row = rows[5]
    assert row["acknowledged_at"] == iso("2026-11-17 09:20")  # not the 签收 at 11:30
    assert row["ack_on_time"] is True
    assert row["state"] == "acknowledged"
    assert row["resolved_at"] == iso("2026-11-17 09:20")


def test_a_duplicate_points_to_its_original(rows) -> None:
    row = rows[6]
    assert (row["state"], row["duplicate_of"]) == ("duplicate", 1)
    assert row["closed_at"] == iso("2026-11-16 10:06")
    assert row["close_reason"] == ""
    assert row["acknowledged_at"] is None and row["ack_on_time"] is None


def test_odd_data_falls_back_to_keys_and_empty_cells(rows) -> None:
    row = rows[7]
    assert (row["category"], row["category_name"], row["gb"]) == ("fireworks", "fireworks", "")
    assert (row["department"], row["department_name"]) == ("festival_office", "festival_office")
    assert row["place"] == ""
    assert row["reporter_id"] is None
    assert row["events"] == 0
    assert row["ack_due"] == iso("2026-11-19 10:00")  # no REPORT event: the ticket's own
    assert row["dispatched_at"] is None
    assert row["acknowledged_at"] is None and row["ack_on_time"] is None
    assert row["text"] == "=HYPERLINK(1)"  # the rows keep data as it is; writers defuse it


def test_times_are_written_in_the_zone_asked_for(tickets, taxonomy) -> None:
    built = ledger_rows(tickets, taxonomy=taxonomy, zone=ZoneInfo("UTC"))
    assert built[0]["created_at"] == "2026-11-16T02:00:00+00:00"
    assert built[0]["ack_due"] == "2026-11-16T03:00:00+00:00"


def test_a_naive_time_is_read_as_utc_rather_than_raising(taxonomy) -> None:
    naive = Ticket(
        number=8,
        road="胜利路",
        category="garbage",
        department="sanitation",
        text="",
        location=None,
        reporter_id=None,
        reporter_name="",
        created_at=datetime(2026, 11, 19, 2, 0),
        ack_due=datetime(2026, 11, 19, 3, 0),
        resolve_due=local("2026-11-19 18:00"),
    )
    (row,) = ledger_rows([naive], taxonomy=taxonomy, zone=SHANGHAI)
    assert row["created_at"] == iso("2026-11-19 10:00")
    assert row["ack_due"] == iso("2026-11-19 11:00")


def test_the_on_time_flags_agree_with_the_figures(tickets, taxonomy, calendar) -> None:
    start, end = local("2026-11-16 00:00"), local("2026-11-23 00:00")
    week = [t for t in tickets if start <= t.created_at < end]
    f = figures(week, start=start, end=end, taxonomy=taxonomy, calendar=calendar)
    built = ledger_rows(week, taxonomy=taxonomy, zone=SHANGHAI)
    assert sum(row["ack_on_time"] is True for row in built) == f.acknowledged_on_time
    assert len(built) == f.dispatched
