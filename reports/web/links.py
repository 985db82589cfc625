"""One-time sign-in links, for offices whose domain is not set up for the Login Widget: the bot
sends one in a private chat on /web. A link is signed (user, expiry, a random nonce), so any
process can check it without a row; spending it writes the nonce (storage/web_sign_in.py), so it
works once across every process."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from reports.web.signing import Signer, read_expiring
from tickets.clock import Clock

LINK_PATH = "/sign-in/link/"


@dataclass(frozen=True, slots=True)
class LinkTicket:
    user_id: int
    nonce: str
    expires_at: datetime


class OneTimeLinks:
    def __init__(
        self, signer: Signer, clock: Clock, *, valid_for: timedelta, public_url: str
    ) -> None:
        self._signer = signer
        self._clock = clock
        self._valid_for = valid_for
        self._base = public_url.rstrip("/")

    @property
    def valid_for(self) -> timedelta:
        return self._valid_for

    def token_for(self, user_id: int) -> str:
        expires = int((self._clock.now() + self._valid_for).timestamp())
        return self._signer.sign(f"link.{user_id}.{expires}.{secrets.token_urlsafe(18)}")

    def link_for(self, user_id: int) -> str:
        return f"{self._base}{LINK_PATH}{self.token_for(user_id)}"

    def read(self, token: str) -> LinkTicket | None:
        """What a link says, if it is ours and not yet expired (spent or not: the caller spends)."""
        said = read_expiring(self._signer, token, "link", 1, self._clock.now())
        if said is None:
            return None
        return LinkTicket(said.user_id, said.rest[0], said.expires)
