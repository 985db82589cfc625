"""How fast and how well message understanding reads the labelled sets, on one core.

    python bench/bench_understanding.py [--seconds 3]

Prints messages per second for `Understanding.read` over the dev set, next to a baseline: the
same messages tested with a plain `keyword in text` loop over every configured keyword (what a
naive bot would do, and a floor no real reader can beat by much), and the rules alone; then the
same reader and baseline over English and mixed messages (dev-G). Then the
shipped model's size and its load time in a fresh process (import included), and intent,
category and location accuracy on the dev set and on tests/data/messages-extra.tsv.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
import tomllib
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tickets.durations import Duration  # noqa: E402
from tickets.roles import Role  # noqa: E402
from tickets.taxonomy import Category, ClockKind  # noqa: E402
from tickets.understanding import Intent, Understanding  # noqa: E402
from tickets.understanding.model import MODEL_PATH  # noqa: E402
from tickets.understanding.reader import RULES_ALONE  # noqa: E402

# Run in a fresh interpreter: what the bot pays at start-up to have the model ready.
LOAD_PROBE = (
    "import time; started = time.perf_counter(); "
    "from tickets.understanding.model import LinearModel; LinearModel.load(); "
    "print(time.perf_counter() - started)"
)

CONFIG = ROOT / "config.example.toml"
DEV_SET = Path("/work/shared/data/messages-dev.tsv")
EXTRA_SET = ROOT / "tests" / "data" / "messages-extra.tsv"
# English and mixed messages take the reader's slower path (English places, word features).
ENGLISH_SET = ROOT / "bench" / "understanding" / "dev" / "dev-G.tsv"

Row = tuple[Role, Intent, str | None, str | None, str]


def load_categories(path: Path) -> list[Category]:
    with path.open("rb") as config:
        entries = tomllib.load(config)["categories"]
    return [
        Category(
            key=entry["key"],
            name=entry["name"],
            department=entry["department"],
            ack=Duration.parse(entry["ack"]),
            resolve=Duration.parse(entry["resolve"]),
            clock=ClockKind(entry.get("clock", "working")),
            keywords=tuple(entry.get("keywords", ())),
        )
        for entry in entries
    ]


def load_rows(path: Path) -> list[Row]:
    rows: list[Row] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        role, intent, category, location, text = line.split("\t")
        rows.append(
            (
                Role(role),
                Intent(intent),
                None if category == r"\N" else category,
                None if location == r"\N" else location,
                text,
            )
        )
    return rows


def rate(work: Callable[[], int], seconds: float) -> float:
    """Messages per second: repeat `work` (which reports how many it read) for `seconds`."""
    work()  # warm up caches and compiled patterns
    done, started = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - started) < seconds:
        done += work()
    return done / elapsed


def accuracy(understanding: Understanding, rows: Sequence[Row]) -> tuple[float, float, float]:
    intents = categories = locations = reports = 0
    for role, intent, category, location, text in rows:
        reading = understanding.read(text, role=role)
        intents += reading.intent is intent
        if intent is Intent.REPORT:
            reports += 1
            categories += reading.category == category
            locations += reading.location == location
    return intents / len(rows), categories / max(reports, 1), locations / max(reports, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="time per measurement")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core, as promised

    categories = load_categories(CONFIG)
    understanding = Understanding(categories)
    dev = load_rows(DEV_SET)
    texts = [(text, role) for role, _, _, _, text in dev]
    keywords = [keyword for category in categories for keyword in category.keywords]

    def read_all(messages: Sequence[tuple[str, Role]] = texts) -> int:
        for text, role in messages:
            understanding.read(text, role=role)
        return len(messages)

    rules_only = Understanding(categories, blend=RULES_ALONE)

    def read_all_by_rules() -> int:
        for text, role in texts:
            rules_only.read(text, role=role)
        return len(texts)

    def contains_all(messages: Sequence[tuple[str, Role]] = texts) -> int:
        for text, _ in messages:
            lowered = text.lower()
            hits = [keyword for keyword in keywords if keyword in lowered]  # noqa: F841
        return len(messages)

    read_rate = rate(read_all, args.seconds)
    rules_rate = rate(read_all_by_rules, args.seconds)
    baseline_rate = rate(contains_all, args.seconds)
    print(f"python {sys.version.split()[0]}, one core, {len(texts)} dev messages per pass")
    print(f"Understanding.read        {read_rate:>10,.0f} messages/s")
    print(
        f"baseline keyword-in-text  {baseline_rate:>10,.0f} messages/s "
        f"({len(keywords)} keywords, plain str.__contains__ on each, no roles, no places)"
    )
    print(f"rules alone (no model)    {rules_rate:>10,.0f} messages/s")
    print(f"read costs {baseline_rate / read_rate:.1f}x the baseline; target ≥ 5,000 messages/s")
    english = [(text, role) for role, _, _, _, text in load_rows(ENGLISH_SET)]
    english_rate = rate(lambda: read_all(english), args.seconds)
    english_baseline = rate(lambda: contains_all(english), args.seconds)
    print(
        f"English and mixed         {english_rate:>10,.0f} messages/s "
        f"({len(english)} from {ENGLISH_SET.name}; keyword loop {english_baseline:,.0f}, "
        f"{english_baseline / english_rate:.1f}x)"
    )
    loads = [
        float(
            subprocess.run(
                [sys.executable, "-c", LOAD_PROBE],
                cwd=ROOT,
                check=True,
                capture_output=True,
                text=True,
            ).stdout
        )
        for _ in range(3)
    ]
    print(
        f"model {MODEL_PATH.name}: {MODEL_PATH.stat().st_size / 1024:,.0f} KiB, "
        f"loads in {min(loads) * 1000:,.0f} ms in a fresh process (NumPy import included)"
    )
    print()
    print(f"{'set':<22}{'rows':>6}{'intent':>9}{'category':>10}{'location':>10}")
    for path in (DEV_SET, EXTRA_SET):
        rows = load_rows(path)
        intent, category, location = accuracy(understanding, rows)
        print(f"{path.name:<22}{len(rows):>6}{intent:>9.1%}{category:>10.1%}{location:>10.1%}")
    print("(category and location: exact match over the rows labelled report)")


if __name__ == "__main__":
    main()
