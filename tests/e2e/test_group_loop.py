"""A liaison group's conversations, played against the real bot process over HTTP."""

from __future__ import annotations

import json
import subprocess
import sys

from emulator import Emulator
from emulator.world import ChatMessage
from handlers.callback_data import ButtonAction, TicketButton
from tests.e2e.conftest import (
    CHAT,
    CHIEF,
    LIGHTING,
    NEIGHBOUR,
    NO_USERNAME,
    SANITATION,
    SHOPKEEPER,
    WAIT,
    Stage,
    everything_said,
)

OFFICE_ADMIN = 9100  # admin_ids in config.example.toml


def ledger(stage: Stage) -> list[dict]:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "tickets", "--config", str(stage.config), "--json"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return [json.loads(line) for line in result.stdout.splitlines()]


async def card_for(emu: Emulator, number: int, since: int = 0) -> ChatMessage:
    return await emu.wait_for_message(
        lambda m: f"#{number} ·" in m.body or f"#{number} · " in m.body,
        chat_id=CHAT,
        since=since,
        timeout=WAIT,
    )


def button(card: ChatMessage, action: ButtonAction) -> str:
    for data in card.callback_data:
        if TicketButton.unpack(data).action is action:
            return data
    raise AssertionError(f"no {action} button on the card: {card.callback_data}")


async def test_a_report_gets_a_card_that_calls_the_departments_liaisons(stage: Stage) -> None:
    emu = stage.emulator
    report = await emu.post_message(CHAT, SHOPKEEPER, "胜利路8号门口路灯不亮")
    card = await card_for(emu, 1)
    assert card.reply_to == report.message_id
    assert "路灯故障" in card.body and "胜利路8号" in card.body and "路灯管理所" in card.body
    assert "@lamp_li" in card.body
    assert {TicketButton.unpack(d).action for d in card.callback_data} == {
        ButtonAction.ACKNOWLEDGE,
        ButtonAction.RESOLVE,
        ButtonAction.TRANSFER,
    }
    [ticket] = ledger(stage)
    assert (ticket["category"], ticket["department"], ticket["state"]) == (
        "streetlight",
        "lighting",
        "dispatched",
    )


async def test_a_liaison_without_a_username_is_mentioned_by_link(stage: Stage) -> None:
    emu = stage.emulator
    await emu.post_message(CHAT, SHOPKEEPER, "超市后门堆了很多纸箱和垃圾")
    card = await card_for(emu, 1)
    assert f"tg://user?id={SANITATION}" in (card.html or "")
    assert SANITATION in card.mentioned_user_ids
    assert "@zhao_clean" in card.body  # the road's own sanitation foreman, from [roads.liaisons]


async def test_the_whole_loop_in_the_words_people_already_write(stage: Stage) -> None:
    emu = stage.emulator
    await emu.post_message(CHAT, SHOPKEEPER, photo=True, caption="胜利路8号门口路灯不亮")
    card = await card_for(emu, 1)

    mark = emu.mark()
    await emu.post_message(CHAT, LIGHTING, "收到", reply_to=card.message_id)
    await emu.wait_for_message(
        lambda m: m.message_id == card.message_id and "已签收" in m.body, chat_id=CHAT, timeout=WAIT
    )
    await emu.wait_for_message(
        lambda m: "#1" in m.body and "已签收" in m.body, chat_id=CHAT, since=mark, timeout=WAIT
    )

    mark = emu.mark()
    await emu.post_message(CHAT, LIGHTING, photo=True, caption="已修好", reply_to=card.message_id)
    ask = await emu.wait_for_message(
        lambda m: "请看看是否修好" in m.body, chat_id=CHAT, since=mark, timeout=WAIT
    )
    assert "@wang_shop" in ask.body  # the reporter is called by name

    await emu.post_message(CHAT, SHOPKEEPER, "好了谢谢", reply_to=card.message_id)
    closed = await emu.wait_for_message(
        lambda m: m.message_id == card.message_id and "已结案" in m.body, chat_id=CHAT, timeout=WAIT
    )
    assert closed.callback_data == []  # a closed ticket has no buttons left
    [ticket] = ledger(stage)
    assert ticket["state"] == "closed"
    assert ticket["created_at"] <= ticket["acknowledged_at"] <= ticket["resolved_at"]
    assert ticket["resolved_at"] <= ticket["closed_at"]


async def test_still_not_fixed_reopens_it_for_the_same_department(stage: Stage) -> None:
    emu = stage.emulator
    await emu.post_message(CHAT, SHOPKEEPER, "胜利路8号门口路灯不亮")
    card = await card_for(emu, 1)
    await emu.post_message(CHAT, LIGHTING, "修好了", reply_to=card.message_id)
    await emu.wait_for_message(lambda m: "请看看是否修好" in m.body, chat_id=CHAT, timeout=WAIT)
    await emu.post_message(CHAT, SHOPKEEPER, "还是不亮", reply_to=card.message_id)
    await emu.wait_for_message(
        lambda m: "返工" in m.body and "路灯管理所" in m.body, chat_id=CHAT, timeout=WAIT
    )
    [ticket] = ledger(stage)
    assert ticket["state"] == "reopened"


async def test_buttons_move_the_ticket_and_refuse_the_wrong_person(stage: Stage) -> None:
    emu = stage.emulator
    await emu.post_message(CHAT, SHOPKEEPER, "胜利路8号门口路灯不亮")
    card = await card_for(emu, 1)
    ack = button(card, ButtonAction.ACKNOWLEDGE)

    await emu.press_button(CHAT, SANITATION, card.message_id, ack)  # another department
    refused = await emu.wait_until(
        lambda: [a for a in emu.answered_callbacks if a.show_alert], timeout=WAIT
    )
    assert "路灯管理所" in refused[0].text

    await emu.press_button(CHAT, LIGHTING, card.message_id, ack)
    await emu.wait_for_message(
        lambda m: m.message_id == card.message_id and "已签收" in m.body, chat_id=CHAT, timeout=WAIT
    )
    [ticket] = ledger(stage)
    assert ticket["state"] == "acknowledged"


async def test_transfer_by_button_calls_the_new_department(stage: Stage) -> None:
    emu = stage.emulator
    await emu.post_message(CHAT, SHOPKEEPER, "胜利路8号门口路灯不亮")
    card = await card_for(emu, 1)
    await emu.press_button(CHAT, LIGHTING, card.message_id, button(card, ButtonAction.TRANSFER))
    choices = await emu.wait_for_message(
        lambda m: (
            m.message_id == card.message_id
            and any(
                TicketButton.unpack(d).action is ButtonAction.TRANSFER_TO for d in m.callback_data
            )
        ),
        chat_id=CHAT,
        timeout=WAIT,
    )
    to_municipal = next(
        d for d in choices.callback_data if TicketButton.unpack(d).department == "municipal"
    )
    await emu.press_button(CHAT, LIGHTING, card.message_id, to_municipal)
    await emu.wait_for_message(
        lambda m: "已转派给" in m.body and "市政设施养护中心" in m.body, chat_id=CHAT, timeout=WAIT
    )
    [ticket] = ledger(stage)
    assert (ticket["department"], ticket["state"]) == ("municipal", "dispatched")


async def test_someone_without_the_role_is_answered_politely(stage: Stage) -> None:
    emu = stage.emulator
    await emu.post_message(CHAT, SHOPKEEPER, "胜利路8号门口路灯不亮")
    card = await card_for(emu, 1)
    await emu.post_message(CHAT, SANITATION, "已修好", reply_to=card.message_id)
    answer = await emu.wait_for_message(
        lambda m: "只有其联络员或街长" in m.body, chat_id=CHAT, timeout=WAIT
    )
    assert "路灯管理所" in answer.body
    assert ledger(stage)[0]["state"] == "dispatched"

    await emu.post_message(CHAT, LIGHTING, "修好了", reply_to=card.message_id)
    await emu.wait_for_message(lambda m: "请看看是否修好" in m.body, chat_id=CHAT, timeout=WAIT)
    await emu.post_message(CHAT, NEIGHBOUR, "好了谢谢", reply_to=card.message_id)
    await emu.wait_for_message(lambda m: "只有报告人或街长" in m.body, chat_id=CHAT, timeout=WAIT)
    assert ledger(stage)[0]["state"] == "resolved"


async def test_chatter_gets_no_reply_and_no_ticket(stage: Stage) -> None:
    emu = stage.emulator
    for text in ("各位老板晚上好", "路灯换成LED的了，好亮啊", "店里招聘服务员，有意者私聊"):
        await emu.post_message(CHAT, SHOPKEEPER, text)
    await emu.post_message(CHAT, SHOPKEEPER, "大家都辛苦了")
    status = await everything_said(emu, CHAT)
    assert "没有未结工单" in status.body
    assert [m.body for m in emu.sent_messages(CHAT)] == [status.body]  # and nothing else
    assert ledger(stage) == []


async def test_a_repeat_report_is_told_it_is_already_being_handled(stage: Stage) -> None:
    emu = stage.emulator
    await emu.post_message(CHAT, SHOPKEEPER, "胜利路8号门口路灯不亮")
    await card_for(emu, 1)
    await emu.post_message(CHAT, NEIGHBOUR, "胜利路8号门口的路灯坏了")
    told = await emu.wait_for_message(lambda m: "已在处理中" in m.body, chat_id=CHAT, timeout=WAIT)
    assert "#1" in told.body and "@li_shop" in told.body
    assert len(ledger(stage)) == 1


async def test_html_in_a_name_and_a_report_is_shown_as_written(stage: Stage) -> None:
    emu = stage.emulator
    await emu.post_message(CHAT, NO_USERNAME, "路灯坏了 <b>快来</b> & 谢谢")
    card = await card_for(emu, 1)  # the emulator refuses malformed HTML, so arriving is proof
    assert "<b>& 张" in card.body
    assert "路灯坏了 <b>快来</b> & 谢谢" in card.body


async def test_an_album_and_a_photo_before_its_words_each_make_one_ticket(stage: Stage) -> None:
    emu = stage.emulator
    await emu.post_album(CHAT, SHOPKEEPER, photos=3, caption="胜利路8号门口井盖丢了")
    await card_for(emu, 1)
    await emu.post_message(CHAT, NEIGHBOUR, photo=True)
    await emu.post_message(CHAT, NEIGHBOUR, "超市后门堆了很多纸箱和垃圾")
    await card_for(emu, 2)
    await everything_said(emu, CHAT)  # a third ticket would have had its card by now
    tickets = ledger(stage)
    assert [t["category"] for t in tickets] == ["manhole", "garbage"]


async def test_a_429_in_the_middle_delays_the_card_but_loses_nothing(stage: Stage) -> None:
    emu = stage.emulator
    await emu.fail_next("sendMessage", error_code=429, retry_after=1)
    await emu.post_message(CHAT, SHOPKEEPER, "胜利路8号门口路灯不亮")
    card = await card_for(emu, 1)
    assert card.body.count("#1") == 1
    await everything_said(emu, CHAT)
    refused = [c for c in emu.calls("sendMessage") if c.status == 429]
    assert len(refused) == 1
    assert len([m for m in emu.sent_messages(CHAT) if "#1 ·" in m.body]) == 1  # sent once


async def test_a_restart_between_two_messages_loses_nothing(stage: Stage) -> None:
    emu = stage.emulator
    await emu.post_message(CHAT, SHOPKEEPER, "胜利路8号门口路灯不亮")
    card = await card_for(emu, 1)
    assert await stage.bot.stop() == 0  # a deployment's restart: SIGTERM, a clean exit
    await emu.post_message(CHAT, LIGHTING, "收到", reply_to=card.message_id)  # while it is down
    await stage.bot.start(emu)
    await emu.wait_for_message(
        lambda m: m.message_id == card.message_id and "已签收" in m.body, chat_id=CHAT, timeout=WAIT
    )
    [ticket] = ledger(stage)
    assert ticket["state"] == "acknowledged"
    assert len([m for m in emu.sent_messages(CHAT) if "#1 ·" in m.body]) == 1


async def test_a_crash_right_after_a_card_costs_at_most_a_second_card(stage: Stage) -> None:
    emu = stage.emulator
    await emu.post_message(CHAT, SHOPKEEPER, "胜利路8号门口路灯不亮")
    await card_for(emu, 1)
    await stage.bot.kill()  # SIGKILL: the card's "sent" may not have been recorded yet
    await stage.bot.start(emu)
    await emu.post_message(CHAT, LIGHTING, "收到")
    await emu.wait_for_message(
        lambda m: "#1 ·" in m.body and "已签收" in m.body, chat_id=CHAT, timeout=WAIT
    )
    [ticket] = ledger(stage)
    assert ticket["state"] == "acknowledged"
    assert 1 <= len([m for m in emu.sent_messages(CHAT) if "#1 ·" in m.body]) <= 2


async def test_an_unbound_group_is_ignored_until_an_admin_binds_it(stage: Stage) -> None:
    emu = stage.emulator
    other = (await emu.create_group("建设路联络群")).id
    await emu.add_member(other, CHIEF, status="administrator")
    await emu.post_message(other, SHOPKEEPER, "建设路上有个坑，已经好几个人摔了")
    await emu.post_command(other, SHOPKEEPER, "bind", "建设路")  # not the office's
    await emu.wait_for_message(lambda m: "只有街道办管理员" in m.body, chat_id=other, timeout=WAIT)
    # A road the config does not know: only the street office's admins (admin_ids) add one.
    office_admin = (await emu.add_user("周", "主任", user_id=OFFICE_ADMIN)).id
    await emu.post_command(other, office_admin, "bind", "建设路")
    await emu.wait_for_message(lambda m: "已绑定" in m.body, chat_id=other, timeout=WAIT)
    await emu.post_message(other, SHOPKEEPER, "建设路上有个坑，已经好几个人摔了")
    card = await emu.wait_for_message(lambda m: "#1 ·" in m.body, chat_id=other, timeout=WAIT)
    assert "市政设施养护中心" in card.body
    assert [t["road"] for t in ledger(stage)] == ["建设路"]  # the first message made nothing


async def test_commands_answer_in_the_group(stage: Stage) -> None:
    emu = stage.emulator
    await emu.post_message(CHAT, SHOPKEEPER, "胜利路8号门口路灯不亮")
    await card_for(emu, 1)
    await emu.post_command(CHAT, SHOPKEEPER, "status")
    status = await emu.wait_for_message(
        lambda m: "未结工单 1 张" in m.body, chat_id=CHAT, timeout=WAIT
    )
    assert "#1" in status.body
    await emu.post_command(CHAT, SHOPKEEPER, "ticket", "1")
    await emu.wait_for_message(lambda m: "经过" in m.body, chat_id=CHAT, timeout=WAIT)
    await emu.post_command(CHAT, LIGHTING, "mine")
    await emu.wait_for_message(lambda m: "您的待办工单 1 张" in m.body, chat_id=CHAT, timeout=WAIT)
    await emu.post_command(CHAT, SHOPKEEPER, "report", "公交站那盏灯一直闪")
    await card_for(emu, 2)
    assert {c.params.get("language_code") for c in emu.calls("setMyCommands")} >= {"zh", "en"}
