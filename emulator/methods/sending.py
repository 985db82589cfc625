"""sendMessage, sendPhoto, sendDocument, sendChatAction: what a bot posts into a chat.

Checks run in Telegram's order and with its wording: the chat (400 chat not found, 403 when the bot
may not write there), the text or file, the formatting, the keyboard, then where the message goes
(reply, thread).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from emulator.chats import ChatMessage, ChatRecord
from emulator.errors import WRONG_FILE_ID, bad_request, forbidden
from emulator.files import StoredFile
from emulator.markup import format_text
from emulator.message_entities import FormattedText
from emulator.methods.registry import MethodContext, api_method
from emulator.params import Params, Upload

MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_CALLBACK_DATA = 64
# An inline button must do exactly one thing; a button with only text is refused.
BUTTON_ACTIONS = (
    "url",
    "callback_data",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)
CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)


def writable_chat(ctx: MethodContext, params: Params) -> ChatRecord:
    """The chat named by chat_id, if this bot may post there."""
    ref = params.chat_id()
    chat = ctx.world.find_chat(ref)
    if chat is None and isinstance(ref, int) and ref in ctx.world.users:
        chat = ctx.world.private_chat(ref)  # a known user whose chat is still empty
    if chat is None:
        raise bad_request("chat not found")
    if chat.type == "private":
        if ctx.world.users[chat.id].is_bot:
            raise forbidden("bot can't send messages to bots")
        if (ctx.bot.id, chat.id) not in ctx.world.private_started:
            raise forbidden("bot can't initiate conversation with a user")
        return chat
    kind = "supergroup chat" if chat.type == "supergroup" else "group chat"
    membership = ctx.world.membership(chat, ctx.bot.id)
    if membership is None or membership.status == "left":
        raise forbidden(f"bot is not a member of the {kind}")
    if membership.status == "kicked":
        raise forbidden(f"bot was kicked from the {kind}")
    return chat


def formatted_body(
    ctx: MethodContext, params: Params, field: str, entities_field: str, limit: int
) -> tuple[FormattedText | None, str | None]:
    """Text or caption as Telegram stores it, plus the raw markup the bot sent."""
    raw = params.text(field)
    if raw is None:
        return None, None
    formatted = format_text(
        raw,
        params.text("parse_mode"),
        params.obj(entities_field),
        ctx.world.user_json,
        entities_field,
    )
    if len(formatted.text) > limit:
        raise bad_request(
            "message is too long" if field == "text" else "message caption is too long"
        )
    return formatted, raw


def checked_markup(params: Params) -> dict[str, Any] | None:
    markup = params.obj("reply_markup", "reply keyboard markup")
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" not in markup:
        return markup
    rows = markup["inline_keyboard"]
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request(
            'field "inline_keyboard" of the InlineKeyboardMarkup should be an Array of Arrays'
        )
    for row in rows:
        for button in row:
            check_button(button)
    return markup


def check_button(button: Any) -> None:
    if not isinstance(button, dict):
        raise bad_request(
            "can't parse inline keyboard button: InlineKeyboardButton must be an Object"
        )
    if not isinstance(button.get("text"), str):
        raise bad_request(
            'can\'t parse inline keyboard button: Field "text" must be of type String'
        )
    if not any(action in button for action in BUTTON_ACTIONS):
        raise bad_request(
            "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"
        )
    if "callback_data" in button:
        data = button["callback_data"]
        if not isinstance(data, str) or not 1 <= len(data.encode("utf-8")) <= MAX_CALLBACK_DATA:
            raise bad_request("BUTTON_DATA_INVALID")
    if "url" in button:
        url = button["url"]
        if not isinstance(url, str) or urlsplit(url).scheme.lower() not in ("http", "https", "tg"):
            raise bad_request("BUTTON_URL_INVALID")


def placement(
    ctx: MethodContext, params: Params, chat: ChatRecord
) -> tuple[int | None, int | None, bool]:
    """(reply_to, message_thread_id, is_topic_message) for a message the bot sends."""
    reply = params.obj("reply_parameters", "reply parameters") or {}
    if not isinstance(reply, dict):
        raise bad_request("can't parse reply parameters JSON object")
    reply_to = reply.get("message_id")
    if reply_to is None:
        reply_to = params.integer("reply_to_message_id")
    allow_without = bool(reply.get("allow_sending_without_reply")) or params.boolean(
        "allow_sending_without_reply"
    )
    replied: ChatMessage | None = None
    if reply_to is not None:
        other_chat = reply.get("chat_id")
        if other_chat not in (None, chat.id, str(chat.id)) and not (
            chat.username and str(other_chat).lstrip("@").lower() == chat.username.lower()
        ):
            # Replies into another chat (external replies) are beyond the emulator.
            raise bad_request("message to be replied not found")
        try:
            replied = chat.messages.get(int(reply_to))
        except (TypeError, ValueError):
            raise bad_request("message to be replied not found") from None
        if replied is None or replied.deleted:
            if not allow_without:
                raise bad_request("message to be replied not found")
            replied = None

    thread_id = params.integer("message_thread_id")
    is_topic = False
    if chat.type != "supergroup":
        thread_id = None  # Telegram ignores it outside supergroups
    elif thread_id is not None:
        if chat.is_forum:
            if thread_id not in chat.topics:
                raise bad_request("message thread not found")
            is_topic = True
        elif thread_id not in chat.messages:
            raise bad_request("message thread not found")
    if replied is not None and thread_id is None:
        thread_id, is_topic = ctx.world.reply_thread(chat, replied)
    reply_id = replied.message_id if replied is not None else None
    if is_topic and reply_id is None:
        # Telegram's forum quirk: a message in a topic replies to the topic's first message.
        reply_id = thread_id
    return reply_id, thread_id, is_topic


def new_message(
    ctx: MethodContext, params: Params, chat: ChatRecord, markup: dict[str, Any] | None
) -> ChatMessage:
    reply_to, thread_id, is_topic = placement(ctx, params, chat)
    return ChatMessage(
        chat_id=chat.id,
        message_id=0,
        date=ctx.world.now(),
        sender_id=ctx.bot.id,
        from_bot=True,
        reply_to=reply_to,
        thread_id=thread_id,
        is_topic_message=is_topic,
        reply_markup=markup,
        parse_mode=params.text("parse_mode"),
    )


def publish(ctx: MethodContext, chat: ChatRecord, message: ChatMessage) -> dict[str, Any]:
    ctx.world.store(chat, message)
    ctx.backend.journal.record_sent(message)
    return message.to_json(ctx.world)


@api_method("sendMessage")
async def send_message(ctx: MethodContext, params: Params) -> dict[str, Any]:
    chat = writable_chat(ctx, params)
    params.text("text", required=True, missing="message text is empty")
    formatted, raw = formatted_body(ctx, params, "text", "entities", MAX_TEXT)
    assert formatted is not None
    if not formatted.text:
        raise bad_request("message text is empty")
    message = new_message(ctx, params, chat, checked_markup(params))
    message.text, message.entities, message.raw_text = formatted.text, formatted.entities, raw
    return publish(ctx, chat, message)


def _with_caption(ctx: MethodContext, params: Params, message: ChatMessage) -> None:
    formatted, raw = formatted_body(ctx, params, "caption", "caption_entities", MAX_CAPTION)
    if formatted is not None and formatted.text:
        message.caption, message.caption_entities = formatted.text, formatted.entities
        message.raw_text = raw


def photo_sizes(ctx: MethodContext, source: Upload | str) -> list[StoredFile]:
    files = ctx.world.files
    if isinstance(source, Upload):
        if not source.data:
            raise bad_request("file must be non-empty")
        return files.add_photo(source.data)
    if source.startswith(("http://", "https://")):
        return files.add_photo(None, source_url=source)
    sizes = files.photo_set(source)
    if sizes is None:
        stored = files.get(source)
        if stored is not None:
            raise bad_request(f"can't use file of type {stored.kind.title()} as Photo")
        raise bad_request(WRONG_FILE_ID)
    return sizes


def document_file(ctx: MethodContext, source: Upload | str) -> StoredFile:
    files = ctx.world.files
    if isinstance(source, Upload):
        if not source.data:
            raise bad_request("file must be non-empty")
        return files.add_document(source.data, source.filename, source.content_type)
    if source.startswith(("http://", "https://")):
        name = urlsplit(source).path.rsplit("/", 1)[-1] or "file"
        return files.add_document(b"", name, source_url=source)
    stored = files.get(source)
    if stored is None:
        raise bad_request(WRONG_FILE_ID)
    if stored.kind != "document":
        raise bad_request(f"can't use file of type {stored.kind.title()} as Document")
    return stored


@api_method("sendPhoto")
async def send_photo(ctx: MethodContext, params: Params) -> dict[str, Any]:
    chat = writable_chat(ctx, params)
    source = params.file("photo")
    if source is None:
        raise bad_request("there is no photo in the request")
    sizes = photo_sizes(ctx, source)
    message = new_message(ctx, params, chat, checked_markup(params))
    _with_caption(ctx, params, message)
    message.photo = [size.photo_size_json() for size in sizes]
    return publish(ctx, chat, message)


@api_method("sendDocument")
async def send_document(ctx: MethodContext, params: Params) -> dict[str, Any]:
    chat = writable_chat(ctx, params)
    source = params.file("document")
    if source is None:
        raise bad_request("there is no document in the request")
    stored = document_file(ctx, source)
    message = new_message(ctx, params, chat, checked_markup(params))
    _with_caption(ctx, params, message)
    message.document = stored.document_json()
    return publish(ctx, chat, message)


@api_method("sendChatAction")
async def send_chat_action(ctx: MethodContext, params: Params) -> bool:
    writable_chat(ctx, params)
    action = params.text("action", required=True)
    if action not in CHAT_ACTIONS:
        raise bad_request("wrong parameter action in request")
    return True
