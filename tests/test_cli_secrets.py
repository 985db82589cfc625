"""The token never reaches the terminal, however `streetdesk run` ends: here it dies of a proxy's
error page that quotes the request path (which holds the token), as many office proxies do."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp import web

from tests.conftest import EXAMPLE_CONFIG

TOKEN = "123456:do-not-print-me-ever"


@pytest.fixture
async def quoting_proxy() -> AsyncIterator[str]:
    """A proxy that refuses every call, naming the path it was asked for."""

    async def page(request: web.Request) -> web.Response:
        refusal = f"Bad Request: the proxy refused GET {request.path}"
        return web.json_response(
            {"ok": False, "error_code": 400, "description": refusal}, status=400
        )

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", page)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    yield f"http://127.0.0.1:{runner.addresses[0][1]}"
    await runner.cleanup()


async def test_run_dying_of_an_error_that_quotes_the_token_prints_it_nowhere(
    quoting_proxy: str, tmp_path: Path
) -> None:
    config = tmp_path / "streetdesk.toml"
    config.write_text(
        EXAMPLE_CONFIG.read_text(encoding="utf-8")
        .replace('token = ""', f'token = "{TOKEN}"')
        .replace('api_base = "https://api.telegram.org"', f'api_base = "{quoting_proxy}"')
        .replace("sqlite+aiosqlite:///streetdesk.sqlite3", f"sqlite+aiosqlite:///{tmp_path}/s.db"),
        "utf-8",
    )
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        "--config",
        str(config),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    stdout, stderr = await asyncio.wait_for(process.communicate(), timeout=60)
    said = (stdout + stderr).decode()
    assert process.returncode not in (0, None)
    assert "do-not-print-me-ever" not in said
    assert "[token]" in said  # what failed is still told, the token in it redacted
    assert "Traceback (most recent call last)" not in said.splitlines()[0]
