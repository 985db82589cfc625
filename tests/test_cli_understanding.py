"""`streetdesk understanding`: the misreads of a period as the ledger holds them (tickets a
liaison sent on to another department), and keywords they suggest, checked on the corpus."""

from __future__ import annotations

import asyncio
import re
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli_understanding import understanding
from bot.database import open_database
from bot.services import reader_for
from bot.settings import load_settings
from emulator.bot_process import emulator_config
from tests.clerk import Clerk
from tickets.clock import FakeClock
from tickets.office import Office
from tickets.permissions import Actor
from tickets.roles import Role
from tickets.understanding import Understanding

SHOPKEEPER = Actor(42, "王老板")
LIGHTING = Actor(5001, "路灯所小李", Role.LIAISON, frozenset({"lighting"}))
# Read as a light (the lamp post is named in passing); the problem is the rubbish under it, in
# a word of this city's (建渣, Sichuanese for building rubble) the reader was never taught.
MISREAD = [
    "路灯杆底下那堆建渣没人拉走",
    "胜利路8号路灯杆下面的建渣堆了三天",
    "路灯杆旁边建渣越堆越多",
]


async def ledger(database_file: Path, office: Office, clock: FakeClock) -> None:
    database = await open_database(f"sqlite+aiosqlite:///{database_file}", clock)
    service = Clerk(database, office)
    try:
        for n, text in enumerate(MISREAD):  # three shops, three places: no repeats
            made = await service.report(
                category="streetlight",
                text=text,
                location=f"胜利路{n + 1}号",
                reporter=Actor(101 + n, f"店主{n}"),
            )
            await service.transfer(made.ticket.number, LIGHTING, "sanitation", "不归我们管")
        await service.report(  # read right: not a misread
            category="streetlight", text="路灯不亮", location="胜利路20号", reporter=SHOPKEEPER
        )
        clock.advance(timedelta(days=32))  # after the period asked about
        late = await service.report(
            category="streetlight",
            text="路灯杆下建渣",
            location="胜利路30号",
            reporter=Actor(301, "张老板"),
        )
        await service.transfer(late.ticket.number, LIGHTING, "sanitation")
    finally:
        await database.close()


@pytest.fixture
def config(tmp_path: Path, office: Office, clock: FakeClock) -> Path:
    database_file = tmp_path / "streetdesk.sqlite3"
    path = tmp_path / "streetdesk.toml"
    path.write_text(
        emulator_config(api_base="http://127.0.0.1:9", database=database_file), encoding="utf-8"
    )
    asyncio.run(ledger(database_file, office, clock))
    return path


def run(config: Path, *extra: str) -> str:
    result = CliRunner().invoke(
        understanding,
        ["--config", str(config), "--from", "2026-11-01", "--to", "2026-11-30", *extra],
    )
    assert result.exit_code == 0, result.output
    return result.output


def test_the_periods_misreads_are_listed_with_what_they_became(config: Path) -> None:
    lines = run(config).splitlines()
    assert lines[0] == "3 misread reports, 2026-11-01 to 2026-11-30"
    for line, text in zip(lines[1:], MISREAD, strict=True):
        assert re.fullmatch(
            rf"#\d+ 胜利路: read as streetlight \(lighting\), "
            rf"became garbage \(sanitation\): {text}",
            line,
        ), line


@pytest.mark.slow
def test_proposed_keywords_are_checked_and_the_check_tells_what_taking_them_in_does(
    config: Path,
) -> None:
    said = run(config, "--propose")
    assert "garbage: '建渣', 3," in said  # the word all three misreads share
    check = re.search(r"(\d+) corpus messages broken.*read right: (\d+) -> (\d+) of 3", said)
    assert check is not None, said
    broken, right_before, right_after = (int(n) for n in check.groups())
    assert broken == 0 and "safe to take in" in said
    taxonomy = load_settings(config).taxonomy()
    before = Understanding(taxonomy.categories.values(), fallback_category="other")
    taken_in = Understanding(
        [
            replace(c, keywords=(*c.keywords, "建渣")) if c.key == "garbage" else c
            for c in taxonomy.categories.values()
        ],
        fallback_category="other",
    )
    read_right = [sum(u.read(t).category == "garbage" for t in MISREAD) for u in (before, taken_in)]
    assert read_right == [right_before, right_after]  # what it said is what taking it in does
    assert right_after >= right_before


@pytest.mark.slow
def test_a_retrained_reader_is_written_only_when_it_breaks_nothing_and_then_taken_in(
    config: Path, tmp_path: Path
) -> None:
    pytest.importorskip("sklearn")
    model = tmp_path / "reader.npz"
    said = run(config, "--retrain", str(model))
    check = re.search(
        r"retrained with the misreads:\n.* (\d+) corpus messages broken.*"
        r"read right: (\d+) -> (\d+) of 3",
        said,
    )
    assert check is not None, said
    broken, right_before, right_after = (int(n) for n in check.groups())
    assert right_after > right_before  # retraining reads the misreads better
    if broken:  # a change that breaks other messages is not made, and says which
        assert not model.exists() and "not written" in said
        assert said.count(" would become ") == min(broken, 5)
        return
    assert model.exists() and f'model = "{model}"' in said
    # what the office does with the line it was given: the config's [understanding] model
    text = config.read_text("utf-8")
    assert text.count('\nmodel = ""\n') == 1
    config.write_text(text.replace('\nmodel = ""\n', f'\nmodel = "{model}"\n'), "utf-8")
    settings = load_settings(config)
    reader = reader_for(settings, settings.taxonomy())
    assert sum(reader.read(text).category == "garbage" for text in MISREAD) == right_after
