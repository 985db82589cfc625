"""The real bot: /join by the name people say, approved only in the group of the request, with
forged approvals and numbers no request or ticket has answered politely; /leave."""

from __future__ import annotations

from emulator.bot_process import DEMO_TOKEN
from tests.e2e.conftest import CHAT, CHIEF, SHOPKEEPER, Stage, everything_said
from tests.e2e.test_group_loop import WAIT, card_for

OFFICE_ADMIN = 9100  # admin_ids in config.example.toml
NEWCOMER = 5099


def forged_press(update_id: int, chat_id: int, user_id: int, message_id: int, data: str) -> dict:
    return {
        "update_id": update_id,
        "callback_query": {
            "id": f"forged-{update_id}",
            "chat_instance": "c",
            "data": data,
            "from": {"id": user_id, "is_bot": False, "first_name": "x"},
            "message": {
                "message_id": message_id,
                "date": 0,
                "chat": {"id": chat_id, "type": "supergroup"},
                "text": "x",
            },
        },
    }


async def test_join_by_name_approved_only_where_it_was_asked(stage: Stage) -> None:
    emu = stage.emulator
    await emu.add_user("小陈", username="chen_clean", user_id=NEWCOMER)
    await emu.add_user("周", "主任", user_id=OFFICE_ADMIN)
    other = (await emu.create_group("幸福路联络群")).id
    await emu.post_command(other, OFFICE_ADMIN, "bind", "幸福路")
    bound = await emu.wait_for_message(lambda m: "已绑定" in m.body, chat_id=other, timeout=WAIT)

    await emu.post_command(CHAT, NEWCOMER, "join", "环卫所")
    request = await emu.wait_for_message(lambda m: "申请成为" in m.body, chat_id=CHAT, timeout=WAIT)
    assert "环卫所" in request.body
    data = request.callback_data[0]
    # The same button data pressed under a message in another group, by that group's office
    # admin: the request is not that group's to approve.
    await emu.post_raw_update(forged_press(920001, other, OFFICE_ADMIN, bound.message_id, data))
    # Numbers no request or ticket has, by the chief, in the request's own group.
    for n, forged in enumerate(["j1:99999999999999999999", "j1:-7", "t1:ack:99999999999999999999"]):
        await emu.post_raw_update(forged_press(920010 + n, CHAT, CHIEF, request.message_id, forged))
    await emu.wait_until(lambda: len(emu.calls("answerCallbackQuery")) >= 4, timeout=WAIT)
    await emu.post_command(CHAT, SHOPKEEPER, "ticket", "99999999999999999999")
    await emu.wait_for_message(lambda m: "用法：/ticket" in m.body, chat_id=CHAT, timeout=WAIT)
    assert not [m for m in emu.sent_messages(CHAT) if "已成为" in m.body]
    assert not [m for m in emu.sent_messages(other) if "已成为" in m.body]

    await emu.press_button(CHAT, CHIEF, request.message_id, data)
    await emu.wait_for_message(lambda m: "已成为环卫所" in m.body, chat_id=CHAT, timeout=WAIT)
    await emu.post_message(CHAT, SHOPKEEPER, "胜利路口垃圾没人清运")
    card = await card_for(emu, 1)
    await emu.post_command(CHAT, NEWCOMER, "leave")
    await emu.wait_for_message(lambda m: "已不再是环卫所" in m.body, chat_id=CHAT, timeout=WAIT)
    # No longer a liaison: his "收到" under the card is a shopkeeper's word, not an
    # acknowledgement (once /status is answered, it was dealt with).
    await emu.post_message(CHAT, NEWCOMER, "收到", reply_to=card.message_id)
    await everything_said(emu, CHAT)
    [latest] = [m for m in emu.sent_messages(CHAT) if m.message_id == card.message_id]
    assert "已签收" not in latest.body
    log = stage.bot.log_tail(100_000)
    assert "Traceback" not in log and "OverflowError" not in log
    assert DEMO_TOKEN not in log
