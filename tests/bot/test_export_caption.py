"""The ledger sent by /export: its caption is escaped like every message, so a road named with
"<" or "&" arrives as written instead of being refused by Telegram, and its file is named for
the road and the period."""

from __future__ import annotations

from bot.database import Database
from bot.outbox_worker import OutboxWorker
from emulator import Emulator
from tests.bot.sending import deliver
from tests.bot.test_sender_reads import ROAD_CHAT, queue
from tickets.clock import FakeClock
from tickets.notices import Notice, NoticeKind

ODD_SCOPE = "胜利路<东段> & 南纬路"


async def test_the_export_caption_shows_an_odd_road_name_as_written(
    database: Database, road_emulator: Emulator, road_sender: OutboxWorker, clock: FakeClock
) -> None:
    await queue(
        database,
        Notice(
            NoticeKind.EXPORT,
            ROAD_CHAT,
            data={
                "period": "week",
                "roads": ["胜利路"],
                "scope": ODD_SCOPE,
                "at": clock.now().isoformat(),
            },
        ),
    )
    await deliver(road_sender)
    (sent,) = road_emulator.sent_messages(ROAD_CHAT)
    assert sent.document is not None
    assert sent.caption is not None and ODD_SCOPE in sent.caption
    # The file says whose ledger and which days; what a file system refuses became "_".
    name = sent.document["file_name"]
    assert name.startswith("streetdesk-ledger-胜利路_东段") and name.endswith(".xlsx")
    assert "2026-11-16_2026-11-18" in name  # this week until today (a Wednesday)
