"""How a correction counts in the figures (lifecycle.md): not as a transfer, so accurate
dispatch stays whole; the department it went to is judged on the ack deadline the correction
gave it, from the correction on.

Mon 2026-11-16, Asia/Shanghai, 09:00-18:00 workdays. Reported as 其他 (the street office
triages: ack 4 working hours); corrected to garbage (sanitation: ack 1 working hour).
"""

from __future__ import annotations

from tests.conftest import local
from tests.unit.test_figures import END, START, report
from tickets.calendar import Calendar
from tickets.figures import Figures, figures
from tickets.model import Ticket
from tickets.routing import deadlines_for
from tickets.taxonomy import Taxonomy

TRIAGE, SANITATION = 5010, 5003


def triaged(
    taxonomy: Taxonomy, calendar: Calendar, number: int, *, triage_acked: bool = False
) -> Ticket:
    """Reported Mon 10:00 to the street office (ack due 14:00), sent to sanitation at 13:30
    (ack due 14:30); `triage_acked`: the street office acknowledged it at 10:10 first."""
    ticket = report(taxonomy, calendar, number, "2026-11-16 10:00", category="other")
    if triage_acked:
        ticket.acknowledge(by=TRIAGE, at=local("2026-11-16 10:10"))
    ticket.correct(
        by=TRIAGE,
        at=local("2026-11-16 13:30"),
        category="garbage",
        department="sanitation",
        deadlines=deadlines_for(taxonomy, calendar, "garbage", local("2026-11-16 13:30")),
    )
    return ticket


def test_a_corrected_ticket_is_dispatched_accurately_and_acked_against_its_new_deadline(
    taxonomy: Taxonomy, calendar: Calendar
) -> None:
    on_time = triaged(taxonomy, calendar, 1)
    on_time.acknowledge(by=SANITATION, at=local("2026-11-16 14:15"))  # after the first deadline
    # The street office acknowledged it before sending it on: sanitation never did.
    unacknowledged = triaged(taxonomy, calendar, 2, triage_acked=True)
    transferred = report(taxonomy, calendar, 3, "2026-11-16 10:00")
    transferred.transfer(
        by=SANITATION,
        at=local("2026-11-16 10:30"),
        department="municipal",
        deadlines=deadlines_for(taxonomy, calendar, "garbage", local("2026-11-16 10:30")),
    )

    def counted(*tickets: Ticket) -> Figures:
        return figures(tickets, start=START, end=END, taxonomy=taxonomy, calendar=calendar)

    all_three = counted(on_time, unacknowledged, transferred)
    assert (all_three.dispatched, all_three.transferred) == (3, 1)  # the corrections are not
    assert all_three.accurate_dispatch_rate == 2 / 3
    assert counted(on_time).acknowledged_on_time == 1
    assert counted(unacknowledged).acknowledged_on_time == 0
