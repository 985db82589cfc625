"""Write the labelled corpus the reader's model is trained on: tickets/understanding/data/corpus.tsv

    python bench/understanding/make_corpus.py [--seed 15] [--out PATH]

Every message is built from hand-written parts (bench/understanding/corpus/): a problem phrase of
a category, a place in one of the shapes people use, the lead-ins and tails people type, replies
by speech act, chatter and jokes. The labels follow from the parts, so they are right by
construction; the parts were reviewed by hand. Beside them, `corpus/written/*.tsv` holds
messages written whole, one by one, by other writers who followed LABELLING.md (the street's own
variety, which parts combined cannot give); they are taken in as they are. Columns: role, intent,
category, location, context (`card` when the message replies to a ticket card, `-` otherwise),
act, kind, text.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path[:0] = [str(ROOT), str(HERE)]

from corpus.compose import compose_report, lines, report_row  # noqa: E402
from corpus.conversation import (  # noqa: E402
    chatter_rows,
    reply_rows,
    story_rows,
    work_reply_rows,
)
from corpus.places import place  # noqa: E402
from corpus.problems_facilities import FACILITY_CATEGORIES  # noqa: E402
from corpus.problems_order import ORDER_CATEGORIES  # noqa: E402
from corpus.problems_parts import PARTS  # noqa: E402

from tickets.roles import Role  # noqa: E402
from tickets.understanding.acts import Act  # noqa: E402
from tickets.understanding.corpus import CorpusRow, load_rows, write_corpus  # noqa: E402
from tickets.understanding.reading import Intent  # noqa: E402

OUT = ROOT / "tickets" / "understanding" / "data" / "corpus.tsv"
WRITTEN = HERE / "corpus" / "written"
PROBLEMS = {**FACILITY_CATEGORIES, **ORDER_CATEGORIES}
EN_TEMPLATES = (
    "{thing} {defect}",
    "{thing} {defect}",
    "{thing} {defect} again",
    "hi, {thing} {defect}",
    "can someone check, {thing} {defect}",
    "{thing} {defect}, been like this since monday",
    "just so you know {thing} {defect}",
    "{thing} {defect}. please send someone",
    "{thing} {defect} and nobody does anything",
    "sorry to bother, {thing} {defect}",
)
# How many messages each phrase kind yields per category: plain reports are the most common.
PER_KIND = {"plain": 40, "described": 22, "mention": 10, "english": 10}


def report_rows(rng: random.Random) -> list[CorpusRow]:
    rows = []
    for category, kinds in PROBLEMS.items():
        for kind, count in PER_KIND.items():
            phrases = lines(kinds.get(kind, ""))
            if not phrases:
                continue
            for index in range(count):
                phrase = (
                    phrases[index % len(phrases)] if index < len(phrases) else rng.choice(phrases)
                )
                text, where = compose_report(rng, phrase, english=kind == "english")
                role = Role.PUBLIC
                if kind != "english" and rng.random() < 0.12:
                    role = Role.LIAISON
                    text = rng.choice(("巡查发现", "巡查时发现", "", "网格员反映：")) + text
                elif kind != "english" and rng.random() < 0.08:
                    role = Role.CHIEF
                    text += rng.choice(("，请城管尽快处理", "，请相关部门处理", "，请尽快落实", ""))
                rows.append(report_row(role, category, where, text, f"report_{kind}"))
    return rows


def parts_rows(rng: random.Random, per_category: int = 75) -> list[CorpusRow]:
    """Reports combined from a category's parts: thing + defect (+ effect), effect alone,
    another category's thing as a landmark, and English pairs."""
    rows = []
    for category, parts in PARTS.items():
        things, defects = parts["things"].split(), parts["defects"].split()
        effects = parts["effects"].split()
        en_things, en_defects = (side.split("|") for side in parts["en"].split(";"))
        others = [key for key in PARTS if key != category]
        for _ in range(per_category):
            roll = rng.random()
            if roll < 0.55:
                phrase = (
                    rng.choice(things)
                    + rng.choice(("", "", "又", "都", "一直"))
                    + rng.choice(defects)
                )
                if rng.random() < 0.3:
                    phrase += "，" + rng.choice(effects)
                if rng.random() < 0.15:  # the street at the writer's own door is still the street
                    mine = (
                        "我家门口的",
                        "我家楼下的",
                        "我们店门口的",
                        "我家对面的",
                        "我们店旁边的",
                    )
                    phrase = rng.choice(mine) + phrase
                kind, english = "report_plain", False
            elif roll < 0.7:
                phrase, kind, english = rng.choice(effects), "report_described", False
            elif roll < 0.82:
                landmark = rng.choice(PARTS[rng.choice(others)]["things"].split())
                side = rng.choice(("旁边的", "边上的", "下面的", "对面的", "后面那个"))
                phrase = landmark + side + rng.choice(things) + rng.choice(defects)
                kind, english = "report_mention", False
            else:
                thing, defect = rng.choice(en_things), rng.choice(en_defects)
                thing = thing[0].upper() + thing[1:] if rng.random() < 0.3 else thing
                phrase = rng.choice(EN_TEMPLATES).format(thing=thing, defect=defect)
                kind, english = "report_english", True
            text, where = compose_report(rng, phrase, english=english)
            rows.append(report_row(Role.PUBLIC, category, where, text, kind))
    return rows


def several_rows(rng: random.Random) -> list[CorpusRow]:
    """Two problems in one message (the first named is the ticket), or a contrast: one thing
    fine or fixed, another broken (the broken one is the ticket)."""
    rows = []
    keys = list(PROBLEMS)
    things = {
        "streetlight": ("路灯", "修好了", "亮了"),
        "manhole": ("井盖", "换好了", "补上了"),
        "garbage": ("垃圾", "清走了", "拉走了"),
        "trash_bin": ("垃圾桶", "换了新的", "放好了"),
        "road_damage": ("路面", "补好了", "修平了"),
        "drainage": ("下水道", "通了", "疏通了"),
        "traffic_facility": ("红绿灯", "修好了", "正常了"),
        "public_toilet": ("厕所", "打扫干净了", "修好了"),
        "signboard": ("招牌", "加固了", "拆了"),
        "greenery": ("那棵树", "锯掉了", "扶正了"),
        "illegal_parking": ("那辆车", "挪走了", "开走了"),
    }
    for _ in range(420):
        first, second = rng.sample(keys, 2)
        one = rng.choice(lines(PROBLEMS[first]["plain"]))
        two = rng.choice(lines(PROBLEMS[second]["plain"]))
        where = place(rng) if rng.random() < 0.5 else None
        prefix = where.surface if where else ""
        if rng.random() < 0.35:
            joiner = rng.choice(("，还有", "，另外", "。还有就是", "，顺便说一下", "，而且"))
            text = f"{prefix}{one}{joiner}{two}"
            rows.append(report_row(Role.PUBLIC, first, where, text, "report_several"))
        else:
            fixed_key = rng.choice([key for key in things if key != second])
            thing, *fixed = things[fixed_key]
            fine = thing + rng.choice(("", "已经", "倒是")) + rng.choice(fixed)
            if rng.random() < 0.25:  # the same thing fixed and broken again: a reopen
                again = rng.choice(
                    ("又坏了", "又不行了", "没两天又坏了", "可是又出问题了", "第二天又那样了")
                )
                text = f"{fine}，{rng.choice(('但是', '可是', '不过', ''))}{again}"
                context = rng.choice(("card", "-"))
                rows.append(
                    CorpusRow(
                        Role.PUBLIC, Intent.REOPEN, None, None, context, Act.REOPEN, "reopen", text
                    )
                )
                continue
            pattern = rng.choice(
                (
                    "{fine}，但是{two}",
                    "{fine}，谢谢！不过{two}",
                    "{fine}，可是{two}",
                    "{two}，{fine}，这个还没人管",
                )
            )
            text = prefix + pattern.format(fine=fine, two=two)
            rows.append(report_row(Role.PUBLIC, second, where, text, "report_contrast"))
    return rows


def written_rows() -> list[CorpusRow]:
    """Messages written whole (corpus/written/*.tsv, the corpus's own eight columns)."""
    rows = []
    for path in sorted(WRITTEN.glob("*.tsv")):
        for row in load_rows(path):
            if row.act is None:
                raise ValueError(f"{path}: every written row needs its act (eight columns)")
            rows.append(row)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    rows = (
        report_rows(rng)
        + parts_rows(rng)
        + several_rows(rng)
        + reply_rows(rng)
        + work_reply_rows(rng)
        + story_rows(rng)
        + chatter_rows(rng)
        + written_rows()
    )
    unique: dict[tuple[str, str, str], CorpusRow] = {}
    for row in rows:
        unique.setdefault((row.role, row.context, row.text), row)
    write_corpus(args.out, list(unique.values()))
    print(f"{len(unique)} messages written to {args.out}")


if __name__ == "__main__":
    main()
