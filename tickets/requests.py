"""What an update asks of the desk, as plain values, and what came of it.

The handlers turn Telegram's objects into these and nothing else crosses into the domain: the
desk never sees an aiogram type, and a test can ask it anything by building one of these.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from tickets.lifecycle import Action
from tickets.model import Photo, Ticket
from tickets.permissions import Refusal
from tickets.understanding import Reading


@dataclass(frozen=True, slots=True)
class Person:
    """Someone in a chat, as Telegram names them."""

    user_id: int
    name: str = ""
    username: str | None = None


@dataclass(frozen=True, slots=True)
class Place:
    """Where to answer: a chat, a forum topic in it, the message answered."""

    chat_id: int
    thread_id: int | None = None
    reply_to: int | None = None


@dataclass(frozen=True, slots=True)
class Replied:
    """The message another one answers, as the reply carries it: what "立案" makes a ticket of."""

    message_id: int
    sender: Person
    text: str = ""
    photos: tuple[Photo, ...] = ()


@dataclass(frozen=True, slots=True)
class GroupMessage:
    chat_id: int
    message_id: int
    sender: Person
    text: str = ""
    photos: tuple[Photo, ...] = ()
    thread_id: int | None = None
    reply_to: int | None = None  # the message id this one answers
    media_group_id: str | None = None
    explicit_report: bool = False  # /report, or a message that mentions the bot
    forwarded: bool = False
    replied: Replied | None = None  # the message answered, when a person wrote it

    @property
    def place(self) -> Place:
        """Answering this message, in its chat and topic."""
        return Place(self.chat_id, self.thread_id, self.message_id)


@dataclass(frozen=True, slots=True)
class ButtonPress:
    """A button under a message of the bot's, pressed."""

    query_id: str
    chat_id: int
    thread_id: int | None
    presser: Person


class OutcomeKind(StrEnum):
    IGNORED = "ignored"  # chatter, or nothing it could be about
    CREATED = "created"
    JOINED = "joined"  # a repeat report, folded into the open ticket
    MOVED = "moved"
    REFUSED = "refused"  # the sender may not do that; they were told politely
    NOT_NOW = "not_now"  # the ticket is not in a state for that ("收到" twice)
    ASKED_WHICH = "asked_which"  # several tickets fit; asked to reply to the card
    PHOTO_HELD = "photo_held"  # a photo without words, waiting for its text
    PHOTO_ADDED = "photo_added"
    ANSWERED = "answered"  # a command or a button was answered, nothing moved


@dataclass(frozen=True, slots=True)
class Outcome:
    kind: OutcomeKind
    ticket: Ticket | None = None
    action: Action | None = None
    reading: Reading | None = None
    refusal: Refusal | None = None
