"""media_url: a ticket's first photo kept on disk, at the one address a kept photo has for
people and other systems (storage/photo_files.py `public_url_of`: the web desk serves
/photos/<sha256>.jpg to anyone who has the address, as Open311's readers need no sign-in)."""

from __future__ import annotations

from collections.abc import Sequence

from storage.photo_files import public_url_of
from storage.unit_of_work import SqlUnitOfWork
from tickets.model import Ticket
from tickets.ports import KeptState


class Media:
    def __init__(self, kept: bool) -> None:
        """`kept` False ([photos] keep = false): no request has a media_url."""
        self._kept = kept

    async def urls(
        self, uow: SqlUnitOfWork, tickets: Sequence[Ticket], base: str
    ) -> dict[int, str]:
        """Ticket number -> the address of its first kept photo (the report's, as they come
        first), for the tickets that have one; a photo not downloaded yet has none."""
        wanted = [photo.file_id for ticket in tickets for photo in ticket.photos]
        if not self._kept or not wanted:
            return {}
        kept = await uow.kept_photos.find(wanted)
        urls: dict[int, str] = {}
        for ticket in tickets:
            for photo in ticket.photos:
                found = kept.get(photo.file_id)
                if found is not None and found.state is KeptState.STORED and found.sha256:
                    urls[ticket.number] = public_url_of(base, found.sha256)
                    break
        return urls
