"""谁主管谁负责: only the department in charge (or the chief) handles its tickets."""

import pytest

from tests.unit.test_lifecycle import T0, new_ticket
from tickets.lifecycle import Action, Note
from tickets.permissions import Actor, NotAllowed, Refusal, check, may
from tickets.roles import Role

LIGHTING_LIAISON = Actor(5001, "路灯所小李", Role.LIAISON, frozenset({"lighting"}))
SANITATION_LIAISON = Actor(5003, "环卫小张", Role.LIAISON, frozenset({"sanitation"}))
REPORTER = Actor(42, "王老板")
NEIGHBOUR = Actor(43, "隔壁老板")
CHIEF = Actor(9001, "街长", Role.CHIEF)


@pytest.mark.parametrize("action", [Action.ACKNOWLEDGE, Action.RESOLVE, Action.TRANSFER])
def test_only_the_departments_liaison_or_the_chief_handles_it(action: Action) -> None:
    ticket = new_ticket()  # a lighting ticket reported by 42
    assert may(LIGHTING_LIAISON, action, ticket)
    assert may(CHIEF, action, ticket)
    for outsider in (SANITATION_LIAISON, REPORTER, NEIGHBOUR):
        with pytest.raises(NotAllowed) as refused:
            check(outsider, action, ticket)
        assert refused.value.refusal is Refusal.NOT_IN_CHARGE


@pytest.mark.parametrize("action", [Action.CONFIRM, Action.REOPEN, Action.CANCEL])
def test_only_the_reporter_or_the_chief_confirms_reopens_or_withdraws(action: Action) -> None:
    ticket = new_ticket()
    assert may(REPORTER, action, ticket)
    assert may(CHIEF, action, ticket)
    assert not may(NEIGHBOUR, action, ticket)
    assert not may(LIGHTING_LIAISON, action, ticket)


def test_someone_who_reported_the_same_problem_counts_as_a_reporter() -> None:
    ticket = new_ticket()
    ticket.record(Note.ALSO_REPORTED, by=NEIGHBOUR.user_id, at=T0)
    assert may(NEIGHBOUR, Action.REOPEN, ticket)


@pytest.mark.parametrize("action", [Action.CLOSE, Action.REJECT, Action.CLOSE_UNCONTESTED])
def test_closing_and_rejecting_are_the_chiefs(action: Action) -> None:
    ticket = new_ticket()
    assert not may(LIGHTING_LIAISON, action, ticket)
    assert not may(REPORTER, action, ticket)
    with pytest.raises(NotAllowed) as refused:
        check(REPORTER, action, ticket)
    assert refused.value.refusal is Refusal.CHIEF_ONLY


def test_only_the_one_who_wrote_a_report_edits_it() -> None:
    ticket = new_ticket()
    ticket.record(Note.ALSO_REPORTED, by=NEIGHBOUR.user_id, at=T0)
    assert may(REPORTER, Action.EDIT, ticket)
    assert not may(NEIGHBOUR, Action.EDIT, ticket)
    assert not may(LIGHTING_LIAISON, Action.EDIT, ticket)
