"""Log events as JSON lines, and the token never in any of them."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest

from bot.logs import REDACTED, configure_logging

TOKEN = "123456789:AAE-secret-token-value"


@pytest.fixture
def restore_logging() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in list(root.handlers):
        root.removeHandler(handler)
    for handler in handlers:
        root.addHandler(handler)
    root.setLevel(level)


@pytest.mark.usefixtures("restore_logging")
def test_the_token_is_removed_from_messages_fields_and_tracebacks() -> None:
    stream = io.StringIO()
    configure_logging([TOKEN], stream=stream)
    log = logging.getLogger("streetdesk.test")
    log.info("called %s", f"https://api.telegram.org/bot{TOKEN}/getMe")
    log.warning("telegram_unavailable", extra={"url": f"/bot{TOKEN}/sendMessage"})
    try:
        raise ConnectionError(f"cannot reach /bot{TOKEN}/getUpdates")
    except ConnectionError:
        log.exception("polling_failed")
    output = stream.getvalue()
    assert TOKEN not in output
    assert output.count(REDACTED) >= 3
    events = [json.loads(line) for line in output.splitlines()]
    assert [e["event"].split(" ")[0] for e in events] == [
        "called",
        "telegram_unavailable",
        "polling_failed",
    ]
    assert events[1]["url"] == f"/bot{REDACTED}/sendMessage"
    assert "ConnectionError" in events[2]["error"]
