"""editMessageText, editMessageCaption, editMessageReplyMarkup, deleteMessage.

Like Telegram: a bot edits only its own messages; an edit that changes nothing is a 400 ("message
is not modified"); and an edit that leaves out reply_markup removes the inline keyboard.
"""

from __future__ import annotations

from typing import Any

from emulator.chats import ChatMessage, ChatRecord
from emulator.errors import MESSAGE_NOT_MODIFIED, bad_request
from emulator.methods.registry import MethodContext, api_method
from emulator.methods.sending import (
    MAX_CAPTION,
    MAX_TEXT,
    checked_markup,
    formatted_body,
)
from emulator.params import Params


def _located(ctx: MethodContext, params: Params, missing: str) -> tuple[ChatRecord, ChatMessage]:
    if params.has("inline_message_id"):
        raise bad_request("MESSAGE_ID_INVALID")  # the emulator has no inline mode
    chat = ctx.world.find_chat(params.chat_id())
    if chat is None:
        raise bad_request("chat not found")
    message_id = params.integer("message_id", required=True)
    assert message_id is not None
    message = chat.messages.get(message_id)
    if message is None or message.deleted:
        raise bad_request(missing)
    return chat, message


def _editable(ctx: MethodContext, params: Params) -> ChatMessage:
    _, message = _located(ctx, params, "message to edit not found")
    if message.sender_id != ctx.bot.id:
        raise bad_request("message can't be edited")
    return message


def _inline_markup(params: Params) -> dict[str, Any] | None:
    markup = checked_markup(params)
    if markup is not None and "inline_keyboard" not in markup:
        raise bad_request("inline keyboard expected")
    return markup


def _apply(ctx: MethodContext, message: ChatMessage, **changes: Any) -> dict[str, Any]:
    message.revise(ctx.world.clock())
    for name, value in changes.items():
        setattr(message, name, value)
    message.edit_date = ctx.world.now()
    ctx.world.changed.notify()
    return message.to_json(ctx.world)


@api_method("editMessageText")
async def edit_message_text(ctx: MethodContext, params: Params) -> dict[str, Any]:
    message = _editable(ctx, params)
    params.text("text", required=True, missing="message text is empty")
    if message.text is None:
        raise bad_request("there is no text in the message to edit")
    formatted, raw = formatted_body(ctx, params, "text", "entities", MAX_TEXT)
    assert formatted is not None
    if not formatted.text:
        raise bad_request("message text is empty")
    markup = _inline_markup(params)
    if (formatted.text, formatted.entities, markup) == (
        message.text,
        message.entities,
        message.reply_markup,
    ):
        raise bad_request(MESSAGE_NOT_MODIFIED)
    return _apply(
        ctx,
        message,
        text=formatted.text,
        entities=formatted.entities,
        raw_text=raw,
        parse_mode=params.text("parse_mode"),
        reply_markup=markup,
    )


@api_method("editMessageCaption")
async def edit_message_caption(ctx: MethodContext, params: Params) -> dict[str, Any]:
    message = _editable(ctx, params)
    if message.text is not None:
        raise bad_request("there is no caption in the message to edit")
    formatted, raw = formatted_body(ctx, params, "caption", "caption_entities", MAX_CAPTION)
    caption = formatted.text if formatted is not None and formatted.text else None
    entities = formatted.entities if formatted is not None and caption else []
    markup = _inline_markup(params)
    if (caption, entities, markup) == (
        message.caption,
        message.caption_entities,
        message.reply_markup,
    ):
        raise bad_request(MESSAGE_NOT_MODIFIED)
    return _apply(
        ctx,
        message,
        caption=caption,
        caption_entities=entities,
        raw_text=raw,
        parse_mode=params.text("parse_mode"),
        reply_markup=markup,
    )


@api_method("editMessageReplyMarkup")
async def edit_message_reply_markup(ctx: MethodContext, params: Params) -> dict[str, Any]:
    message = _editable(ctx, params)
    markup = _inline_markup(params)
    if markup == message.reply_markup:
        raise bad_request(MESSAGE_NOT_MODIFIED)
    return _apply(ctx, message, reply_markup=markup)


@api_method("deleteMessage")
async def delete_message(ctx: MethodContext, params: Params) -> bool:
    chat, message = _located(ctx, params, "message to delete not found")
    if message.sender_id != ctx.bot.id and chat.type != "private":
        membership = ctx.world.membership(chat, ctx.bot.id)
        allowed = membership is not None and (
            membership.status == "creator"
            or (
                membership.status == "administrator"
                and membership.rights.get("can_delete_messages", True)
            )
        )
        if not allowed:
            raise bad_request("message can't be deleted")
    message.deleted = True
    ctx.world.changed.notify()
    return True
