"""The Bot API over HTTP: `/bot<token>/<method>` and `/file/bot<token>/<file_path>`."""

from __future__ import annotations

import json
import mimetypes
from functools import partial

from aiohttp import web

from emulator.api import invoke
from emulator.backend import Backend
from emulator.errors import NOT_FOUND, UNAUTHORIZED, ApiError
from emulator.params import Params, parse_body

BACKEND: web.AppKey[Backend] = web.AppKey("backend", Backend)
_dumps = partial(json.dumps, ensure_ascii=False)


def error_response(error: ApiError) -> web.Response:
    return web.json_response(error.body(), status=error.error_code, dumps=_dumps)


async def handle_method(request: web.Request) -> web.StreamResponse:
    backend = request.app[BACKEND]
    values: dict[str, object] = dict(request.query)
    try:
        values.update(parse_body(request.headers.get("Content-Type", ""), await request.read()))
    except ApiError as error:
        return error_response(error)
    outcome = await invoke(
        backend, request.match_info["token"], request.match_info["method"], Params(values)
    )
    if outcome.drop:
        # Close the socket without a status line: the client sees a disconnect, as when a
        # connection to Telegram breaks mid-request.
        if request.transport is not None:
            request.transport.close()
        raise web.HTTPInternalServerError
    if isinstance(outcome.body, str):
        return web.Response(text=outcome.body, status=outcome.status, content_type="text/html")
    return web.json_response(outcome.body, status=outcome.status, dumps=_dumps)


async def handle_file(request: web.Request) -> web.StreamResponse:
    backend = request.app[BACKEND]
    if backend.bot_for_token(request.match_info["token"]) is None:
        return error_response(UNAUTHORIZED)
    stored = backend.world.files.by_path(request.match_info["path"])
    if stored is None:
        return error_response(NOT_FOUND)
    content_type = (
        stored.mime_type or mimetypes.guess_type(stored.file_path)[0] or "application/octet-stream"
    )
    return web.Response(body=stored.data, content_type=content_type)


async def handle_unknown(request: web.Request) -> web.StreamResponse:
    return error_response(NOT_FOUND)


def add_routes(app: web.Application) -> None:
    app.router.add_route("*", "/bot{token}/{method}", handle_method)
    app.router.add_get("/file/bot{token}/{path:.+}", handle_file)
    app.router.add_route("*", "/{tail:.*}", handle_unknown)
