"""A desk that recovers, against the real bot process: an unclear report goes to the street
office's triage with the likely departments as buttons and one tap routes it; a liaison corrects
a ticket in words under its card; "立案" under a missed report makes it a ticket. Each shows on
the card and in the ticket's history (/ticket)."""

from __future__ import annotations

from emulator import Emulator
from emulator.chats import ChatMessage
from handlers.callback_data import RouteButton
from tests.e2e.conftest import CHAT, CHIEF, LIGHTING, SHOPKEEPER, WAIT, Stage, everything_said
from tests.e2e.test_buttons import card_reads
from tests.e2e.test_group_loop import card_for, ledger


def routes(card: ChatMessage) -> list[str]:
    """The categories a triage card offers, in its order."""
    return [
        RouteButton.unpack(data).category
        for data in card.callback_data
        if data.startswith(f"{RouteButton.__prefix__}:")
    ]


async def history(emu: Emulator, number: int) -> str:
    asked = await emu.post_command(CHAT, SHOPKEEPER, "ticket", str(number))
    answer = await emu.wait_for_message(
        lambda m: m.reply_to == asked.message_id, chat_id=CHAT, timeout=WAIT
    )
    return answer.body


async def test_an_unclear_report_is_routed_by_one_tap_on_its_triage_card(stage: Stage) -> None:
    emu = stage.emulator
    await emu.post_message(CHAT, SHOPKEEPER, "路口那边乱七八糟的")
    card = await card_for(emu, 1)
    assert "类别待定" in card.body and "街道办事处" in card.body
    offered = routes(card)
    assert 2 <= len(offered) <= 3

    data = next(d for d in card.callback_data if d.startswith(f"{RouteButton.__prefix__}:"))
    mark = emu.mark()
    await emu.press_button(CHAT, CHIEF, card.message_id, data)

    await emu.wait_for_message(
        lambda m: "#1 张 街长 更正为" in m.body, chat_id=CHAT, since=mark, timeout=WAIT
    )
    [ticket] = ledger(stage)
    assert ticket["category"] == offered[0] and ticket["department"] != "street_office"
    await card_reads(emu, card, "更正类别")
    assert "已转派" not in card.body  # a correction, not a transfer
    assert routes(card) == []  # routed: the card's buttons are the department's now
    assert "更正类别" in await history(emu, 1)


async def test_a_liaison_corrects_the_category_and_the_place_in_words(stage: Stage) -> None:
    emu = stage.emulator
    await emu.post_message(CHAT, SHOPKEEPER, "胜利路8号门口路灯不亮")
    card = await card_for(emu, 1)

    mark = emu.mark()
    await emu.post_message(CHAT, LIGHTING, "应该是环卫", reply_to=card.message_id)
    heard = await emu.wait_for_message(
        lambda m: "#1 小李 更正为" in m.body, chat_id=CHAT, since=mark, timeout=WAIT
    )
    assert "环卫所" in heard.body
    await card_reads(emu, card, "环卫所", "更正类别（原为路灯故障）")

    await emu.post_message(CHAT, CHIEF, "地点：3号楼下", reply_to=card.message_id)
    await card_reads(emu, card, "📍 3号楼下", "更正地点（原为胜利路8号）")
    [ticket] = ledger(stage)
    assert (ticket["department"], ticket["location"]) == ("sanitation", "3号楼下")
    assert "已转派" not in card.body
    said = await history(emu, 1)
    assert "小李 更正类别" in said and "更正地点" in said


async def test_立案_under_a_missed_report_makes_it_a_ticket(stage: Stage) -> None:
    emu = stage.emulator
    # Words the reader takes for a passing remark: nothing is registered.
    missed = await emu.post_message(CHAT, SHOPKEEPER, "大家注意一下后门那边")
    assert "没有未结工单" in (await everything_said(emu, CHAT)).body

    await emu.post_message(CHAT, LIGHTING, "立案", reply_to=missed.message_id)
    card = await card_for(emu, 1)
    assert card.reply_to == missed.message_id  # the card answers the shopkeeper's words
    assert "王 老板：大家注意一下后门那边" in card.body
    [ticket] = ledger(stage)
    assert ticket["state"] == "dispatched"
    assert "王 老板 报告（小李 立案）" in await history(emu, 1)
