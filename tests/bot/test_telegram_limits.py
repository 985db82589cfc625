"""Every text fits Telegram's limits (4,096 characters a message, 1,024 a caption): a long one
arrives shortened to whole lines, with a last line saying how many were left out, instead of
being refused and never arriving. The emulator refuses what Telegram refuses."""

from __future__ import annotations

import base64
from datetime import date

from bot.database import Database
from bot.figure_texts import FigureTexts
from bot.outbox_worker import OutboxWorker
from bot.rendering import renderer_for
from bot.settings import Settings
from bot.telegram_limits import CAPTION_LIMIT, MESSAGE_LIMIT, fit, telegram_length
from emulator import Emulator
from tests.bot.sending import deliver
from tests.bot.test_sender_reads import ROAD_CHAT, queue
from tickets.digest import Digest
from tickets.notices import Notice, NoticeKind


def left_out(count: int) -> str:
    return f"…还有 {count} 行"


def test_a_text_that_fits_is_left_as_it_is() -> None:
    text = "<b>胜利路</b>\n路灯不亮"
    assert fit(text, MESSAGE_LIMIT, left_out) is text


def test_a_long_text_keeps_whole_lines_and_says_how_many_were_left_out() -> None:
    lines = [f"#{n} 胜利路{n}号 路灯不亮" for n in range(1000)]
    fitted = fit("\n".join(lines), MESSAGE_LIMIT, left_out)
    assert telegram_length(fitted) <= MESSAGE_LIMIT
    *kept, last = fitted.split("\n")
    assert kept == lines[: len(kept)]
    assert last == left_out(len(lines) - len(kept))


def test_length_is_counted_as_telegram_counts_it_in_utf16() -> None:
    lines = ["⚠️🚧" * 10] * 300  # each emoji is two UTF-16 units
    fitted = fit("\n".join(lines), MESSAGE_LIMIT, left_out)
    assert telegram_length(fitted) <= MESSAGE_LIMIT < len(fitted.encode("utf-16-le"))


def test_a_cut_never_falls_inside_a_tag_that_spans_lines() -> None:
    quoted = "<blockquote>" + "\n".join(["引用的一行"] * 50) + "</blockquote>"
    text = "\n".join(["开头"] * 100 + [quoted])
    fitted = fit(text, 200 * 3, left_out)
    assert fitted.count("<blockquote>") == fitted.count("</blockquote>")
    assert fitted.endswith(left_out(len(text.split("\n")) - (len(fitted.split("\n")) - 1)))


def test_one_line_longer_than_the_limit_is_cut_as_plain_text_without_a_broken_entity() -> None:
    line = "<b>" + "A&amp;B " * 800 + "</b>"
    fitted = fit(line, CAPTION_LIMIT, left_out)
    assert telegram_length(fitted) <= CAPTION_LIMIT
    assert "<b>" not in fitted and not fitted.split("…")[0].rstrip().endswith("&am")


def test_a_digest_of_800_stale_tickets_names_some_and_counts_the_rest(
    settings: Settings,
) -> None:
    texts = FigureTexts(renderer_for(settings, settings.taxonomy()))
    digest = Digest(
        road="胜利路",
        day=date(2026, 11, 30),
        new=0,
        acknowledged=0,
        resolved=0,
        closed=0,
        open=800,
        overdue=800,
        items=(),
        more=0,
        most_behind=None,
        stale=tuple(range(1, 801)),
    )
    text = texts.digest(digest)
    assert telegram_length(text) <= MESSAGE_LIMIT
    assert "#30 " in text and "#31 " not in text
    assert "770" in text


async def test_a_long_message_and_a_long_caption_arrive_shortened(
    database: Database,
    road_emulator: Emulator,
    road_sender: OutboxWorker,
) -> None:
    lines = [f"#{n} 胜利路{n}号门口路灯不亮，已经三天了" for n in range(400)]
    long_caption = "\n".join(lines[:100])
    await queue(
        database,
        Notice(NoticeKind.TEXT, ROAD_CHAT, data={"html": "\n".join(lines)}),
        Notice(
            NoticeKind.DOCUMENT,
            ROAD_CHAT,
            data={
                "base64": base64.b64encode(b"number,place\n").decode(),
                "filename": "ledger.csv",
                "caption": long_caption,
            },
        ),
    )
    await deliver(road_sender)
    text, document = road_emulator.sent_messages(ROAD_CHAT)
    assert text.text is not None and text.text.startswith(lines[0])
    assert "还有" in text.text.splitlines()[-1]
    assert document.caption is not None and document.caption.startswith(lines[0])
    assert len(document.caption) <= CAPTION_LIMIT
