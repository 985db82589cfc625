"""The control API over HTTP, for a bot, demo or benchmark running in another process.

`POST /_control/<action>` with a JSON object of the same keyword arguments as the `Emulator`
method of that name answers `{"ok": true, "result": ...}`; GET with a query string works for the
reading actions. Bytes travel as `{"base64": "..."}`; a predicate becomes a filter
(`text_contains`, `chat_id`, `reply_to`, `thread_id`, `since`).
"""

from __future__ import annotations

import base64
import inspect
import json
from dataclasses import asdict
from typing import Any

from aiogram.types import TelegramObject
from aiohttp import web

from emulator.chats import ChatMessage
from emulator.stage import Stage

# The control API drives the Stage (the in-process API), not the server that serves it, so this
# module needs nothing of emulator.server and the server can add these routes to its app.
EMULATOR: web.AppKey[Stage] = web.AppKey("emulator")

# Emulator methods callable as they are, keyword arguments straight from JSON.
PASS_THROUGH = frozenset(
    {
        "add_bot",
        "add_user",
        "create_group",
        "add_member",
        "create_topic",
        "post_message",
        "post_album",
        "post_command",
        "post_private_message",
        "edit_message",
        "press_button",
        "post_raw_update",
        "fail_next",
        "delay",
        "drop_connection",
        "faults",
        "clear_faults",
        "rate_limits",
        "mark",
        "confirmed_offset",
        "pending_updates",
        "commands",
    }
)


class UnknownActionError(Exception):
    pass


def jsonable(value: Any) -> Any:
    if isinstance(value, TelegramObject):
        return value.model_dump(mode="json", exclude_none=True, by_alias=True)
    if hasattr(value, "to_json") and not isinstance(value, ChatMessage):
        return value.to_json()
    if isinstance(value, (list, tuple)):
        return [jsonable(item) for item in value]
    if isinstance(value, dict):
        return {str(key): jsonable(item) for key, item in value.items()}
    if isinstance(value, bytes):
        return {"base64": base64.b64encode(value).decode()}
    return value


def message_record(emulator: Stage, message: ChatMessage) -> dict[str, Any]:
    """The message as Telegram shows it, plus what only the emulator knows."""
    return {
        **message.to_json(emulator.world),
        "raw_text": message.raw_text,
        "parse_mode": message.parse_mode,
        "from_bot": message.from_bot,
        "deleted": message.deleted,
        "history": [asdict(revision) for revision in message.history],
    }


def _decode_media(args: dict[str, Any]) -> dict[str, Any]:
    photo = args.get("photo")
    if isinstance(photo, dict):
        args["photo"] = base64.b64decode(photo["base64"])
    document = args.get("document")
    if isinstance(document, dict):
        args["document"] = (
            document.get("name", "document.bin"),
            base64.b64decode(document["base64"]),
        )
    if isinstance(args.get("location"), list):
        args["location"] = tuple(args["location"])
    return args


def _matches(message: ChatMessage, wanted: dict[str, Any]) -> bool:
    if "text_contains" in wanted and wanted["text_contains"] not in message.body:
        return False
    if "reply_to" in wanted and message.reply_to != wanted["reply_to"]:
        return False
    if "thread_id" in wanted and message.thread_id != wanted["thread_id"]:
        return False
    return not ("message_id" in wanted and message.message_id != wanted["message_id"])


async def _run(emulator: Stage, action: str, args: dict[str, Any]) -> Any:
    if action in PASS_THROUGH:
        result = getattr(emulator, action)(**_decode_media(args))
        return jsonable(await result if inspect.isawaitable(result) else result)
    if action in ("sent_messages", "chat_log"):
        messages = getattr(emulator, action)(**args)
        return [message_record(emulator, message) for message in messages]
    if action == "wait_for_message":
        timeout = float(args.pop("timeout", 5.0))
        chat_id, since = args.pop("chat_id", None), int(args.pop("since", 0))
        message = await emulator.wait_for_message(
            lambda candidate: _matches(candidate, args), timeout, chat_id=chat_id, since=since
        )
        return message_record(emulator, message)
    if action == "calls":
        return jsonable(emulator.calls(**args))
    if action == "wait_for_call":
        return jsonable(await emulator.wait_for_call(**args))
    if action == "answered_callbacks":
        return jsonable(emulator.answered_callbacks)
    if action == "stats":
        return emulator.stats.to_json()
    if action == "file_bytes":
        return jsonable(emulator.file_bytes(**args))
    raise UnknownActionError(action)


def _query_args(request: web.Request) -> dict[str, Any]:
    args: dict[str, Any] = {}
    for key, value in request.query.items():
        try:
            args[key] = json.loads(value)  # numbers and booleans arrive as text
        except ValueError:
            args[key] = value
    return args


async def handle_control(request: web.Request) -> web.Response:
    emulator = request.app[EMULATOR]
    action = request.match_info["action"]
    if request.method == "POST" and request.can_read_body:
        try:
            args = await request.json()
        except ValueError:
            return web.json_response({"ok": False, "description": "body is not JSON"}, status=400)
        if not isinstance(args, dict):
            return web.json_response(
                {"ok": False, "description": "body must be a JSON object"}, status=400
            )
    else:
        args = _query_args(request)
    try:
        result = await _run(emulator, action, args)
    except UnknownActionError:
        return web.json_response(
            {"ok": False, "description": f"unknown action {action!r}"}, status=404
        )
    except TimeoutError as error:
        return web.json_response({"ok": False, "description": str(error)}, status=408)
    except (ValueError, TypeError, KeyError) as error:
        # A test's mistake (no such chat, bad argument): say so instead of a 500.
        return web.json_response({"ok": False, "description": str(error)}, status=400)
    return web.json_response({"ok": True, "result": result})


def add_control_routes(app: web.Application) -> None:
    app.router.add_route("*", "/_control/{action}", handle_control)
