"""One leader among the processes: it runs the sweep and the sender. Webhook workers may be many;
reminders must go out once. The lease is renewed well before it expires and taken over by another
process when its holder stops renewing (it died)."""

from __future__ import annotations

import logging
import os
import socket
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta

from storage.availability import log_failure
from tickets.clock import Clock
from tickets.ports import UnitOfWork

log = logging.getLogger("streetdesk.leadership")
LEASE = "leader"


class Leadership:
    def __init__(
        self,
        *,
        unit_of_work: Callable[[], UnitOfWork],
        clock: Clock,
        lease_for: timedelta,
        holder: str | None = None,
    ) -> None:
        self._uow = unit_of_work
        self._clock = clock
        self._lease_for = lease_for
        self.holder = holder or new_holder()
        self._leading = False
        self._held_until: datetime | None = None

    @property
    def leading(self) -> bool:
        """Holding the lease now, as far as this process knows: the last renewal succeeded and
        its term has not run out (a process paused past it, or cut off from the database, stops
        leading when the term ends, before another may take over)."""
        return (
            self._leading and self._held_until is not None and self._clock.now() < self._held_until
        )

    @property
    def renew_every(self) -> timedelta:
        return self._lease_for / 3

    async def renew(self) -> bool:
        """Take or keep the lease; say so in the log when leadership changes hands."""
        now = self._clock.now()
        try:
            async with self._uow() as uow:
                held = await uow.leases.hold(LEASE, self.holder, now, now + self._lease_for)
                if not held:
                    current = await uow.leases.holder(LEASE)
                    if current is not None and died_on_this_host(current):
                        # A crashed process on this machine cannot renew: no need to wait
                        # for its lease to run out before sending again.
                        held = await uow.leases.take_over(
                            LEASE, current, self.holder, now + self._lease_for
                        )
                        log.info("lease_taken_over", extra={"from": current})
                await uow.commit()
        except Exception as error:  # the database is away: a leader that cannot renew must stop
            log_failure(log, "lease_renewal_failed", error, holder=self.holder)
            held = False
        if held != self._leading:
            log.info("leadership_changed", extra={"holder": self.holder, "leading": held})
        self._leading = held
        self._held_until = now + self._lease_for if held else None
        return held

    async def resign_quietly(self) -> None:
        try:
            await self.resign()
        except Exception:  # shutting down with the database gone: the lease simply expires
            log.warning("lease_release_failed", extra={"holder": self.holder})

    async def resign(self) -> None:
        if not self._leading:
            return
        async with self._uow() as uow:
            await uow.leases.release(LEASE, self.holder)
            await uow.commit()
        self._leading = False
        self._held_until = None


def new_holder() -> str:
    """This process among others on the same database: host, pid and a nonce (a pid is reused
    after a restart; the nonce is not). The leader's lease, the outbox's claims and the chats'
    claims all name their holder so."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def died_on_this_host(holder: str) -> bool:
    """Holders are "host:pid:nonce"; a pid on this host that no longer runs is dead."""
    host, _, rest = holder.partition(":")
    pid_text = rest.partition(":")[0]
    if host != socket.gethostname() or not pid_text.isdigit():
        return False
    try:
        os.kill(int(pid_text), 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # alive, another user's
        return False
    return False
