"""Signing in and out: the sign-in page, a one-time link (shown first, spent by a button, so a
link preview fetching the URL does not use it up), the Login Widget's answer, and signing out.
A person whose config gives them nothing to see is told so and gets no session."""

from __future__ import annotations

import logging

from aiohttp import web

from reports.web.access import scope_of
from reports.web.desk import Desk
from reports.web.links import LINK_PATH
from reports.web.login_widget import signed_in_user
from reports.web.sessions import CSRF_FIELD

log = logging.getLogger("streetdesk.web")
WIDGET_PATH = "/sign-in/telegram"


def routes(desk: Desk) -> list[web.RouteDef]:
    def sign_in_page(
        request: web.Request, message_key: str = "", status: int = 200
    ) -> web.Response:
        bot = desk.bot_username()
        widget = bool(bot and desk.public_url)
        return desk.render(
            request,
            "sign_in.html",
            status=status,
            message=desk.w[message_key] if message_key else "",
            widget_bot=bot if widget else "",
            widget_url=desk.public_url.rstrip("/") + WIDGET_PATH,
        )

    def signed_in(request: web.Request, user_id: int, how: str) -> web.Response:
        if not scope_of(user_id, desk.taxonomy, desk.admin_ids).anything:
            log.info("web_sign_in_refused", extra={"user_id": user_id, "how": how})
            return desk.message(request, "nothing_to_see", 403)
        response = web.Response(status=303, headers={"Location": "/"})
        desk.sessions.sign_in(response, user_id)
        log.info("web_signed_in", extra={"user_id": user_id, "how": how})
        return response

    async def sign_in(request: web.Request) -> web.Response:
        return sign_in_page(request)

    async def link_page(request: web.Request) -> web.Response:
        token = request.match_info["token"]
        if desk.links.read(token) is None:
            return sign_in_page(request, "link_bad", 400)
        return desk.render(request, "link.html", token=token)

    async def use_link(request: web.Request) -> web.Response:
        form = await request.post()
        ticket = desk.links.read(str(form.get("token", "")))
        if ticket is None:
            return sign_in_page(request, "link_bad", 400)
        async with desk.unit_of_work() as uow:
            await uow.web_sign_ins.forget_expired(desk.clock.now())  # they refuse themselves
            first_use = await uow.web_sign_ins.spend(
                ticket.nonce, ticket.user_id, desk.clock.now(), ticket.expires_at
            )
            await uow.commit()
        if not first_use:
            log.info("web_link_replayed", extra={"user_id": ticket.user_id})
            return sign_in_page(request, "link_bad", 400)
        return signed_in(request, ticket.user_id, "link")

    async def widget(request: web.Request) -> web.Response:
        user_id = signed_in_user(request.query, desk.token, desk.clock.now(), desk.links.valid_for)
        if user_id is None:
            return sign_in_page(request, "widget_bad", 400)
        return signed_in(request, user_id, "widget")

    async def sign_out(request: web.Request) -> web.Response:
        response = web.Response(status=303, headers={"Location": "/sign-in"})
        desk.sessions.sign_out(response)
        return response

    return [
        web.get("/sign-in", sign_in),
        web.get(LINK_PATH + "{token}", link_page),
        web.post("/sign-in/link", use_link),
        web.get(WIDGET_PATH, widget),
        web.post("/sign-out", sign_out),
    ]


# The form field every POST must carry (checked for all of them in reports/web/server.py).
__all__ = ["CSRF_FIELD", "WIDGET_PATH", "routes"]
