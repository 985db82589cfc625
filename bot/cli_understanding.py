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
from tickets.understanding.learning import (
    Change,
    ChangeCheck,
    check_change,
    propose_keywords,
    retrain,
)
from tickets.understanding.model import LinearModel
from tickets.understanding.reading import Intent, Reading

DEFAULT_DAYS = 30
# A retrained model may cost a field this much on the corpus, but may read no corpus message
# wrong that reads right today: a change which breaks other messages is not made.
RETRAIN_TOLERANCE = 0.005
BROKEN_SHOWN = 5


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
@click.option(
    "--retrain",
    "model_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Retrain the reader with the misreads, check it on the corpus, and write it here "
    "when it breaks nothing (needs scikit-learn: pip install 'streetdesk[learning]').",
)
def understanding(
    config_path: Path | None,
    first: datetime | None,
    last: datetime | None,
    propose: bool,
    model_file: Path | None,
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
    if model_file is not None and found:
        _retrain(settings, found, model_file)


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


def _retrain(settings: Settings, found: list[Misread], model_file: Path) -> None:
    try:
        import sklearn  # noqa: F401  (training needs it; reading does not)
    except ImportError:
        raise click.ClickException(
            "retraining needs scikit-learn: pip install 'streetdesk[learning]'"
        ) from None
    taxonomy = settings.taxonomy()
    examples = [misread.example for misread in found]
    model = retrain(examples)
    current = settings.reader_model()
    check = check_change(
        Change(model=model),
        list(taxonomy.categories.values()),
        examples,
        fallback_category=taxonomy.fallback_category,
        current_model=None if current is None else LinearModel.load(current),
    )
    click.echo("\nretrained with the misreads:")
    _say_check(check)
    if not check.safe(tolerance=RETRAIN_TOLERANCE):
        click.echo("not written: it would read these corpus messages wrong that read right today")
        for broken in check.broken[:BROKEN_SHOWN]:
            click.echo(
                f"  {broken.row.text} — {_reading(broken.before)} would become "
                f"{_reading(broken.after)}"
            )
        return
    model.save(model_file)
    click.echo(f"written to {model_file}; to take it in, add to the config file:")
    click.echo(f'  [understanding]\n  model = "{model_file.resolve()}"')


def _reading(reading: Reading) -> str:
    """A reading in one word: the category of a report, else the intent."""
    if reading.intent is Intent.REPORT and reading.category:
        return reading.category
    return reading.intent.value


def _say_check(check: ChangeCheck) -> None:
    before, after = check.before, check.after
    click.echo(
        f"checked on the corpus: intent {before.intent:.1%} -> {after.intent:.1%}, "
        f"category {before.category:.1%} -> {after.category:.1%}, "
        f"place {before.location:.1%} -> {after.location:.1%}; "
        f"{len(check.broken)} corpus messages broken, {len(check.repaired)} repaired; "
        f"misreads read right: {check.examples_right_before} -> {check.examples_right_after} "
        f"of {check.examples}"
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
    click.echo("")
    _say_check(check)
    if not check.safe():
        click.echo("not safe to take in as it is: it breaks messages that read right today")
        return
    click.echo("safe to take in: add to the config file")
    for key, words in keywords.items():
        known = taxonomy.categories[key].keywords
        listed = ", ".join(f'"{word}"' for word in (*known, *words))
        click.echo(f'  [[categories]] key = "{key}": keywords = [{listed}]')
