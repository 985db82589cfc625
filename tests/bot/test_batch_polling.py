"""How polling cuts a getUpdates batch into runs that share a transaction."""

from __future__ import annotations

from typing import Any

from aiogram.types import Update

from bot.batch_polling import replied_to, run_chat, runs

GROUP, OTHER_GROUP, PRIVATE = -1001, -1002, 42
_next_id = iter(range(1, 10_000))


def message(chat: int, text: str | None = "路灯不亮", **extra: Any) -> Update:
    update_id = next(_next_id)
    body: dict[str, Any] = {
        "message_id": update_id,
        "date": 0,
        "chat": {"id": chat, "type": "private" if chat > 0 else "supergroup", "title": "t"},
        "from": {"id": 7, "is_bot": False, "first_name": "王"},
        **extra,
    }
    if text is not None:
        body["text"] = text
    return Update.model_validate({"update_id": update_id, "message": body})


def button(chat: int) -> Update:
    update_id = next(_next_id)
    return Update.model_validate(
        {
            "update_id": update_id,
            "callback_query": {
                "id": str(update_id),
                "chat_instance": "c",
                "from": {"id": 7, "is_bot": False, "first_name": "王"},
                "data": "t:ack:1",
                "message": {
                    "message_id": 1,
                    "date": 0,
                    "chat": {"id": chat, "type": "supergroup", "title": "t"},
                },
            },
        }
    )


def test_only_plain_group_messages_may_share_a_run() -> None:
    assert run_chat(message(GROUP)) == GROUP
    photo = [{"file_id": "f", "file_unique_id": "u", "width": 1, "height": 1}]
    assert run_chat(message(GROUP, None, photo=photo)) == GROUP
    assert run_chat(message(GROUP, "/status")) is None  # commands answer and check admins
    assert run_chat(message(GROUP, None, photo=photo, caption="/report 井盖丢了")) is None
    assert run_chat(message(PRIVATE)) is None
    assert run_chat(message(GROUP, None, new_chat_members=[])) is None  # no words, no photo
    assert run_chat(button(GROUP)) is None
    edited = Update.model_validate(
        {"update_id": 9999, "edited_message": message(GROUP).message.model_dump()}
    )
    assert run_chat(edited) is None


def test_runs_keep_the_order_and_cut_at_anything_else() -> None:
    a, b = message(GROUP), message(OTHER_GROUP)
    command = message(GROUP, "/report 井盖丢了")
    c, d = message(GROUP), message(GROUP)
    pressed = button(GROUP)
    e = message(OTHER_GROUP)
    cut = runs([a, b, command, c, d, pressed, e])
    assert [[u.update_id for u in run] for run in cut] == [
        [a.update_id, b.update_id],
        [command.update_id],
        [c.update_id, d.update_id],
        [pressed.update_id],
        [e.update_id],
    ]


def test_a_run_is_at_most_as_long_as_asked() -> None:
    batch = [message(GROUP) for _ in range(7)]
    assert [len(run) for run in runs(batch, longest=3)] == [3, 3, 1]
    assert [u for run in runs(batch, longest=3) for u in run] == batch


def test_a_run_is_told_which_messages_its_messages_reply_to() -> None:
    original = message(GROUP).message
    assert original is not None
    answer = message(GROUP, "收到", reply_to_message=original.model_dump())
    assert replied_to(answer) == (GROUP, original.message_id)
    assert replied_to(message(GROUP)) is None
    assert replied_to(button(GROUP)) is None
