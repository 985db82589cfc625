"""The signed-in pages: the ledger, a ticket, a kept photo. Each reads in a unit of work of its
own (nothing here writes) and shows only what the person's scope allows: a road or a ticket
outside it is refused, not shown empty."""

from __future__ import annotations

from urllib.parse import urlencode

from aiohttp import web

from reports.web import shown
from reports.web.desk import Desk, scope_of_request
from reports.web.ledger_query import PAGE, SORTS, Filters, ledger_query
from tickets.lifecycle import State

LINK_KINDS = ("report", "card", "reply", "notice")


def routes(desk: Desk) -> list[web.RouteDef]:
    async def ledger(request: web.Request) -> web.Response:
        scope = scope_of_request(request)
        filters = Filters.from_query(request.query)
        if filters.road and not scope.may_filter_road(filters.road):
            return desk.message(request, "refused", 403)
        now = desk.clock.now()
        async with desk.unit_of_work() as uow:
            query = ledger_query(filters, scope, now, desk.zone)
            tickets, next_after = await uow.ledger_pages.page(query, PAGE)
        taxonomy = desk.taxonomy
        return desk.render(
            request,
            "ledger.html",
            f=filters,
            tickets=[shown.row(desk, t, now) for t in tickets],
            roads=scope.roads_shown(taxonomy.roads),
            departments=[
                (key, desk.department_name(key))
                for key in scope.departments_shown(list(taxonomy.departments))
            ],
            categories=[(key, desk.category_name(key)) for key in taxonomy.categories],
            states=[(s.value, desk.words(f"state.{s.value}", s.value)) for s in State],
            sorts=SORTS,
            export_query=urlencode(filters.query(after=None)),
            first_query=urlencode(filters.query(after=None)),
            next_query=urlencode(filters.query(after=next_after)) if next_after else "",
        )

    async def ticket(request: web.Request) -> web.Response:
        scope = scope_of_request(request)
        text = request.match_info["number"]
        number = int(text) if text.isdigit() and len(text) <= 10 else 0
        async with desk.unit_of_work() as uow:
            found = await uow.tickets.get(number) if 0 < number < 2**31 else None
            if found is None:
                return desk.message(request, "not_found", 404)
            if not scope.may_see(found):
                return desk.message(request, "refused", 403)
            people = {e.by for e in found.events if e.by is not None}
            names = await uow.people.names(people)
            links = [
                (kind, chat_id, message_id)
                for kind in LINK_KINDS
                for chat_id, message_id in await uow.links.messages_of(number, kind)
            ]
            shots = [photo for event in found.events for photo in event.photos]
            kept = await uow.kept_photos.find(photo.file_id for photo in shots)
        photos = [shown.photo(desk, photo, kept.get(photo.file_id)) for photo in shots]
        messages = [
            {
                "kind": desk.w.get(f"link.{kind}", kind),
                "label": f"{chat_id}/{message_id}",
                "url": shown.message_url(chat_id, message_id),
            }
            for kind, chat_id, message_id in links
        ]
        return desk.render(
            request,
            "ticket.html",
            t=shown.row(desk, found, desk.clock.now()),
            history=shown.history(desk, found, names),
            extensions=shown.extensions(desk, found, names),
            photos=photos,
            messages=messages,
        )

    async def photo(request: web.Request) -> web.StreamResponse:
        """A kept photo by its content's sha256 (storage/photo_files.py names it): a capability
        URL, served without signing in, because Open311's media_url hands it to city platforms
        that read without a key (as the spec has it); 256 bits of digest are not guessed."""
        sha256, thumbnail = request.match_info["sha256"], request.match_info["thumb"] != ""
        folder = desk.photo_folder
        path = None
        if folder is not None:
            path = folder.thumbnail(sha256) if thumbnail else folder.photo(sha256)
        if path is None:
            return web.Response(status=404, text="not kept")
        return web.FileResponse(
            path, headers={"Content-Type": "image/jpeg", "Cache-Control": "max-age=31536000"}
        )

    return [
        web.get("/", ledger),
        web.get(r"/tickets/{number}", ticket),
        web.get(r"/photos/{sha256:[0-9a-f]{64}}{thumb:(\.thumb)?}.jpg", photo),
    ]
