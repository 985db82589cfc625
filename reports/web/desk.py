"""What every page of the web desk shares: the office's data and words, the sign-in machinery,
and rendering a template with them. Built once per process (reports/web/server.py)."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import jinja2
from aiohttp import web

from reports.export import Words
from reports.web.access import Scope
from reports.web.links import OneTimeLinks
from reports.web.sessions import Sessions
from reports.web.texts import desk_words
from storage.photo_files import PhotoFolder
from storage.unit_of_work import SqlUnitOfWork
from tickets.assessment import Assessment
from tickets.clock import Clock
from tickets.taxonomy import Taxonomy

TEMPLATES = Path(__file__).resolve().parent / "templates"
# Where the guard leaves the signed-in person's scope on a request.
SCOPE = web.RequestKey("streetdesk.scope", Scope)


@dataclass
class Desk:
    unit_of_work: Callable[[], SqlUnitOfWork]
    clock: Clock
    taxonomy: Taxonomy
    admin_ids: Collection[int]
    zone: ZoneInfo
    language: str
    words: Words  # the bot's catalogue: states, events, ways of closing
    assessment: Assessment
    sessions: Sessions
    links: OneTimeLinks
    token: str  # checks the Login Widget's hash; never shown, never logged
    public_url: str
    bot_username: Callable[[], str | None] = lambda: None
    photo_folder: PhotoFolder | None = None  # None: photos are not kept ([photos] keep)
    w: dict[str, str] = field(init=False)
    _templates: jinja2.Environment = field(init=False)

    def __post_init__(self) -> None:
        self.w = desk_words(self.language)
        self._templates = jinja2.Environment(
            loader=jinja2.FileSystemLoader(TEMPLATES),
            autoescape=True,  # every text from a chat or the config is escaped
            undefined=jinja2.StrictUndefined,
        )

    def render(
        self, request: web.Request, template: str, *, status: int = 200, **values: Any
    ) -> web.Response:
        response = web.Response(status=status, content_type="text/html", charset="utf-8")
        browser = self.sessions.ensure_browser_id(request, response)
        scope = request.get(SCOPE)
        response.text = self._templates.get_template(template).render(
            w=self.w,
            lang="en" if self.language == "en" else "zh-CN",
            signed_in=scope is not None,
            csrf=self.sessions.form_token(browser),
            **values,
        )
        # Pages hold the office's data: no caching on the way, no framing by other sites.
        response.headers["Cache-Control"] = "no-store"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Referrer-Policy"] = "same-origin"
        return response

    def message(self, request: web.Request, key: str, status: int) -> web.Response:
        return self.render(request, "message.html", status=status, message=self.w[key])

    def category_name(self, key: str) -> str:
        category = self.taxonomy.categories.get(key)
        if category is None:
            return key
        return (category.name_en if self.language == "en" else "") or category.name or key

    def department_name(self, key: str) -> str:
        department = self.taxonomy.departments.get(key)
        if department is None:
            return key
        return (department.name_en if self.language == "en" else "") or department.name or key


def scope_of_request(request: web.Request) -> Scope:
    return request[SCOPE]
