"""What the bot has to tell a group, decided by the domain and rendered by the bot at send time.

A notice is written to the outbox in the same transaction as the move that caused it, so a crash
can neither lose it nor send it for a move that was rolled back. It names the ticket rather than
carrying text: the card is rendered from the ticket as it is when the message goes out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class NoticeKind(StrEnum):
    CARD = "card"  # the ticket card, answering the report, with mentions and buttons
    CARD_UPDATE = "card_update"  # edit the card to the ticket's current state
    ALREADY_OPEN = "already_open"  # a repeat report: "already being handled, #12"
    MOVED = "moved"  # a short word in the group that a reply moved the ticket
    ASK_CONFIRM = "ask_confirm"  # resolved: the reporter is asked, by mention, to confirm
    REFUSED = "refused"  # somebody without the right role tried; politely, nothing changed
    WHICH_TICKET = "which_ticket"  # a reply fits several tickets: ask to reply to the card
    REMINDER = "reminder"  # a missed deadline: the liaisons are called, quoting the card
    ESCALATION = "escalation"  # still missed: the department head, then the street chief
    CHASE_SUMMARY = "chase_summary"  # many at once (after downtime): one message for the group
    EXTENSION_REQUEST = "extension_request"  # to the chief, with a button to approve
    DOCUMENT = "document"  # a file, carried in the row itself
    PHOTO = "photo"  # an image (the weekly chart), carried in the row itself
    TEXT = "text"  # pre-rendered text: digests
    # Answers to commands and buttons: what to say, in the catalogue's words at send time.
    SAY = "say"  # {"key": catalogue key, "args": {name: value}}
    BUTTON_ANSWER = "button_answer"  # {"query_id", "key", "args", "alert"}; chat_id = presser
    LISTING = "listing"  # {"header": key, "numbers": [...]}: /status, /mine
    TICKET_DETAIL = "ticket_detail"  # the ticket's card and history: /ticket N
    FIGURES = "figures"  # {"show": "stats"|"rank", "period", "roads", "scope", "at"}
    EXPORT = "export"  # {"period", "roads", "scope", "at"}: the XLSX ledger, made at send time
    JOIN_REQUEST = "join_request"  # {"member_id", "name", "department"}: with an approve button


@dataclass(frozen=True, slots=True)
class Notice:
    kind: NoticeKind
    chat_id: int
    thread_id: int | None = None
    ticket_number: int | None = None
    reply_to: int | None = None  # the message id to answer
    data: dict[str, Any] = field(default_factory=dict)
