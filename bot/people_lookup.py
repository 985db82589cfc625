"""Who a message names, with their names: a ticket's liaisons (the config's, then those approved
in its group), the department head or street chief an escalation calls, anyone by id.

Names come from the people the bot has seen; a liaison from the config file that the bot has
never heard is asked of Telegram once (getChatMember), remembered, and not asked again for a
while if Telegram does not know them in that group.
"""

from __future__ import annotations

import asyncio
import logging
import math
from collections.abc import Iterable

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.methods import GetChatMember

from bot.retrying import TRANSIENT_ERRORS
from storage.unit_of_work import SqlUnitOfWork
from tickets.model import Ticket
from tickets.requests import Person
from tickets.taxonomy import Taxonomy

log = logging.getLogger("streetdesk.sender")

# Telegram did not know a liaison in that group (not a member yet): ask again after this long,
# not for every card of the department (each ask is a round trip and a warning in the log).
LOOKUP_AGAIN_AFTER = 600.0

Names = dict[int, tuple[str, str | None]]


class PeopleLookup:
    def __init__(self, *, bot: Bot, taxonomy: Taxonomy) -> None:
        self._bot = bot
        self._taxonomy = taxonomy
        self._not_found: dict[tuple[int | None, int], float] = {}  # (chat, user) -> ask again at

    async def liaison_ids(self, uow: SqlUnitOfWork, ticket: Ticket) -> list[int]:
        """The ticket's department's liaisons: the config's, then those approved in its group."""
        ids = list(self._taxonomy.liaisons_of(ticket.department, ticket.road))
        if ticket.chat_id is not None:
            approved = await uow.members.liaisons_in(ticket.chat_id, ticket.department)
            ids += [i for i in approved if i not in ids]
        return ids

    async def liaisons(self, uow: SqlUnitOfWork, ticket: Ticket) -> list[Person]:
        return await self.named(uow, ticket.chat_id, await self.liaison_ids(uow, ticket))

    async def called(self, uow: SqlUnitOfWork, ticket: Ticket, level: str) -> list[Person]:
        """Who an escalation calls: the department head, or the road's street chief."""
        if level == "head":
            department = self._taxonomy.departments.get(ticket.department)
            ids = list(department.head_ids) if department else []
        else:
            road = self._taxonomy.roads.get(ticket.road)
            ids = list(road.chief_ids) if road else []
        return await self.named(uow, ticket.chat_id, ids)

    async def names(self, uow: SqlUnitOfWork, ids: Iterable[int]) -> Names:
        return await uow.people.names(ids)

    async def named(
        self,
        uow: SqlUnitOfWork,
        chat_id: int | None,
        ids: list[int],
        names: Names | None = None,
    ) -> list[Person]:
        """`ids` with their names: those read already (`names`, which gains any found), else from
        the database, else from Telegram."""
        if names is None:
            names = await uow.people.names(ids)
        now = asyncio.get_running_loop().time()
        unknown = [
            i for i in ids if i not in names and self._not_found.get((chat_id, i), -math.inf) <= now
        ]
        if chat_id is None or not unknown:
            return [Person(i, *names.get(i, ("", None))) for i in ids]
        # SQLite has one connection for the whole bot: end this read before asking Telegram, so
        # the processor does not wait on a network round trip. (What was read stays usable.)
        await uow.commit()
        found_any = False
        for user_id in unknown:
            found = await self._look_up(chat_id, user_id)
            if found is None:
                self._not_found[(chat_id, user_id)] = now + LOOKUP_AGAIN_AFTER
                continue
            names[user_id] = found
            found_any = True
            await uow.people.remember(user_id, *found)
        if found_any:
            await uow.commit()
        return [Person(i, *names.get(i, ("", None))) for i in ids]

    async def _look_up(self, chat_id: int, user_id: int) -> tuple[str, str | None] | None:
        try:
            member = await self._bot(GetChatMember(chat_id=chat_id, user_id=user_id))
        except (TelegramAPIError, *TRANSIENT_ERRORS) as error:
            # Refused, or Telegram's front end answering 502 with an HTML page (not an API
            # error): the message goes out now with a link mention; the name is asked for later.
            log.warning(
                "member_lookup_failed",
                extra={"chat": chat_id, "user": user_id, "error": str(error)[:300]},
            )
            return None
        return member.user.full_name, member.user.username
