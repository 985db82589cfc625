"""The city's API, Open311 GeoReport v2, under /open311/v2/: discovery, the service list and a
service's definition, service requests (GET and POST) and one request by id, each as .json and
.xml. Reading needs no key, as in the spec; posting needs one of the configured api_keys.

`open311_routes` returns the routes for whichever aiohttp application serves them (the web desk,
`streetdesk run`); everything they need is passed in.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import Protocol
from zoneinfo import ZoneInfo

from aiohttp import web
from multidict import MultiDict

from reports.open311 import errors
from reports.open311.errors import Open311Error
from reports.open311.formats import Format, error_response, respond
from reports.open311.media import Media
from reports.open311.posting import Posting
from reports.open311.queries import read_query, select
from reports.open311.records import Records
from reports.open311.services import Names, service_definition, service_list
from storage.unit_of_work import SqlUnitOfWork
from tickets.model import Ticket
from tickets.office import Office
from tickets.roads import Roads

log = logging.getLogger("streetdesk.open311")

PREFIX = "/open311/v2"
SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
CHANGESET = "2026-12-02T00:00:00Z"  # when this API last changed, for discovery
_FMT = "{fmt:(json|xml)}"

Handler = Callable[[web.Request, Format], Awaitable[web.Response]]


class Secret(Protocol):
    def get_secret_value(self) -> str: ...


class Open311Config(Protocol):
    """The config's [open311] (bot/settings_web.py Open311Settings)."""

    @property
    def api_keys(self) -> Sequence[Secret]: ...

    @property
    def jurisdiction_id(self) -> str: ...


class Open311Api:
    def __init__(
        self,
        *,
        unit_of_work: Callable[[], SqlUnitOfWork],
        office: Office,
        config: Open311Config,
        zone: ZoneInfo,
        language: str,
        committed: Callable[[], None],
        public_url: str,
        photos_kept: bool,
    ) -> None:
        self._unit_of_work = unit_of_work
        self._office = office
        self._jurisdiction = config.jurisdiction_id
        self._english = language == "en"
        self._names = Names(office.taxonomy, language)
        self._records = Records(self._names, zone, language)
        self._media = Media(photos_kept)
        self._posting = Posting(
            unit_of_work, office, [key.get_secret_value() for key in config.api_keys], language
        )
        self._committed = committed
        self._public_url = public_url.rstrip("/")

    def routes(self) -> list[web.RouteDef]:
        return [
            web.get(f"{PREFIX}/discovery.{_FMT}", self._answering(self.discovery)),
            web.get(f"{PREFIX}/services.{_FMT}", self._answering(self.services)),
            web.get(f"{PREFIX}/services/{{code}}.{_FMT}", self._answering(self.definition)),
            web.get(f"{PREFIX}/requests.{_FMT}", self._answering(self.requests)),
            web.post(f"{PREFIX}/requests.{_FMT}", self._answering(self.post)),
            web.get(f"{PREFIX}/requests/{{id}}.{_FMT}", self._answering(self.request)),
        ]

    def _answering(self, handler: Handler) -> Callable[[web.Request], Awaitable[web.Response]]:
        """Every answer in the format the path asks for, a refusal as the spec's error list."""

        async def answer(request: web.Request) -> web.Response:
            fmt = Format(request.match_info["fmt"])
            try:
                given = request.query.get("jurisdiction_id", "").strip()
                if request.method == "POST":
                    form = await request.post()
                    given = str(form.get("jurisdiction_id", "")).strip() or given
                if given and self._jurisdiction and given != self._jurisdiction:
                    raise errors.jurisdiction_not_found(given)
                return await handler(request, fmt)
            except Open311Error as refused:
                return error_response(fmt, refused)
            except web.HTTPException:  # aiohttp's own answers (a body over the size limit)
                raise
            except Exception:  # the database away, a bug: the client is told to try later
                log.exception("open311_failed", extra={"path": request.path})
                failed = Open311Error(500, "General service error: try again later")
                return error_response(fmt, failed)

        return answer

    def _base(self, request: web.Request) -> str:
        """This server as the client reaches it: the configured public URL, else the request's."""
        return self._public_url or str(request.url.origin())

    async def _records_of(
        self, uow: SqlUnitOfWork, tickets: Sequence[Ticket], request: web.Request
    ) -> list[dict[str, object]]:
        media = await self._media.urls(uow, tickets, self._base(request))
        return [self._records.request(t, media.get(t.number)) for t in tickets]

    async def discovery(self, request: web.Request, fmt: Format) -> web.Response:
        base = self._base(request)
        contact = "the street office" if self._english else "街道办事处（网格中心）"
        return respond(
            fmt,
            "discovery",
            {
                "changeset": CHANGESET,
                "contact": contact,
                "key_service": contact,  # keys are given by the office, in the config
                "endpoints": [
                    {
                        "specification": SPECIFICATION,
                        "url": base + PREFIX,
                        "changeset": CHANGESET,
                        "type": "production",
                        "formats": ["text/xml", "application/json"],
                    }
                ],
            },
        )

    async def services(self, request: web.Request, fmt: Format) -> web.Response:
        return respond(fmt, "services", service_list(self._office.taxonomy, self._names))

    async def definition(self, request: web.Request, fmt: Format) -> web.Response:
        code = request.match_info["code"]
        category = self._office.taxonomy.categories.get(code)
        if category is None:
            raise errors.service_code_not_found(code)
        async with self._unit_of_work() as uow:
            roads = await Roads(uow, self._office.taxonomy.roads).bound()
        names = [road.name for road in roads]
        body = service_definition(category, names, self._english)
        return respond(fmt, "service_definition", body)

    async def requests(self, request: web.Request, fmt: Format) -> web.Response:
        query = read_query(request.query, self._office.clock.now())
        async with self._unit_of_work() as uow:
            records = await self._records_of(uow, await select(uow, query), request)
        return respond(fmt, "service_requests", records)

    async def request(self, request: web.Request, fmt: Format) -> web.Response:
        given = request.match_info["id"]
        async with self._unit_of_work() as uow:
            ticket = await uow.tickets.get(int(given)) if given.isdigit() else None
            if ticket is None:
                raise errors.request_not_found(given)
            records = await self._records_of(uow, [ticket], request)
        return respond(fmt, "service_requests", records)

    async def post(self, request: web.Request, fmt: Format) -> web.Response:
        # The form's text fields: an uploaded file is no field of the spec's.
        form = MultiDict((k, v) for k, v in (await request.post()).items() if isinstance(v, str))
        # Only from the body, as the spec has it: a key in the URL would reach access logs.
        self._posting.check_key(form.get("api_key", ""))
        posted = await self._posting.post(form)
        self._committed()  # the card waits in the outbox: the sender may send it now
        ticket = posted.ticket
        log.info(
            "open311_request_posted",
            extra={"ticket": ticket.number, "road": ticket.road, "new": posted.created},
        )
        notice = self._names.department(ticket.department)
        return respond(
            fmt,
            "service_requests",
            [
                {
                    "service_request_id": str(ticket.number),
                    "service_notice": notice,
                    "account_id": None,
                }
            ],
            status=201,
        )


def open311_routes(
    *,
    unit_of_work: Callable[[], SqlUnitOfWork],
    office: Office,
    config: Open311Config,
    zone: ZoneInfo,
    language: str = "zh",
    committed: Callable[[], None] = lambda: None,
    public_url: str = "",
    photos_kept: bool = False,
) -> list[web.RouteDef]:
    """The Open311 routes on the desk's database and office. `committed()` is called after a
    posted request is committed (it wakes the outbox sender, as the processor's commits do);
    `public_url` is the address discovery and media_url give (else the request's own);
    `photos_kept` ([photos] keep) whether a request's media_url links its kept photo, which
    the web desk serves at /photos/<sha256>.jpg on the same server."""
    return Open311Api(
        unit_of_work=unit_of_work,
        office=office,
        config=config,
        zone=zone,
        language=language,
        committed=committed,
        public_url=public_url,
        photos_kept=photos_kept,
    ).routes()
