"""The signed-in pages: the ledger, a ticket, a kept photo. Each reads in a unit of work of its
own (nothing here writes) and shows only what the person's scope allows: a road or a ticket
outside it is refused, not shown empty."""

from __future__ import annotations

from urllib.parse import urlencode

from aiohttp import web
from sqlalchemy import bindparam, select

from reports.web import shown
from reports.web.desk import Desk, scope_of_request
from reports.web.ledger_query import SORTS, Filters, ledger_page
from storage.rows import PHOTOS, TICKETS
from tickets.lifecycle import State
from tickets.model import PhotoKind

LINK_KINDS = ("report", "card", "reply", "notice")
# Which tickets (road, department) a photo belongs to: a photo is shown to whoever sees one.
_PHOTO_OWNERS = (
    select(TICKETS.c.road, TICKETS.c.department)
    .select_from(PHOTOS.join(TICKETS, TICKETS.c.id == PHOTOS.c.ticket_id))
    .where(PHOTOS.c.file_id == bindparam("file_id"))
    .distinct()
)


def routes(desk: Desk) -> list[web.RouteDef]:
    async def ledger(request: web.Request) -> web.Response:
        scope = scope_of_request(request)
        filters = Filters.from_query(request.query)
        if filters.road and not scope.may_filter_road(filters.road):
            return desk.message(request, "refused", 403)
        now = desk.clock.now()
        async with desk.unit_of_work() as uow:
            tickets, next_after = await ledger_page(uow.session, filters, scope, now, desk.zone)
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
        photos = []
        for event in found.events:
            for photo in event.photos:
                kept = await desk.photo_files(photo.file_id)
                after = photo.kind is PhotoKind.AFTER
                photos.append(
                    {
                        "kind_key": photo.kind.value,
                        "kind": desk.w["photo_after" if after else "photo_before"],
                        "url": f"/photos/{photo.file_id}" if kept else None,
                    }
                )
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
        """A kept photo, by its Telegram file id, to whoever may see a ticket it belongs to."""
        scope = scope_of_request(request)
        file_id = request.match_info["file_id"]
        async with desk.unit_of_work() as uow:
            owners = await uow.session.execute(_PHOTO_OWNERS, {"file_id": file_id})
            allowed = any(scope.sees(road, department) for road, department in owners)
        path = await desk.photo_files(file_id) if allowed else None
        if path is None:
            return desk.message(request, "not_found", 404)
        response = web.FileResponse(path)
        response.headers["Cache-Control"] = "private, max-age=86400"
        return response

    return [
        web.get("/", ledger),
        web.get(r"/tickets/{number}", ticket),
        web.get(r"/photos/{file_id}", photo),
    ]
