"""The real bot against input no one should send: garbage and unknown updates, forged or old
buttons, strangers and private chats. It answers nothing it should not, never crashes, keeps
serving, and the token never reaches its log."""

from __future__ import annotations

from emulator.bot_process import DEMO_TOKEN
from handlers.callback_data import ButtonAction, TicketButton
from tests.e2e.conftest import CHAT, LIGHTING, SHOPKEEPER, Stage
from tests.e2e.test_group_loop import WAIT, card_for

GARBAGE_UPDATES = [
    {"update_id": 900001, "poll": {"id": "1", "question": "?", "options": []}},
    {"update_id": 900002, "some_future_update": {"x": 1}},
    {
        "update_id": 900003,
        "message": {"message_id": 1, "date": 0, "chat": {"id": CHAT, "type": "supergroup"}},
    },
    {
        "update_id": 900004,
        "channel_post": {
            "message_id": 2,
            "date": 0,
            "text": "路灯坏了",
            "chat": {"id": -100777, "type": "channel"},
        },
    },
    {
        "update_id": 900005,
        "callback_query": {
            "id": "q",
            "from": {"id": 1, "is_bot": False, "first_name": "x"},
            "chat_instance": "c",
            "data": "t1:ack:1",
        },
    },
]


async def test_garbage_forged_buttons_and_strangers_change_nothing(stage: Stage) -> None:
    emu = stage.emulator
    await emu.post_message(CHAT, SHOPKEEPER, "胜利路8号门口路灯不亮")
    card = await card_for(emu, 1)
    before = len(emu.sent_messages(CHAT))
    for update in GARBAGE_UPDATES:
        await emu.post_raw_update(update)
    forged = [
        "t1:ack:999999",
        "t1:zap:1",
        "t0:ack:1",
        "x1:1:0",
        "j1:424242",
        "garbage",
        TicketButton(action=ButtonAction.ACKNOWLEDGE, number=1).pack() + "x",
    ]
    for n, data in enumerate(forged):
        # A client cannot press a button that is not there, but an old version's buttons (or
        # a crafted client) deliver any data: as raw callback queries under the card.
        await emu.post_raw_update(
            {
                "update_id": 910000 + n,
                "callback_query": {
                    "id": f"forged-{n}",
                    "chat_instance": "c",
                    "data": data,
                    "from": {"id": SHOPKEEPER, "is_bot": False, "first_name": "王"},
                    "message": {
                        "message_id": card.message_id,
                        "date": 0,
                        "chat": {"id": CHAT, "type": "supergroup"},
                        "text": "card",
                    },
                },
            }
        )
    stranger = (await emu.add_user("陌生人", user_id=31337)).id
    await emu.post_private_message(stranger, "路灯坏了 <b>&")
    await emu.post_message(CHAT, SHOPKEEPER, "x" * 4096)
    # Every press is answered (the spinner stops); Telegram refuses answers to presses it does
    # not know: reported, not fatal.
    await emu.wait_until(lambda: len(emu.calls("answerCallbackQuery")) >= len(forged), timeout=WAIT)
    await emu.wait_until(
        lambda: stage.bot.log_tail(100_000).count("callback_answer_failed") == len(forged),
        timeout=WAIT,
    )
    # The bot still serves; a chat's updates are processed and answered in order, so once the
    # liaison's word is answered, everything before it was dealt with.
    await emu.post_message(CHAT, LIGHTING, "收到", reply_to=card.message_id)
    await emu.wait_for_message(
        lambda m: m.message_id == card.message_id and "已签收" in m.body, chat_id=CHAT, timeout=WAIT
    )
    await emu.wait_for_message(
        lambda m: "已签收" in m.body and m.message_id != card.message_id, chat_id=CHAT, timeout=WAIT
    )
    # the group heard nothing about any of the garbage: only that the liaison acknowledged
    heard = [m.body for m in emu.sent_messages(CHAT)[before:]]
    assert len(heard) == 1 and "#1" in heard[0] and "已签收" in heard[0]
    log = stage.bot.log_tail(100_000)
    assert "Traceback" not in log and "Cause exception" not in log
    assert DEMO_TOKEN not in log and DEMO_TOKEN.split(":")[1] not in log
