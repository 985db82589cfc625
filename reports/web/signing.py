"""Values signed with a key derived from the bot token: sessions, one-time links, form tokens.

The bot token is the one secret every process of a deployment already shares, so a link made by
the process that answered /web is good in the process serving the desk. The key is a derivation
(HMAC of a fixed label), never the token itself, and a signed value never contains the token.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass
from datetime import UTC, datetime


class Signer:
    def __init__(self, token: str, purpose: str = "streetdesk-web") -> None:
        if not token:
            raise ValueError("the web desk signs with the bot token: telegram.token is empty")
        self._key = hmac.new(token.encode(), purpose.encode(), hashlib.sha256).digest()

    def mac(self, text: str) -> str:
        digest = hmac.new(self._key, text.encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()

    def sign(self, text: str) -> str:
        """`text` with its signature; `text` must not contain "~"."""
        if "~" in text:
            raise ValueError("a signed value may not contain '~'")
        return f"{text}~{self.mac(text)}"

    def unsign(self, value: str) -> str | None:
        """The text of a value this signer signed; None for anything else."""
        text, sep, signature = value.rpartition("~")
        if not sep or not hmac.compare_digest(signature, self.mac(text)):
            return None
        return text


@dataclass(frozen=True, slots=True)
class Expiring:
    """A signed "<kind>.<user id>.<expiry>[.<rest>…]" still good: whose, until when, the rest."""

    user_id: int
    expires: datetime
    rest: tuple[str, ...]


def read_expiring(
    signer: Signer, value: str | None, kind: str, rest: int, now: datetime
) -> Expiring | None:
    """What a signed expiring value says, if this signer signed it, it is of `kind`, it carries
    `rest` more fields, and it has not expired by `now`; None for anything else."""
    text = None if value is None else signer.unsign(value)
    if text is None:
        return None
    parts = text.split(".")
    if len(parts) != 3 + rest or parts[0] != kind:
        return None
    try:
        user_id, expires = int(parts[1]), datetime.fromtimestamp(int(parts[2]), UTC)
    except (ValueError, OverflowError, OSError):
        return None
    if expires <= now:
        return None
    return Expiring(user_id, expires, tuple(parts[3:]))
