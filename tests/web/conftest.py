from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.web.stage import WebStage, web_stage
from tickets.clock import FakeClock


@pytest.fixture
async def web(tmp_path: Path, clock: FakeClock) -> AsyncIterator[WebStage]:
    async with web_stage(tmp_path, clock) as stage:
        yield stage
