"""Score the place extractor alone on sets of one message and the place a person would copy.

    python bench/understanding/places.py bench/understanding/places/*.tsv [--misses]

Each line: the message, a tab, the expected place (\\N for none). The sets in places/ were written
by kind (road and number, crossing, shop, block and floor, gate, bridge, underpass, stretch,
station, English); `tuned-*` were used to shape the extractor, `held-out-c` was written before
the last changes and scored once (bench/understanding/README.md keeps the figures).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))

from tests.unit.test_understanding import load_categories  # noqa: E402
from tickets.understanding import Understanding  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--misses", action="store_true", help="print the messages missed")
    args = parser.parse_args()
    understanding = Understanding(load_categories())
    for path in args.paths:
        rows = [line.rstrip("\n").split("\t") for line in path.read_text().splitlines() if line]
        right = 0
        for text, expected in rows:
            found = understanding.read(text).location
            if found == (None if expected == "\\N" else expected):
                right += 1
            elif args.misses:
                print(f"  read {found!r}, expected {expected!r}: {text}")
        print(f"{path.name:<24}{right:>4}/{len(rows):<4}{right / len(rows):7.1%}")


if __name__ == "__main__":
    main()
