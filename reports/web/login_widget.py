"""The Telegram Login Widget's answer, checked as Telegram documents it
(https://core.telegram.org/widgets/login#checking-authorization): the hash is the HMAC-SHA256
of the data-check-string (every other field as "key=value", sorted, joined by newlines) keyed
with SHA256 of the bot token; and the answer must be fresh (auth_date)."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta

# The fields the widget sends; anything else in the query is not part of what Telegram signed.
FIELDS = frozenset({"id", "first_name", "last_name", "username", "photo_url", "auth_date"})


def data_check_string(fields: Mapping[str, str]) -> str:
    return "\n".join(f"{key}={fields[key]}" for key in sorted(fields))


def widget_hash(fields: Mapping[str, str], token: str) -> str:
    secret = hashlib.sha256(token.encode()).digest()
    return hmac.new(secret, data_check_string(fields).encode(), hashlib.sha256).hexdigest()


def signed_in_user(
    query: Mapping[str, str], token: str, now: datetime, fresh_for: timedelta
) -> int | None:
    """The Telegram user id the widget vouches for; None if the hash is wrong, the date is old
    (or in the future beyond a minute of clock skew) or the id is not a number."""
    received = query.get("hash", "")
    fields = {key: value for key, value in query.items() if key in FIELDS}
    if not received or "id" not in fields or "auth_date" not in fields:
        return None
    if not hmac.compare_digest(received.lower(), widget_hash(fields, token)):
        return None
    try:
        signed_at = datetime.fromtimestamp(int(fields["auth_date"]), UTC)
        user_id = int(fields["id"])
    except (ValueError, OverflowError, OSError):
        return None
    if signed_at < now - fresh_for or signed_at > now + timedelta(minutes=1):
        return None
    return user_id
