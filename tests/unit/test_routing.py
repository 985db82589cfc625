"""Routing (谁主管谁负责, road overrides first) and the deadlines a dispatch starts."""

import pytest

from tests.conftest import local
from tests.unit.test_lifecycle import new_ticket
from tickets.calendar import Calendar
from tickets.duplicates import find_same_problem, same_place
from tickets.ports import Binding
from tickets.roads import effective, road_at
from tickets.routing import deadlines_for, responsible_department
from tickets.taxonomy import Taxonomy, UnknownKeyError


def test_a_category_goes_to_its_department(taxonomy: Taxonomy) -> None:
    assert responsible_department(taxonomy, "streetlight", "胜利路") == "lighting"
    assert responsible_department(taxonomy, "illegal_parking", None) == "traffic_police"


def test_a_road_override_comes_first(taxonomy: Taxonomy) -> None:
    # 胜利路 hands its green strip to the street office in the example config
    assert responsible_department(taxonomy, "greenery", "胜利路") == "street_office"
    assert responsible_department(taxonomy, "greenery", "another road") == "parks"


def test_an_unknown_category_is_an_error_not_a_silent_default(taxonomy: Taxonomy) -> None:
    with pytest.raises(UnknownKeyError, match="unknown category 'lamp'"):
        responsible_department(taxonomy, "lamp", "胜利路")


def test_ack_deadline_counts_only_working_hours(taxonomy: Taxonomy, calendar: Calendar) -> None:
    due = deadlines_for(taxonomy, calendar, "streetlight", local("2026-11-20 17:30"))  # Friday
    assert due.ack_due == local("2026-11-23 10:30")  # 2 working hours, 09:00-18:00 -> Monday


def test_safety_items_count_every_hour(taxonomy: Taxonomy, calendar: Calendar) -> None:
    due = deadlines_for(taxonomy, calendar, "manhole", local("2026-11-21 23:50"))  # Saturday night
    assert due.ack_due == local("2026-11-22 00:20")
    assert due.resolve_due == local("2026-11-22 05:50")


def test_liaisons_of_a_department_include_the_roads_own(taxonomy: Taxonomy) -> None:
    assert taxonomy.liaisons_of("sanitation", "胜利路") == (5003, 5013)
    assert taxonomy.liaisons_of("sanitation", None) == (5003,)


def test_a_road_is_found_by_its_group_or_topic(taxonomy: Taxonomy) -> None:
    roads = effective(taxonomy.roads, [Binding("建设路", -1001000000001, 7)])  # a forum topic
    road = road_at(roads.values(), -1001000000001, None)
    assert road is not None and road.name == "胜利路"
    assert road_at(roads.values(), -1009999, None) is None
    assert road_at(roads.values(), -1001000000001, 7) == roads["建设路"]
    assert road_at(roads.values(), -1001000000001, 8).name == "胜利路"  # other topics: the group


def test_a_binding_takes_its_place_from_the_road_the_file_put_there(taxonomy: Taxonomy) -> None:
    roads = effective(taxonomy.roads, [Binding("建设路", -1001000000001, None)])
    assert road_at(roads.values(), -1001000000001, None).name == "建设路"
    assert roads["胜利路"].chat_id is None  # unbound, its chief and overrides kept
    assert roads["胜利路"].chief_ids == taxonomy.roads["胜利路"].chief_ids


def test_a_road_bound_twice_serves_the_group_of_its_last_binding(taxonomy: Taxonomy) -> None:
    roads = effective(
        taxonomy.roads, [Binding("建设路", -1002, None), Binding("建设路", -1003, None)]
    )
    assert roads["建设路"].chat_id == -1003
    assert road_at(roads.values(), -1002, None) is None


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("胜利路8号", "胜利路8号门口", True),
        ("药店门口", "药店", True),
        (None, None, True),
        ("胜利路8号", "胜利路18号", False),
        ("8号", "18号", False),
        ("超市门口", None, False),
        ("银行门口", "药店门口", False),
    ],
)
def test_same_place_means_one_names_the_other(a: str | None, b: str | None, same: bool) -> None:
    assert same_place(a, b) is same


def test_a_report_repeats_an_open_ticket_of_the_same_category_and_place() -> None:
    ticket = new_ticket()  # streetlight at 胜利路8号
    assert find_same_problem([ticket], "streetlight", "胜利路8号门口") is ticket
    assert find_same_problem([ticket], "garbage", "胜利路8号") is None
    ticket.cancel(by=42, at=ticket.created_at)
    assert find_same_problem([ticket], "streetlight", "胜利路8号") is None
