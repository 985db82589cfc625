"""`streetdesk understanding`: the period's misreads from the ledger, and the keywords they
suggest, each checked against the reader's corpus so that a word which would break other
messages is shown as such. The office decides what it takes in (the printed config lines)."""

from __future__ import annotations

import asyncio
from datetime import datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import click

from bot.cli_options import config_option, load
from bot.services import open_services
from bot.settings import Settings
from bot.system_clock import SystemClock
from reports.misreads import Misread, misreads
from tickets.model import Ticket
from tickets.understanding.learning import Change, check_change, propose_keywords

DEFAULT_DAYS = 30


@click.command("understanding")
@config_option
@click.option(
    "--from",
    "first",
    type=click.DateTime(["%Y-%m-%d"]),
    default=None,
    help=f"First day (reported on or after), local time. Default: {DEFAULT_DAYS} days ago.",
)
@click.option(
    "--to",
    "last",
    type=click.DateTime(["%Y-%m-%d"]),
    default=None,
    help="Last day (default: today).",
)
@click.option(
    "--propose",
    is_flag=True,
    help="Propose keywords from the misreads, checked against the reader's corpus.",
)
def understanding(
    config_path: Path | None, first: datetime | None, last: datetime | None, propose: bool
) -> None:
    """The reader's misreads in a period (tickets sent on to another department) and what
    they teach."""
    settings = load(config_path)
    zone = ZoneInfo(settings.timezone)
    today = SystemClock().now().astimezone(zone).date()
    last_day = last.date() if last else today
    first_day = first.date() if first else last_day - timedelta(days=DEFAULT_DAYS)
    if last_day < first_day:
        raise click.ClickException(f"--to {last_day} is before --from {first_day}")
    start = datetime.combine(first_day, time(), zone)
    end = datetime.combine(last_day + timedelta(days=1), time(), zone)
    taxonomy = settings.taxonomy()
    found = misreads(asyncio.run(_reported(settings, start, end)), taxonomy)
    click.echo(f"{len(found)} misread reports, {first_day} to {last_day}")
    for misread in found:
        click.echo(_line(misread))
    if propose and found:
        _propose(settings, found)


async def _reported(settings: Settings, start: datetime, end: datetime) -> list[Ticket]:
    async with (
        open_services(settings, SystemClock()) as services,
        services.database.unit_of_work() as uow,
    ):
        touched = await uow.tickets.for_figures(None, start, end)
    return [ticket for ticket in touched if start <= ticket.created_at < end]


def _line(misread: Misread) -> str:
    return (
        f"#{misread.number} {misread.road}: read as {misread.read_as} "
        f"({misread.first_department}), became {misread.became} "
        f"({misread.last_department}): {misread.example.text}"
    )


def _propose(settings: Settings, found: list[Misread]) -> None:
    taxonomy = settings.taxonomy()
    categories = list(taxonomy.categories.values())
    examples = [misread.example for misread in found]
    proposals = propose_keywords(examples, categories)
    if not proposals:
        click.echo("\nno keyword is shared by two misreads of one category and safe in chat")
        return
    keywords: dict[str, tuple[str, ...]] = {}
    for proposal in proposals:
        keywords[proposal.category] = (*keywords.get(proposal.category, ()), proposal.keyword)
    check = check_change(
        Change(keywords=keywords),
        categories,
        examples,
        fallback_category=taxonomy.fallback_category,
    )
    click.echo("\nproposed keywords (category: word, misreads with it, corpus precision):")
    for proposal in proposals:
        click.echo(
            f"  {proposal.category}: {proposal.keyword!r}, {proposal.examples}, "
            f"{proposal.corpus_precision:.0%} of {proposal.corpus_reports}"
        )
    before, after = check.before, check.after
    click.echo(
        f"\nchecked on the corpus: intent {before.intent:.1%} -> {after.intent:.1%}, "
        f"category {before.category:.1%} -> {after.category:.1%}, "
        f"place {before.location:.1%} -> {after.location:.1%}; "
        f"{len(check.broken)} corpus messages broken, {len(check.repaired)} repaired; "
        f"misreads read right: {check.examples_right_before} -> {check.examples_right_after} "
        f"of {check.examples}"
    )
    if not check.safe():
        click.echo("not safe to take in as it is: it breaks messages that read right today")
        return
    click.echo("safe to take in: add to the config file")
    for key, words in keywords.items():
        known = taxonomy.categories[key].keywords
        listed = ", ".join(f'"{word}"' for word in (*known, *words))
        click.echo(f'  [[categories]] key = "{key}": keywords = [{listed}]')


COMMANDS = [understanding]
