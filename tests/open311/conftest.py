from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.database import Database
from tests.open311.serving import serving
from tickets.office import Office


@pytest.fixture
async def api(database: Database, office: Office) -> AsyncIterator[str]:
    """The API's root on a local server over the test's database and office."""
    async with serving(database, office) as root:
        yield root
