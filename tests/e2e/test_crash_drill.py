"""A short crash drill in every test run: SIGKILLs at random moments and a Bot API that fails a
share of calls, then every report is one ticket, every notice delivered, every history legal.
The long drill is `bench/bench_crash.py`."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.crash_drill import describe, run_drill


@pytest.mark.slow
async def test_kills_and_api_faults_lose_nothing_and_break_nothing(tmp_path: Path) -> None:
    report = await run_drill(
        tmp_path, messages=300, groups=30, kills=3, fault_rate=0.05, seed=3, timeout=180
    )
    assert report.problems == [], describe(report)
    # The drill really was violent and really did work: kills happened mid-burst, faults fired,
    # tickets were made and notices sent.
    assert report.kills == 3
    assert report.faults_injected > 0
    assert report.reports > 50
    assert report.notifications >= report.reports
