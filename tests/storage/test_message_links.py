"""Message links on both databases: a message keeps the ticket it was first linked to, and a link
to a ticket that does not exist is refused."""

from __future__ import annotations

import pytest

from bot.database import Database
from tests.clerk import Clerk
from tickets.permissions import Actor

CHAT = -1001000000001


async def two_tickets(service: Clerk) -> tuple[int, int]:
    shopkeeper = Actor(42, "王老板")
    numbers = []
    for text, place in (("胜利路8号路灯不亮", "胜利路8号"), ("胜利路9号路灯不亮", "胜利路9号")):
        outcome = await service.report(
            road="胜利路", category="streetlight", text=text, location=place, reporter=shopkeeper
        )
        numbers.append(outcome.ticket.number)
    return numbers[0], numbers[1]


async def test_a_message_keeps_the_ticket_it_was_first_linked_to(
    database: Database, service: Clerk
) -> None:
    first, second = await two_tickets(service)
    async with database.unit_of_work() as uow:
        await uow.links.link(CHAT, 100, first, "report")
        await uow.links.link(CHAT, 100, second, "report")  # the same message again: ignored
        await uow.links.link(CHAT, 101, second, "card")
        await uow.commit()
    async with database.unit_of_work() as uow:
        assert await uow.links.ticket_number_for(CHAT, 100) == first
        assert await uow.links.ticket_number_for(CHAT, 101) == second
        assert await uow.links.messages_of(second, "card") == [(CHAT, 101)]


async def test_a_link_to_a_missing_ticket_is_refused(database: Database) -> None:
    async with database.unit_of_work() as uow:
        with pytest.raises(LookupError, match="no ticket #77"):
            await uow.links.link(CHAT, 100, 77, "report")
