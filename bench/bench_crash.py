"""The long crash drill: 2,000 group messages across 100 groups, the bot SIGKILLed five times at
random moments and restarted, 5 % of Bot API calls failing; then the full audit of
tests/e2e/crash_drill.py. Prints one line per round and exits non-zero if any round was unsound.

    python bench/bench_crash.py [--messages 2000] [--groups 100] [--kills 5] [--faults 0.05]
                                [--rounds 1] [--seed 1]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the drill lives in tests/

from tests.e2e.crash_drill import describe, run_drill


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=2000)
    parser.add_argument("--groups", type=int, default=100)
    parser.add_argument("--kills", type=int, default=5)
    parser.add_argument("--faults", type=float, default=0.05, help="share of Bot API calls failing")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    unsound = 0
    for round_number in range(args.rounds):
        folder = Path(tempfile.mkdtemp(prefix="streetdesk-crash-"))
        report = await run_drill(
            folder,
            messages=args.messages,
            groups=args.groups,
            kills=args.kills,
            fault_rate=args.faults,
            seed=args.seed + round_number,
            # The exec'd console command, as deployed: every restart pays the full start-up.
            prewarmed=False,
            timeout=1800,
        )
        print(f"round {round_number + 1}: {describe(report)}")
        for problem in report.problems[:20]:
            print(f"    {problem}")
        if not report.sound:
            unsound += 1
            print(f"    kept for inspection: {folder}")
    return 1 if unsound else 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
