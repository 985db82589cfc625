"""The process's metrics for Prometheus (prometheus-client): counted where they happen, in a
line at each edge (bot/polling.py, bot/webhook.py, bot/processor.py, bot/delivery.py), and
read from the database when /metrics is scraped (the outbox backlog, overdue tickets by
department, who holds the lease), so that every process of a deployment reports the same."""

from __future__ import annotations

import time
from datetime import datetime

from aiohttp import web
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)

from scheduler.leadership import LEASE as LEADER
from storage.unit_of_work import SqlUnitOfWork

UPDATES_IN = Counter("streetdesk_updates_received", "Updates stored in the inbox.", ["source"])
UPDATES_PROCESSED = Counter("streetdesk_updates_processed", "Updates processed.", ["outcome"])
PROCESSING = Histogram(
    "streetdesk_processing_seconds",
    "Time to process a batch of updates, to its commit.",
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
SENDS = Counter("streetdesk_sends", "Outbox rows handed to Telegram, by outcome.", ["outcome"])
RATE_LIMITED = Counter("streetdesk_telegram_429", "Telegram's 429 Too Many Requests answers.")
LAST_INTAKE = Gauge(
    "streetdesk_last_intake_timestamp_seconds",
    "When updates were last taken in successfully (a poll answered, a webhook stored).",
)
OUTBOX_BACKLOG = Gauge("streetdesk_outbox_backlog", "Outbox rows due and not yet sent.")
OVERDUE = Gauge("streetdesk_overdue_tickets", "Open tickets past a deadline.", ["department"])
LEASE = Gauge("streetdesk_lease_holder", "The leader lease: 1 for its holder.", ["holder"])

# Read by /healthz: nothing yet means "not taken in by this process" (e.g. `streetdesk web`).
_last_intake: list[float] = []


def intake_ok(updates: int = 0, source: str = "polling") -> None:
    """A poll answered or a webhook update stored (`updates` of them)."""
    now = time.time()
    _last_intake[:] = [now]
    LAST_INTAKE.set(now)
    if updates:
        UPDATES_IN.labels(source).inc(updates)


def last_intake() -> float | None:
    return _last_intake[0] if _last_intake else None


def processed(updates: int, seconds: float) -> None:
    UPDATES_PROCESSED.labels("processed").inc(updates)
    PROCESSING.observe(seconds)


def send_outcome(outcome: str) -> None:
    """sent, rate_limited (a 429), unavailable, refused."""
    SENDS.labels(outcome).inc()
    if outcome == "rate_limited":
        RATE_LIMITED.inc()


async def outbox_backlog(uow: SqlUnitOfWork, now: datetime) -> int:
    """Outbox rows whose time has come and that are not yet sent."""
    return await uow.outbox.pending_count(due_by=now)


async def read_gauges(uow: SqlUnitOfWork, now: datetime) -> None:
    """The gauges that are facts of the database, read at scrape time."""
    OUTBOX_BACKLOG.set(await outbox_backlog(uow, now))
    OVERDUE.clear()  # a department with none left is dropped, not left at its last count
    for department, count in (await uow.tickets.overdue_by_department(now)).items():
        OVERDUE.labels(department).set(count)
    LEASE.clear()
    holder = await uow.leases.holding(LEADER, now)
    if holder is not None:
        LEASE.labels(holder).set(1)


def metrics_response() -> web.Response:
    response = web.Response(body=generate_latest(REGISTRY))
    response.headers["Content-Type"] = CONTENT_TYPE_LATEST
    return response
