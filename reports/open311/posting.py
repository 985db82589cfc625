"""POST requests: a city platform's report becomes a ticket through the desk, like any report.

The request names its road by attribute[road] or by an address_string that starts with the road's
name; it is registered by `Moves.report` (folded into the open ticket of the same problem, if
there is one) and its card is queued for the road's group in the same transaction. On the card
the reporter is the platform ("数字城管"): nobody in the group reported it.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from multidict import MultiMapping

from reports.open311 import errors
from reports.open311.errors import Open311Error
from reports.open311.services import ROAD_ATTRIBUTE
from tickets.model import Ticket
from tickets.moves import Moves
from tickets.office import Office
from tickets.permissions import Actor
from tickets.ports import UnitOfWork
from tickets.requests import Place
from tickets.roads import Roads
from tickets.taxonomy import Road

# The platform is no Telegram user: 0 is an id no Telegram account has.
PLATFORM_USER_ID = 0
PLATFORM_NAMES = {"zh": "数字城管", "en": "City platform"}
MAX_DESCRIPTION = 4000  # the spec's limit on description
MAX_ADDRESS = 300  # a place on a road, not a document


def key_accepted(given: str, keys: Sequence[str]) -> bool:
    """Whether `given` is one of `keys`, compared in constant time: every key is compared, and
    the comparison itself does not stop at the first differing byte."""
    offered = given.encode()
    accepted = False
    for key in keys:
        accepted |= hmac.compare_digest(offered, key.encode())
    return accepted and bool(given)


@dataclass(frozen=True, slots=True)
class Posted:
    ticket: Ticket
    created: bool  # False: folded into the open ticket of the same problem


def _text(form: MultiMapping[str], name: str) -> str:
    return form.get(name, "").strip()


async def _road(roads: Roads, form: MultiMapping[str]) -> Road:
    """The road the request is on: its attribute, else the longest road name its address starts
    with; a road the office does not serve is refused, never guessed."""
    served = await roads.all()
    named = _text(form, f"attribute[{ROAD_ATTRIBUTE}]")
    address = _text(form, "address_string")
    if named:
        road = next((r for r in served if r.name == named), None)
        if road is None:
            raise Open311Error(400, f"attribute[road] was not a valid value: {named}")
    elif address:
        starting = [r for r in served if address.startswith(r.name)]
        if not starting:
            raise Open311Error(
                400,
                "address_string does not start with the name of a road served here: "
                "give the road's name first, or attribute[road]",
            )
        road = max(starting, key=lambda r: len(r.name))
    elif _text(form, "lat") or _text(form, "long") or _text(form, "address_id"):
        raise Open311Error(
            400,
            "lat/long and address_id cannot be placed on a road here: "
            "give address_string or attribute[road]",
        )
    else:
        raise errors.location_missing()
    if road.chat_id is None:
        raise errors.general(f"road {road.name} has no liaison group to send the request to")
    return road


class Posting:
    def __init__(
        self,
        unit_of_work: Callable[[], UnitOfWork],
        office: Office,
        api_keys: Sequence[str],
        language: str,
    ) -> None:
        self._unit_of_work = unit_of_work
        self._office = office
        self._keys = [key for key in api_keys if key]  # an empty key opens nothing
        self._platform = Actor(PLATFORM_USER_ID, PLATFORM_NAMES.get(language, "City platform"))

    def check_key(self, given: str) -> None:
        if not key_accepted(given, self._keys):
            raise errors.api_key_invalid()

    async def post(self, form: MultiMapping[str]) -> Posted:
        """Register the request and queue its card, committed together; raises Open311Error for
        a request the spec refuses (nothing is then written)."""
        taxonomy = self._office.taxonomy
        code = _text(form, "service_code")
        if not code:
            raise errors.service_code_missing()
        if code not in taxonomy.categories:
            raise errors.service_code_not_found(code)
        description = _text(form, "description")[:MAX_DESCRIPTION]
        media = _text(form, "media_url")
        text = description or taxonomy.categories[code].name
        if media:  # the platform's own photo: the group can open it
            text += f"\n{media}"
        async with self._unit_of_work() as uow:
            road = await _road(Roads(uow, taxonomy.roads), form)
            assert road.chat_id is not None
            ticket, created = await Moves(uow, self._office).report(
                road=road.name,
                category=code,
                text=text,
                location=_text(form, "address_string")[:MAX_ADDRESS] or None,
                reporter=self._platform,
                photos=(),
                place=Place(road.chat_id, road.thread_id),
                message_ids=[],
            )
            await uow.commit()
        return Posted(ticket, created)
