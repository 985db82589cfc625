"""The web desk as one aiohttp application: its pages behind the sign-in, /healthz and /metrics
beside them, and room for routes that bring their own checks (the webhook, Open311's API).

Served by `streetdesk run` (with the bot) or `streetdesk web` (alone). Nothing but the sign-in
pages, the stylesheet, /healthz, /metrics and the `extra_routes` is served to someone not signed
in; every POST to the desk carries the form token of reports/web/sessions.py.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path

from aiohttp import web

from reports.web import figures_pages, health, pages, sign_in_pages
from reports.web.access import scope_of
from reports.web.desk import SCOPE, Desk
from reports.web.sessions import CSRF_FIELD

STYLESHEET = Path(__file__).resolve().parent / "static" / "desk.css"
CJK_FONT = Path(__file__).resolve().parent.parent / "fonts" / "StreetDeskSansSC-Regular.otf"
PUBLIC_PREFIXES = ("/sign-in", "/static/", "/photos/")  # photos: capability URLs (pages.py)
PUBLIC_PATHS = frozenset({"/healthz", "/metrics"})
LARGEST_FORM = 64 * 1024  # the desk's forms are a few fields; Open311 and the webhook set theirs

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def desk_application(
    desk: Desk,
    *,
    limits: health.HealthLimits,
    extra_routes: Sequence[web.AbstractRouteDef] = (),
) -> web.Application:
    """The desk's application; `extra_routes` are served as they are, without the desk's
    sign-in (they check their callers themselves: the webhook's secret, Open311's API keys)."""
    app = web.Application(client_max_size=max(LARGEST_FORM, 1024**2))
    own = app.router.add_routes(extra_routes)
    public_routes = frozenset(own)

    @web.middleware
    async def guard(request: web.Request, handler: Handler) -> web.StreamResponse:
        if request.match_info.route in public_routes:
            return await handler(request)
        path = request.path
        if request.method == "POST":
            form = await request.post()
            token = form.get(CSRF_FIELD)
            if not desk.sessions.form_token_ok(request, token if isinstance(token, str) else None):
                return desk.message(request, "form_refused", 403)
        if path in PUBLIC_PATHS or path.startswith(PUBLIC_PREFIXES):
            return await handler(request)
        signed_in = desk.sessions.signed_in(request)
        scope = (
            None
            if signed_in is None
            else scope_of(signed_in.user_id, desk.taxonomy, desk.admin_ids)
        )
        if scope is None or not scope.anything:
            if request.method == "GET":
                return web.Response(status=303, headers={"Location": "/sign-in"})
            return desk.message(request, "refused", 403)
        request[SCOPE] = scope
        return await handler(request)

    async def stylesheet(request: web.Request) -> web.FileResponse:
        return web.FileResponse(STYLESHEET, headers={"Cache-Control": "max-age=3600"})

    async def cjk_font(request: web.Request) -> web.FileResponse:
        return web.FileResponse(
            CJK_FONT, headers={"Content-Type": "font/otf", "Cache-Control": "max-age=86400"}
        )

    app.middlewares.append(guard)
    app.router.add_routes(
        [
            web.get("/static/desk.css", stylesheet),
            web.get("/static/cjk.otf", cjk_font),
            *sign_in_pages.routes(desk),
            *pages.routes(desk),
            *figures_pages.routes(desk),
            *health.routes(desk.unit_of_work, desk.clock, limits),
        ]
    )
    return app


async def start_site(app: web.Application, host: str, port: int) -> web.AppRunner:
    """Listen on host:port; the caller cleans the runner up."""
    runner = web.AppRunner(app, access_log=None)  # the desk logs sign-ins, not every request
    await runner.setup()
    try:
        await web.TCPSite(runner, host, port).start()
    except BaseException:
        await runner.cleanup()
        raise
    return runner
