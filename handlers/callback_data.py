"""Button payloads. Short, self-contained and versioned, so a button still works after a restart
and one from an older version is recognised as stale rather than misread."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData

# Telegram refuses callback data over 64 bytes.
MAX_CALLBACK_BYTES = 64


class ButtonAction(StrEnum):
    ACKNOWLEDGE = "ack"
    RESOLVE = "res"
    TRANSFER = "xfer"  # show the departments to transfer to
    TRANSFER_TO = "to"  # transfer to `department`
    BACK = "back"  # from the department list back to the card's buttons
    CONFIRM = "ok"
    REOPEN = "no"


class TicketButton(CallbackData, prefix="t1"):
    action: ButtonAction
    number: int
    department: str = ""


class RouteButton(CallbackData, prefix="r1"):
    """A triage card's choice: the ticket is this category, and goes to its department."""

    number: int
    category: str


class ExtendButton(CallbackData, prefix="x1"):
    number: int
    due: int  # the requested deadline, as a Unix timestamp: the button carries the request


class JoinButton(CallbackData, prefix="j1"):
    member_id: int
