"""The card's buttons pressed against the real bot process: 已处置, 还没修好 and 确认修好 move the
ticket as the words 已修好, 还是不亮 and 好了 do; anyone else pressing them is refused in an alert
and changes nothing."""

from __future__ import annotations

from emulator import Emulator
from emulator.chats import ChatMessage
from emulator.journal import AnsweredCallback
from handlers.callback_data import ButtonAction, TicketButton
from tests.e2e.conftest import (
    CHAT,
    LIGHTING,
    NEIGHBOUR,
    SHOPKEEPER,
    WAIT,
    Stage,
    everything_said,
)
from tests.e2e.test_group_loop import button, card_for, ledger

# The card's buttons: 签收, 已处置, 转派 while the department has it; 确认修好, 还没修好 for the
# reporter once it is resolved.
TO_HANDLE = {ButtonAction.ACKNOWLEDGE, ButtonAction.RESOLVE, ButtonAction.TRANSFER}
TO_VERIFY = {ButtonAction.CONFIRM, ButtonAction.REOPEN}


async def press(
    emu: Emulator, user_id: int, card: ChatMessage, action: ButtonAction
) -> AnsweredCallback:
    """`user_id` taps the card's `action` button; the answer the tap gets (the spinner stops,
    or an alert shows), once it came."""
    query = await emu.press_button(CHAT, user_id, card.message_id, button(card, action))
    return await emu.wait_until(
        lambda: next((a for a in emu.answered_callbacks if a.callback_query_id == query), None),
        timeout=WAIT,
    )


def done(answer: AnsweredCallback) -> bool:
    """The tap was taken: a quiet word, no alert."""
    return not answer.show_alert and answer.text == "已记录"


def buttons(card: ChatMessage) -> set[ButtonAction]:
    return {TicketButton.unpack(data).action for data in card.callback_data}


async def card_reads(emu: Emulator, card: ChatMessage, *words: str) -> None:
    await emu.wait_for_message(
        lambda m: m.message_id == card.message_id and all(w in m.body for w in words),
        chat_id=CHAT,
        timeout=WAIT,
    )


async def test_fixed_not_fixed_and_confirmed_by_button_move_the_ticket_as_the_words_do(
    stage: Stage,
) -> None:
    emu = stage.emulator
    await emu.post_message(CHAT, SHOPKEEPER, "胜利路8号门口路灯不亮")
    card = await card_for(emu, 1)

    # 已处置 by the lighting office's liaison, as their "已修好": the reporter is asked.
    mark = emu.mark()
    assert done(await press(emu, LIGHTING, card, ButtonAction.RESOLVE))
    ask = await emu.wait_for_message(
        lambda m: "请看看是否修好" in m.body, chat_id=CHAT, since=mark, timeout=WAIT
    )
    assert "@wang_shop" in ask.body and ask.reply_to is not None  # the report is answered
    await card_reads(emu, card, "状态：已处置，待确认")  # the card shows the ticket as stored
    assert buttons(card) == TO_VERIFY

    # 还没修好 by the reporter, as their "还是不亮": back to the same office, as rework.
    mark = emu.mark()
    assert done(await press(emu, SHOPKEEPER, card, ButtonAction.REOPEN))
    await emu.wait_for_message(
        lambda m: "还没修好" in m.body and "已退回路灯管理所返工" in m.body,
        chat_id=CHAT,
        since=mark,
        timeout=WAIT,
    )
    await card_reads(emu, card, "状态：返工", "返工 1 次")
    assert buttons(card) == TO_HANDLE

    # Fixed again, and 确认修好 by the reporter, as their "好了": closed, no buttons left.
    mark = emu.mark()
    await press(emu, LIGHTING, card, ButtonAction.RESOLVE)
    await emu.wait_for_message(
        lambda m: "请看看是否修好" in m.body, chat_id=CHAT, since=mark, timeout=WAIT
    )
    assert done(await press(emu, SHOPKEEPER, card, ButtonAction.CONFIRM))
    await emu.wait_for_message(
        lambda m: "#1 已确认修好，结案" in m.body, chat_id=CHAT, since=mark, timeout=WAIT
    )
    await card_reads(emu, card, "状态：已结案", "报告人确认，已结案", "返工 1 次")
    assert buttons(card) == set()
    [ticket] = ledger(stage)
    assert ticket["state"] == "closed"
    assert ticket["created_at"] <= ticket["resolved_at"] <= ticket["closed_at"]


async def test_someone_else_pressing_them_is_told_why_in_an_alert_and_nothing_changes(
    stage: Stage,
) -> None:
    emu = stage.emulator
    await emu.post_message(CHAT, SHOPKEEPER, "胜利路8号门口路灯不亮")
    card = await card_for(emu, 1)

    # A neighbour is neither the lighting office's liaison nor the reporter.
    refused = await press(emu, NEIGHBOUR, card, ButtonAction.RESOLVE)
    assert refused.show_alert
    assert "由路灯管理所负责，只有其联络员或街长可以操作" in (refused.text or "")

    mark = emu.mark()
    assert done(await press(emu, LIGHTING, card, ButtonAction.RESOLVE))  # it was still theirs
    moved = await emu.wait_for_message(
        lambda m: "#1 小李 已处置" in m.body, chat_id=CHAT, since=mark, timeout=WAIT
    )
    ask = await emu.wait_for_message(
        lambda m: "请看看是否修好" in m.body, chat_id=CHAT, since=mark, timeout=WAIT
    )
    for action in (ButtonAction.CONFIRM, ButtonAction.REOPEN):
        refused = await press(emu, NEIGHBOUR, card, action)
        assert refused.show_alert
        assert "只有报告人或街长可以确认或退回" in (refused.text or "")
    assert buttons(card) == TO_VERIFY
    assert ledger(stage)[0]["state"] == "resolved"  # neither closed nor sent back

    # Nor did the group hear of the refusals: the card, the liaison's move, and /status.
    status = await everything_said(emu, CHAT)
    heard = [m.body for m in emu.sent_messages(CHAT)]
    assert heard[0] == card.body and heard[-1] == status.body
    assert sorted(heard[1:-1]) == sorted([moved.body, ask.body])
