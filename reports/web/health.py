"""/healthz and /metrics: for a load balancer, a service manager and Prometheus.

Healthy means: the process is up, the database answers, updates were taken in recently (in a
process that polls: a long poll answers at least every minute or so; a webhook is not held to
it, as a quiet city posts nothing at night), and the outbox is not piling up. Each check is
named in the answer, so whoever is paged sees which one failed.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from aiohttp import web

from reports.web import metrics
from storage.unit_of_work import SqlUnitOfWork
from tickets.clock import Clock

log = logging.getLogger("streetdesk.web")
DATABASE_WITHIN = 3.0  # seconds


@dataclass(frozen=True)
class HealthLimits:
    polling: bool  # this process polls: its last poll must be recent
    intake_within: float = 300.0  # seconds since the last successful poll
    outbox_backlog: int = 1000  # rows due and unsent


def routes(
    unit_of_work: Callable[[], SqlUnitOfWork], clock: Clock, limits: HealthLimits
) -> list[web.RouteDef]:
    async def healthz(request: web.Request) -> web.Response:
        checks: dict[str, object] = {}
        healthy = True
        backlog: int | None = None
        try:
            async with asyncio.timeout(DATABASE_WITHIN), unit_of_work() as uow:
                backlog = await metrics.outbox_backlog(uow, clock.now())
            checks["database"] = "ok"
        except Exception as error:  # any failure to answer is "unreachable"
            log.warning("health_database_failed", extra={"error": type(error).__name__})
            checks["database"] = "unreachable"
            healthy = False
        last = metrics.last_intake()
        age = None if last is None else round(time.time() - last, 1)
        checks["last_intake_seconds_ago"] = age
        if limits.polling and (age is None or age > limits.intake_within):
            checks["intake"] = "stale"
            healthy = False
        if backlog is not None:
            checks["outbox_backlog"] = backlog
            if backlog > limits.outbox_backlog:
                checks["outbox"] = "backlogged"
                healthy = False
        return web.json_response(
            {"status": "ok" if healthy else "failing", "checks": checks},
            status=200 if healthy else 503,
        )

    async def prometheus(request: web.Request) -> web.Response:
        try:
            async with asyncio.timeout(DATABASE_WITHIN), unit_of_work() as uow:
                await metrics.read_gauges(uow, clock.now())
        except Exception as error:  # the counters are still worth serving
            log.warning("metrics_database_failed", extra={"error": type(error).__name__})
        return metrics.metrics_response()

    return [web.get("/healthz", healthz), web.get("/metrics", prometheus)]
