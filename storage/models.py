"""The database tables, as typed SQLAlchemy 2 models.

Categories, departments and roads are configuration; tickets keep their keys as plain strings so
that a renamed or removed category never breaks an old ticket in the ledger.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from storage.types import UTCDateTime

# Named constraints let Alembic alter them on SQLite (batch mode) and PostgreSQL alike.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# SQLite only gives INTEGER PRIMARY KEY its autoincrement; PostgreSQL wants BIGINT for growth.
BigId = BigInteger().with_variant(Integer(), "sqlite")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime(),
        dict[str, Any]: JSON(),
    }


class RoadRow(Base):
    """A road and the group (or forum topic) it lives in, from the config file or /bind."""

    __tablename__ = "roads"
    __table_args__ = (UniqueConstraint("chat_id", "thread_id", name="uq_roads_chat_topic"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    chat_id: Mapped[int | None] = mapped_column(BigInteger)
    thread_id: Mapped[int | None] = mapped_column(BigInteger)
    # A row is a binding made in chat, and wins over the file: a place (chat_id) bound with
    # /bind, or none (chat_id NULL) after /unbind, or when another road took the place.
    bound_by: Mapped[int | None] = mapped_column(BigInteger)  # who bound or unbound it last
    bound_at: Mapped[datetime | None]


class BindingRecordRow(Base):
    """Every /bind and /unbind (and a road displaced by a binding): who, when, which group.
    Only ever added to; `streetdesk roads` lists them."""

    __tablename__ = "binding_records"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    road: Mapped[str] = mapped_column(String(200), index=True)
    action: Mapped[str] = mapped_column(String(16))  # bind, unbind
    chat_id: Mapped[int | None] = mapped_column(BigInteger)
    thread_id: Mapped[int | None] = mapped_column(BigInteger)
    by: Mapped[int | None] = mapped_column(BigInteger)  # None: before records were kept
    at: Mapped[datetime]


class DepartmentRow(Base):
    """The departments as configured, kept so the ledger can name them after a config change."""

    __tablename__ = "departments"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200), default="")


class MemberRow(Base):
    """A person's role in one group: liaison of a department, chief, or head."""

    __tablename__ = "members"
    __table_args__ = (
        UniqueConstraint("chat_id", "user_id", "role", "department", name="uq_members_role"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger, index=True)
    user_id: Mapped[int] = mapped_column(BigInteger, index=True)
    role: Mapped[str] = mapped_column(String(16))
    department: Mapped[str | None] = mapped_column(String(64))
    username: Mapped[str | None] = mapped_column(String(64))
    full_name: Mapped[str] = mapped_column(String(200), default="")
    confirmed_by: Mapped[int | None] = mapped_column(BigInteger)  # None until approved (/join)
    created_at: Mapped[datetime]


class MembershipRecordRow(Base):
    """Every liaison approved, left (/leave) or removed (/remove) in a group: who, when, by whom.
    Only ever added to; the members table holds who is a liaison now."""

    __tablename__ = "membership_records"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger, index=True)
    user_id: Mapped[int] = mapped_column(BigInteger)
    department: Mapped[str | None] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(16))  # approved, left, removed
    by: Mapped[int | None] = mapped_column(BigInteger)
    at: Mapped[datetime]


class TicketRow(Base):
    __tablename__ = "tickets"
    __table_args__ = (
        Index("ix_tickets_road_state", "road", "state"),
        Index("ix_tickets_state_ack_due", "state", "ack_due"),
        Index("ix_tickets_state_resolve_due", "state", "resolve_due"),
        # The sweep reads only tickets whose next look is due: one indexed range, however many
        # are open or closed. The group rides along, so that the count of crowded groups and a
        # catch-up's tickets of one group are sorted out inside the index instead of reading
        # every due row (at 100,000 due: 241 and 87 ms a query before, 80 and 14 ms with it).
        Index("ix_tickets_next_chase", "next_chase_at", "chat_id", "thread_id"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    number: Mapped[int] = mapped_column(Integer, unique=True)
    road: Mapped[str] = mapped_column(String(200))
    chat_id: Mapped[int | None] = mapped_column(BigInteger)
    thread_id: Mapped[int | None] = mapped_column(BigInteger)
    category: Mapped[str] = mapped_column(String(64))
    department: Mapped[str] = mapped_column(String(64))
    state: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    location: Mapped[str | None] = mapped_column(String(200))
    reporter_id: Mapped[int | None] = mapped_column(BigInteger)
    reporter_name: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(index=True)
    dispatched_at: Mapped[datetime | None]
    ack_due: Mapped[datetime]
    resolve_due: Mapped[datetime]
    acknowledged_at: Mapped[datetime | None]
    resolved_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    verify_due: Mapped[datetime | None]
    close_reason: Mapped[str | None] = mapped_column(String(16))
    rework_count: Mapped[int] = mapped_column(Integer, default=0)
    transfer_count: Mapped[int] = mapped_column(Integer, default=0)
    extension_count: Mapped[int] = mapped_column(Integer, default=0)
    duplicate_of: Mapped[int | None] = mapped_column(Integer)
    next_chase_at: Mapped[datetime | None]  # indexed with the group: ix_tickets_next_chase
    chased_deadline: Mapped[str | None] = mapped_column(String(64))
    chase_level: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    last_reminded_at: Mapped[datetime | None]
    # Bumped by every save; a save over a stale copy is refused (storage/tickets.py).
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    events: Mapped[list[EventRow]] = relationship(
        back_populates="ticket", order_by="EventRow.seq", cascade="all, delete-orphan"
    )


class EventRow(Base):
    """One move or note in a ticket's history: the ledger is this table."""

    __tablename__ = "ticket_events"
    __table_args__ = (
        UniqueConstraint("ticket_id", "seq", name="uq_ticket_events_seq"),
        # "Which tickets moved that day" (the digest) is answered from the index alone; on `at`
        # alone every event of the day was read from the table, once per road (62 ms a road at
        # 36,000 events a day, 15 ms with it).
        Index("ix_ticket_events_at_ticket", "at", "ticket_id"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"))
    seq: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(32))
    at: Mapped[datetime]  # indexed with ticket_id: ix_ticket_events_at_ticket
    by: Mapped[int | None] = mapped_column(BigInteger)
    from_state: Mapped[str | None] = mapped_column(String(16))
    to_state: Mapped[str | None] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(Text, default="")
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)

    ticket: Mapped[TicketRow] = relationship(back_populates="events")
    photos: Mapped[list[PhotoRow]] = relationship(
        back_populates="event", order_by="PhotoRow.id", cascade="all, delete-orphan"
    )


class PhotoRow(Base):
    __tablename__ = "photos"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"), index=True)
    # Indexed: every ticket read with its history asks for its events' photos by event id;
    # without the index each such read scanned the whole table (90 ms at 680,000 photos).
    event_id: Mapped[int] = mapped_column(
        ForeignKey("ticket_events.id", ondelete="CASCADE"), index=True
    )
    file_id: Mapped[str] = mapped_column(String(255))
    file_unique_id: Mapped[str] = mapped_column(String(64), default="")
    kind: Mapped[str] = mapped_column(String(8))

    event: Mapped[EventRow] = relationship(back_populates="photos")
    # One way only: a photo of a ticket not yet written gets its ticket id when it is.
    ticket: Mapped[TicketRow] = relationship()


class KeptPhotoRow(Base):
    """A photo (by Telegram file id) to keep on disk as evidence: queued with the event that
    brought it, then downloaded by the leader's photo keeper into a content-addressed folder
    (stored, named by `sha256`), or given up as missing with why (gone from Telegram, too big).
    One row per file id, so each photo is downloaded once however many events show it."""

    __tablename__ = "kept_photos"
    __table_args__ = (
        # What the keeper looks for: the photos still waiting whose next try is due.
        Index(
            "ix_kept_photos_waiting",
            "not_before",
            sqlite_where=text("stored_at IS NULL AND missing_at IS NULL"),
            postgresql_where=text("stored_at IS NULL AND missing_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    file_id: Mapped[str] = mapped_column(String(255), unique=True)
    file_unique_id: Mapped[str] = mapped_column(String(64), default="")
    queued_at: Mapped[datetime]
    not_before: Mapped[datetime]  # the next try, after a backoff
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    claimed_by: Mapped[str | None] = mapped_column(String(128))
    claimed_at: Mapped[datetime | None]
    sha256: Mapped[str | None] = mapped_column(String(64), index=True)  # the web desk's key
    size_bytes: Mapped[int | None] = mapped_column(BigInteger)
    stored_at: Mapped[datetime | None]
    missing_at: Mapped[datetime | None]
    missing_reason: Mapped[str | None] = mapped_column(String(32))  # not_found, too_big, ...
    last_error: Mapped[str | None] = mapped_column(Text)  # never holds the token


class InboxRow(Base):
    """An update as Telegram sent it, stored before Telegram is told it arrived, and marked
    processed in the transaction of its effects (or set aside, with why, if it cannot be).

    It is known by the bot's id, the update id and a digest of its content: Telegram restarts
    update ids (after a week without updates, and for a new bot), so an update id alone would
    make a new update look like an old one. A repeat of the same update is the same row.
    """

    __tablename__ = "inbox"
    __table_args__ = (
        UniqueConstraint("bot_id", "update_id", "digest", name="uq_inbox_update"),
        # What the processor looks for: the updates still waiting, in arrival order.
        Index(
            "ix_inbox_waiting",
            "id",
            sqlite_where=text("processed_at IS NULL AND failed_at IS NULL"),
            postgresql_where=text("processed_at IS NULL AND failed_at IS NULL"),
        ),
        Index("ix_inbox_received_at", "received_at"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    # None only for update ids recorded before the inbox, by the processed-updates table.
    bot_id: Mapped[int | None] = mapped_column(BigInteger)
    update_id: Mapped[int] = mapped_column(BigInteger)
    digest: Mapped[str] = mapped_column(String(64))
    chat_id: Mapped[int | None] = mapped_column(BigInteger)  # processed in order per chat
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    received_at: Mapped[datetime]
    processed_at: Mapped[datetime | None]
    failed_at: Mapped[datetime | None]  # set aside: its handler failed for a reason of its own
    last_error: Mapped[str | None] = mapped_column(Text)


class OutboxRow(Base):
    """A message to send: a row first, sent second, so a crash or a 429 loses nothing."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_pending", "sent_at", "not_before"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    thread_id: Mapped[int | None] = mapped_column(BigInteger)
    kind: Mapped[str] = mapped_column(String(32))  # a NoticeKind: card, moved, reminder...
    ticket_number: Mapped[int | None] = mapped_column(Integer, index=True)
    reply_to: Mapped[int | None] = mapped_column(BigInteger)
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime]
    not_before: Mapped[datetime]
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    sent_at: Mapped[datetime | None]
    message_id: Mapped[int | None] = mapped_column(BigInteger)  # what Telegram gave back
    # Given up: Telegram refused it for good (e.g. 403), or it could not be prepared (set aside).
    failed_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    # Who is sending it: claimed right before the call, by the leader only; once claimed, no
    # other sender takes it until the claim is released or its holder is known to be gone.
    claimed_by: Mapped[str | None] = mapped_column(String(128))
    claimed_at: Mapped[datetime | None]


class MessageLinkRow(Base):
    """Which ticket a Telegram message belongs to, so a reply to it finds its ticket."""

    __tablename__ = "message_links"

    chat_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    message_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # report, card, reply, notice


class PendingPhotoRow(Base):
    """A photo sent without words, waiting a short while for the text (or album) it belongs to."""

    __tablename__ = "pending_photos"
    __table_args__ = (Index("ix_pending_photos_sender", "chat_id", "user_id", "at"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    user_id: Mapped[int] = mapped_column(BigInteger)
    message_id: Mapped[int] = mapped_column(BigInteger)
    media_group_id: Mapped[str | None] = mapped_column(String(64))
    file_id: Mapped[str] = mapped_column(String(255))
    file_unique_id: Mapped[str] = mapped_column(String(64), default="")
    at: Mapped[datetime]


class PersonRow(Base):
    """The latest name and username seen for a Telegram user, for mentions and the ledger."""

    __tablename__ = "people"

    user_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    full_name: Mapped[str] = mapped_column(String(200), default="")
    username: Mapped[str | None] = mapped_column(String(64))
    updated_at: Mapped[datetime]


class LeaseRow(Base):
    """Who runs the sweep and the sender now. Held by renewing it before it expires; a process
    that dies stops renewing, and another takes it over."""

    __tablename__ = "leases"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    holder: Mapped[str | None] = mapped_column(String(128))
    expires_at: Mapped[datetime | None]


class CounterRow(Base):
    """Named counters: the ticket numbers people say aloud come from here, without gaps."""

    __tablename__ = "counters"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)


class DigestPublicationRow(Base):
    """A road's digest (or weekly summary) for one day, published: written in the transaction
    that queues its messages, so a rerun after a crash or an outage posts only the roads still
    missing, and "published" and "queued to send" never disagree."""

    __tablename__ = "digest_publications"

    # In this order the key also answers "which roads have this kind for this day".
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)  # daily, weekly
    day: Mapped[date] = mapped_column(Date, primary_key=True)  # reported on; a week's first day
    road: Mapped[str] = mapped_column(String(200), primary_key=True)
    published_at: Mapped[datetime]
    messages: Mapped[int] = mapped_column(Integer)  # outbox rows written with it


class WebSignInRow(Base):
    """A one-time sign-in link to the web desk, used: its nonce, so that it works once across
    every process (storage/web_sign_in.py)."""

    __tablename__ = "web_sign_ins"

    nonce: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(BigInteger)
    used_at: Mapped[datetime]
    expires_at: Mapped[datetime] = mapped_column(index=True)  # forgotten after it
