"""What people read: both languages complete, user text escaped, mentions that always work."""

from __future__ import annotations

import re
import string
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.keyboards import Keyboards
from bot.rendering import Renderer, mention
from bot.texts import CATALOGUES, Texts
from handlers.callback_data import MAX_CALLBACK_BYTES, ButtonAction, TicketButton
from tests.conftest import local
from tests.unit.test_lifecycle import deadlines
from tickets.lifecycle import State
from tickets.model import Ticket
from tickets.requests import Person
from tickets.taxonomy import Taxonomy


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_both_languages_have_the_same_keys_and_placeholders() -> None:
    zh, en = CATALOGUES["zh"], CATALOGUES["en"]
    assert zh.keys() == en.keys()
    for key in zh:
        assert placeholders(zh[key]) == placeholders(en[key]), key


def test_every_state_and_event_has_words() -> None:
    texts = Texts("zh")
    for state in State:
        assert texts(f"state.{state.value}")


def renderer(taxonomy: Taxonomy, language: str = "zh") -> Renderer:
    return Renderer(taxonomy, Texts(language), ZoneInfo("Asia/Shanghai"), timedelta(hours=24))


def a_ticket(text: str = "路灯不亮 <b>&", reporter: str = "<b>老板&</b>") -> Ticket:
    return Ticket.report(
        number=12,
        road="胜利路",
        category="streetlight",
        department="lighting",
        text=text,
        location="胜利路8号<i>",
        reporter_id=42,
        reporter_name=reporter,
        at=local("2026-11-18 10:00"),
        deadlines=deadlines(local("2026-11-18 10:00")),
    )


def test_user_text_and_names_are_escaped_in_the_card(taxonomy: Taxonomy) -> None:
    card = renderer(taxonomy).card(
        a_ticket(), [Person(5001, "小李<script>")], {}, local("2026-11-18 10:05")
    )
    assert "路灯不亮 &lt;b&gt;&amp;" in card
    assert "&lt;b&gt;老板&amp;&lt;/b&gt;" in card
    assert "胜利路8号&lt;i&gt;" in card
    assert "小李&lt;script&gt;" in card
    # the only tags left are the template's own
    assert set(re.findall(r"</?([a-z]+)", card)) <= {"b", "a"}


def test_the_card_names_number_category_place_deadlines_and_department(
    taxonomy: Taxonomy,
) -> None:
    card = renderer(taxonomy).card(
        a_ticket(), [Person(5001, "", "lighting_li")], {}, local("2026-11-18 10:05")
    )
    assert "#12" in card and "路灯故障" in card and "路灯管理所" in card
    assert "11-18 12:00" in card  # ack due: 2 hours
    assert "@lighting_li" in card
    english = renderer(taxonomy, "en").card(a_ticket(), [], {}, local("2026-11-18 10:05"))
    assert "Street light out or damaged" in english and "Street lighting office" in english


def test_someone_without_a_username_is_mentioned_by_link() -> None:
    assert (
        mention(Person(5001, "小李 & <b>"))
        == '<a href="tg://user?id=5001">小李 &amp; &lt;b&gt;</a>'
    )
    assert mention(Person(5001, "小李", "li_lamp")) == "@li_lamp"


def test_buttons_follow_the_state(taxonomy: Taxonomy) -> None:
    r = renderer(taxonomy)
    ticket = a_ticket()

    def actions() -> list[ButtonAction]:
        markup = Keyboards(r).card(ticket)
        if markup is None:
            return []
        return [
            TicketButton.unpack(b.callback_data).action
            for row in markup.inline_keyboard
            for b in row
        ]

    assert actions() == [ButtonAction.ACKNOWLEDGE, ButtonAction.RESOLVE, ButtonAction.TRANSFER]
    ticket.resolve(by=5001, at=local("2026-11-18 11:00"), verify_due=local("2026-11-19 11:00"))
    assert actions() == [ButtonAction.CONFIRM, ButtonAction.REOPEN]
    ticket.confirm(by=42, at=local("2026-11-18 12:00"))
    assert actions() == []


@pytest.mark.parametrize("number", [1, 10**9])
def test_callback_data_fits_telegrams_64_bytes(taxonomy: Taxonomy, number: int) -> None:
    longest = max(taxonomy.departments, key=len)
    data = TicketButton(action=ButtonAction.TRANSFER_TO, number=number, department=longest).pack()
    assert len(data.encode()) <= MAX_CALLBACK_BYTES
    ticket = a_ticket()
    ticket.number = number
    for row in Keyboards(renderer(taxonomy)).transfer(ticket).inline_keyboard:
        for button in row:
            assert len(button.callback_data.encode()) <= MAX_CALLBACK_BYTES


def test_a_catch_up_summary_fits_one_message_however_many_fell_due(taxonomy: Taxonomy) -> None:
    tickets = []
    for number in range(1, 16):
        ticket = a_ticket(text="很长的描述" * 50)
        ticket.number = number
        tickets.append((ticket, "ack"))
    people = [Person(i, "联络员" * 5) for i in range(100)]
    text = renderer(taxonomy).chase_summary(
        tickets, people, closed=list(range(500, 900)), total=1000
    )
    assert len(text) <= 4096
    assert "以下 1000 张工单已超期" in text and "还有 985 张" in text
