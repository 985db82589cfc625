"""One member floods the group with 120 reports: the real bot process, against the emulator.

Every report is kept, the flooder gets the `[floods]` limit's worth of cards (twenty by
default) and is told once that the rest are recorded without them, and another member's
genuine report, posted after the whole flood, gets its card before the flood's last one.
"""

from __future__ import annotations

import json
import re
import sqlite3

from tests.e2e.conftest import CHAT, NEIGHBOUR, SHOPKEEPER, WAIT, Stage

FLOOD = 120
PER_PERSON = 20  # the default of [floods] per_person_per_hour


def card_number(body: str) -> int | None:
    found = re.search(r"工单 #(\d+) ·", body)
    return int(found.group(1)) if found else None


async def test_a_flood_is_kept_and_does_not_hold_up_another_members_report(
    stage: Stage,
) -> None:
    emu = stage.emulator
    for house in range(1, FLOOD + 1):
        await emu.post_message(CHAT, SHOPKEEPER, f"胜利路{house}号门口路灯不亮")
    genuine = FLOOD + 1
    report = await emu.post_message(CHAT, NEIGHBOUR, "建设路口的垃圾桶满了没人清")
    card = await emu.wait_for_message(
        lambda m: card_number(m.body) == genuine, chat_id=CHAT, timeout=WAIT
    )
    assert card.reply_to == report.message_id
    flood_cards_before = [
        number
        for m in emu.sent_messages(CHAT)
        if (number := card_number(m.body)) is not None and number <= FLOOD
    ]
    # The genuine card did not wait for the flood's tail: its last card was still to come.
    assert len(flood_cards_before) < PER_PERSON

    # Read once the genuine report was handled: the chat's updates are handled in order, so
    # the flood's are done. Its notice and last card wait for the group's next minute.
    database = sqlite3.connect(stage.database)
    try:
        (tickets,) = database.execute("SELECT count(*) FROM tickets").fetchone()
        cards = database.execute(
            "SELECT ticket_number FROM outbox WHERE kind = 'card' ORDER BY ticket_number"
        ).fetchall()
        told = database.execute("SELECT payload FROM outbox WHERE kind = 'say'").fetchall()
    finally:
        database.close()
    assert tickets == FLOOD + 1  # nothing lost: every report is a ticket
    assert [number for (number,) in cards] == [*range(1, PER_PERSON + 1), genuine]
    [(payload,)] = told  # told once, not a hundred times
    assert json.loads(payload)["args"]["number"] == PER_PERSON + 1
