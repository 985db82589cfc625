"""The desk: everything one update may ask of the office, inside the transaction its owner
opened. The owner (bot/processor.py) builds a desk for each transaction and hands it to the
handlers; they call the part they need with plain values and never commit."""

from __future__ import annotations

from dataclasses import dataclass

from tickets.answers import Answers
from tickets.extensions import Extensions
from tickets.group_setup import GroupSetup
from tickets.intake import Intake
from tickets.moves import Moves
from tickets.office import Office
from tickets.ports import UnitOfWork
from tickets.presses import Presses
from tickets.roads import Roads


@dataclass(frozen=True, slots=True)
class Desk:
    office: Office
    roads: Roads  # which road a group serves; /bind
    intake: Intake  # group messages: reports and replies in words
    moves: Moves  # every move, through permissions, and the notices after it
    presses: Presses  # buttons under the bot's messages
    answers: Answers  # commands answered
    extensions: Extensions  # /extend
    setup: GroupSetup  # /bind, /join and its approval

    @classmethod
    def open(cls, uow: UnitOfWork, office: Office) -> Desk:
        roads = Roads(uow, office.taxonomy.roads)
        moves = Moves(uow, office)
        answers = Answers(uow, office)
        presses = Presses(uow, office, moves)
        return cls(
            office=office,
            roads=roads,
            intake=Intake(uow, office, moves),
            moves=moves,
            presses=presses,
            answers=answers,
            extensions=Extensions(uow, office, moves, answers),
            setup=GroupSetup(uow, office, roads, answers, presses),
        )
