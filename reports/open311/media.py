"""media_url: a ticket's photo once it is kept on disk (storage/photo_files.py), served under
/open311/v2/media/<sha256>.jpg. Reading is open to anyone in the spec, so the photo is too, under
a name nobody can guess (its content's sha256) and only once it belongs to a ticket's history."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from aiohttp import web

from storage.photo_files import PhotoFolder
from storage.unit_of_work import SqlUnitOfWork
from tickets.model import Ticket
from tickets.ports import KeptState

MEDIA_PATH = "/media/{sha256:[0-9a-f]{64}}.jpg"


class Media:
    def __init__(self, folder: PhotoFolder | None, prefix: str) -> None:
        """`folder` None: photos are not kept here, and no request has a media_url."""
        self._folder = folder
        self._prefix = prefix

    async def urls(
        self, uow: SqlUnitOfWork, tickets: Sequence[Ticket], base: str
    ) -> dict[int, str]:
        """Ticket number -> the URL of its first kept photo (the report's, as they come first),
        for the tickets that have one."""
        if self._folder is None:
            return {}
        wanted = [photo.file_id for ticket in tickets for photo in ticket.photos]
        kept = await uow.kept_photos.find(wanted) if wanted else {}
        urls: dict[int, str] = {}
        for ticket in tickets:
            for photo in ticket.photos:
                found = kept.get(photo.file_id)
                if found is not None and found.state is KeptState.STORED and found.sha256:
                    urls[ticket.number] = f"{base}{self._prefix}/media/{found.sha256}.jpg"
                    break
        return urls

    def route(self, unit_of_work: Callable[[], SqlUnitOfWork]) -> web.RouteDef:
        async def photo(request: web.Request) -> web.StreamResponse:
            sha256 = request.match_info["sha256"]
            if self._folder is None:
                raise web.HTTPNotFound()
            async with unit_of_work() as uow:
                kept = await uow.kept_photos.by_sha256(sha256)
            path = None if kept is None else self._folder.photo(sha256)
            if path is None:
                raise web.HTTPNotFound()
            return web.FileResponse(
                path, headers={"Content-Type": "image/jpeg", "Cache-Control": "max-age=86400"}
            )

        return web.get(self._prefix + MEDIA_PATH, photo)
