"""answerCallbackQuery: a query can be answered once, by the bot that got it."""

from __future__ import annotations

from emulator.errors import QUERY_INVALID, bad_request
from emulator.journal import AnsweredCallback
from emulator.methods.registry import MethodContext, api_method
from emulator.params import Params

MAX_ANSWER_TEXT = 200


@api_method("answerCallbackQuery")
async def answer_callback_query(ctx: MethodContext, params: Params) -> bool:
    query_id = params.text("callback_query_id", required=True)
    query = ctx.world.callback_queries.get(query_id or "")
    if query is None or query.bot_token != ctx.bot.token or query.answered:
        raise bad_request(QUERY_INVALID)
    text = params.text("text")
    if text is not None and len(text) > MAX_ANSWER_TEXT:
        raise bad_request("MESSAGE_TOO_LONG")
    query.answered = True
    ctx.backend.journal.record_answer(
        AnsweredCallback(
            callback_query_id=query.id,
            time=ctx.world.clock(),
            user_id=query.user_id,
            data=query.data,
            text=text,
            show_alert=params.boolean("show_alert"),
            url=params.text("url"),
            cache_time=params.integer("cache_time") or 0,
        )
    )
    return True
