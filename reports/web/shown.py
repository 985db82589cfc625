"""A ticket as the desk shows it: names instead of keys, local times, the history in the
office's words. Plain dicts for the templates, which escape every value."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from reports.web.desk import Desk
from storage.photo_files import url_path
from tickets.lifecycle import Action
from tickets.model import Photo, PhotoKind, Ticket
from tickets.ports import KeptPhoto, KeptState


def when(desk: Desk, moment: datetime | None) -> str:
    return moment.astimezone(desk.zone).strftime("%Y-%m-%d %H:%M") if moment else "—"


def row(desk: Desk, ticket: Ticket, now: datetime) -> dict[str, Any]:
    return {
        "number": ticket.number,
        "road": ticket.road,
        "category": desk.category_name(ticket.category),
        "place": ticket.location or "—",
        "department": desk.department_name(ticket.department),
        "state": desk.words(f"state.{ticket.state.value}", ticket.state.value),
        "overdue": ticket.overdue(now),
        "reporter": ticket.reporter_name or (str(ticket.reporter_id or "") or "—"),
        "text": ticket.text,
        "created_at": when(desk, ticket.created_at),
        "ack_due": when(desk, ticket.ack_due),
        "acknowledged_at": when(desk, ticket.acknowledged_at),
        "resolve_due": when(desk, ticket.resolve_due),
        "resolved_at": when(desk, ticket.resolved_at),
        "closed_at": when(desk, ticket.closed_at),
    }


def person(desk: Desk, user_id: int | None, names: Mapping[int, tuple[str, str | None]]) -> str:
    if user_id is None:
        return desk.w["bot"]
    name, username = names.get(user_id, ("", None))
    return name or (f"@{username}" if username else str(user_id))


def history(
    desk: Desk, ticket: Ticket, names: Mapping[int, tuple[str, str | None]]
) -> list[dict[str, str]]:
    shown = []
    for event in ticket.events:
        kind = event.kind.value
        what = desk.words(f"event.{kind}", kind)
        data = event.data or {}
        if event.kind in (Action.TRANSFER, Action.CORRECT) and "to_department" in data:
            what = f"{what} → {desk.department_name(str(data['to_department']))}"
        if event.to_state is not None and event.to_state != event.from_state:
            what = f"{what} ({desk.words(f'state.{event.to_state.value}', event.to_state.value)})"
        shown.append(
            {
                "when": when(desk, event.at),
                "who": person(desk, event.by, names),
                "what": what,
                "note": event.note,
            }
        )
    return shown


def extensions(
    desk: Desk, ticket: Ticket, names: Mapping[int, tuple[str, str | None]]
) -> list[dict[str, str]]:
    shown = []
    for event in ticket.events:
        if event.kind is not Action.EXTEND:
            continue
        to_due = event.data.get("to_due")
        shown.append(
            {
                "when": when(desk, event.at),
                "who": person(desk, event.by, names),
                "to_due": when(desk, datetime.fromisoformat(to_due)) if to_due else "—",
                "note": event.note,
            }
        )
    return shown


def photo(desk: Desk, shot: Photo, kept: KeptPhoto | None) -> dict[str, str | None]:
    """A photo with its kept file's links, or why there is none: not yet kept, or missing."""
    after = shot.kind is PhotoKind.AFTER
    url = thumb = None
    state = desk.w["photo_not_kept"]
    folder = desk.photo_folder
    if kept is not None and kept.state is KeptState.MISSING:
        state = f"{desk.w['photo_missing']} ({kept.missing_reason or '?'})"
    elif kept is not None and kept.sha256 and folder is not None and folder.photo(kept.sha256):
        url = url_path(kept.sha256)
        thumb = url_path(kept.sha256, thumbnail=True) if folder.thumbnail(kept.sha256) else url
    return {
        "kind_key": shot.kind.value,
        "kind": desk.w["photo_after" if after else "photo_before"],
        "url": url,
        "thumb": thumb,
        "state": state,
    }


def message_url(chat_id: int, message_id: int) -> str | None:
    """A t.me link to a supergroup's message (members open it in Telegram); None for others."""
    text = str(chat_id)
    if not text.startswith("-100"):
        return None
    return f"https://t.me/c/{text[4:]}/{message_id}"
