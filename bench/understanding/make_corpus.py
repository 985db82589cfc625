"""Write the labelled corpus the reader's model is trained on: tickets/understanding/data/corpus.tsv

    python bench/understanding/make_corpus.py [--seed 15] [--out PATH]

Every message is built from hand-written parts (bench/understanding/corpus/): a problem phrase of
a category, a place in one of the shapes people use, the lead-ins and tails people type, replies
by speech act, chatter and jokes. The labels follow from the parts, so they are right by
construction; the parts were reviewed by hand. Columns: role, intent, category, location,
context (`card` when the message replies to a ticket card, `-` otherwise), act, kind, text.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path[:0] = [str(ROOT), str(HERE)]

from corpus import situations, stories  # noqa: E402
from corpus.chatter import CHATTER, CHATTER_EN, JOKES, NOTICES, compose_chatter  # noqa: E402
from corpus.places import Place, place  # noqa: E402
from corpus.problems_facilities import FACILITY_CATEGORIES  # noqa: E402
from corpus.problems_order import ORDER_CATEGORIES  # noqa: E402
from corpus.problems_parts import PARTS  # noqa: E402
from corpus.replies import (  # noqa: E402
    ACK,
    ACK_EN,
    CONFIRM,
    CONFIRM_EN,
    DONE,
    DONE_EN,
    REOPEN,
    REOPEN_EN,
    YES,
)

from tickets.roles import Role  # noqa: E402
from tickets.understanding.acts import Act, intent_of  # noqa: E402
from tickets.understanding.corpus import CorpusRow, write_corpus  # noqa: E402
from tickets.understanding.reading import Intent  # noqa: E402

OUT = ROOT / "tickets" / "understanding" / "data" / "corpus.tsv"
PROBLEMS = {**FACILITY_CATEGORIES, **ORDER_CATEGORIES}
# How many messages each phrase kind yields per category: plain reports are the most common.
PER_KIND = {"plain": 40, "described": 22, "mention": 10, "english": 10}

# fmt: off
LEADS = ("", "", "", "", "", "老师好，", "@城管 ", "麻烦看一下，", "你好，", "反映个情况：",
         "各位领导，", "#报修 ", "在吗？", "请问一下，", "紧急！", "又来了，", "哎，", "大家看看，", "我跟你们说，")
TAILS = ("", "", "", "", "[图片]", "[图片]", "😡", "，谁管管", "，麻烦尽快处理", "，好几天了",
         "！！", "，能不能来看看", "，太危险了", "，拜托了", "。", "，有没有人管啊", "，已经投诉过一次了",
         "[图片][图片]", "，都一个星期了", "🙏", "，希望尽快解决", "，看着闹心")
EN_LEADS = ("", "", "", "hi, ", "hello, ", "please help, ", "hey ")
EN_TAILS = ("", "", "", ".", "!", ", please fix", ", can someone check", " [photo]",
            ", it's dangerous", " for days now", "!!")
PLACE_JOINERS = ("", "", "", "的", "那个", "这边", "那边的", "，")
# fmt: on
THANKS_WORDS = ("谢", "thank", "辛苦", "🙏", "抱拳")


def lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def compose_report(rng: random.Random, phrase: str, english: bool) -> tuple[str, Place | None]:
    where = place(rng, english=english) if rng.random() < (0.45 if english else 0.6) else None
    if english:
        body = f"{phrase} {where.surface}" if where else phrase
        return rng.choice(EN_LEADS) + body + rng.choice(EN_TAILS), where
    if where is None:
        body = phrase
    else:
        shape = rng.random()
        if shape < 0.7:
            body = where.surface + rng.choice(PLACE_JOINERS) + phrase
        elif shape < 0.85:
            body = f"在{where.surface}，{phrase}"
        else:
            body = f"{phrase}，位置在{where.surface}"
    return rng.choice(LEADS) + body + rng.choice(TAILS), where


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
                rows.append(_report(role, category, where, text, f"report_{kind}"))
    return rows


def parts_rows(rng: random.Random, per_category: int = 60) -> list[CorpusRow]:
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
                phrase = rng.choice(things) + rng.choice(("", "", "又", "都", "一直")) + rng.choice(defects)
                if rng.random() < 0.3:
                    phrase += "，" + rng.choice(effects)
                kind, english = "report_plain", False
            elif roll < 0.7:
                phrase, kind, english = rng.choice(effects), "report_described", False
            elif roll < 0.82:
                landmark = rng.choice(PARTS[rng.choice(others)]["things"].split())
                side = rng.choice(("旁边的", "边上的", "下面的", "对面的", "后面那个"))
                phrase = landmark + side + rng.choice(things) + rng.choice(defects)
                kind, english = "report_mention", False
            else:
                phrase = f"{rng.choice(en_things)} {rng.choice(en_defects)}"
                kind, english = "report_english", True
            text, where = compose_report(rng, phrase, english=english)
            rows.append(_report(Role.PUBLIC, category, where, text, kind))
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
            rows.append(_report(Role.PUBLIC, first, where, text, "report_several"))
        else:
            fixed_key = rng.choice([key for key in things if key != second])
            thing, *fixed = things[fixed_key]
            fine = thing + rng.choice(("", "已经", "倒是")) + rng.choice(fixed)
            if rng.random() < 0.25:  # the same thing fixed and broken again: a reopen
                again = rng.choice(("又坏了", "又不行了", "没两天又坏了", "可是又出问题了", "第二天又那样了"))
                text = f"{fine}，{rng.choice(('但是', '可是', '不过', ''))}{again}"
                context = rng.choice(("card", "-"))
                rows.append(CorpusRow(Role.PUBLIC, Intent.REOPEN, None, None, context, Act.REOPEN,
                                      "reopen", text))
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
            rows.append(_report(Role.PUBLIC, second, where, text, "report_contrast"))
    return rows


def _report(role: Role, category: str, where: Place | None, text: str, kind: str) -> CorpusRow:
    return CorpusRow(
        role,
        intent_of(Act.REPORT, role, replying=False),
        category,
        where.label if where else None,
        "-",
        Act.REPORT,
        kind,
        text,
    )


def reply_rows(rng: random.Random) -> list[CorpusRow]:
    rows = []
    plan = [
        (Act.ACK, ACK + ACK_EN, (Role.LIAISON,) * 5 + (Role.CHIEF,), "reply_ack", 3),
        (
            Act.DONE,
            DONE + DONE_EN,
            (Role.LIAISON,) * 4 + (Role.CHIEF, Role.PUBLIC),
            "reply_done",
            3,
        ),
        (Act.CONFIRM, CONFIRM + CONFIRM_EN, (Role.PUBLIC,) * 5 + (Role.CHIEF,), "confirm", 3),
        (Act.REOPEN, REOPEN + REOPEN_EN, (Role.PUBLIC,) * 5 + (Role.CHIEF,), "reopen", 3),
        (Act.YES, YES, (Role.PUBLIC, Role.LIAISON, Role.CHIEF), "short_reply", 6),
    ]
    for act, texts, roles, kind, repeat in plan:
        for text in texts:
            for copy in range(repeat):
                variant = text if copy == 0 else _decorate(rng, text)
                role = rng.choice(roles)
                replying = rng.random() < (0.5 if act is Act.YES else 0.6)
                thanks = any(word in variant.lower() for word in THANKS_WORDS)
                intent = intent_of(act, role, replying=replying, thanks=thanks)
                rows.append(
                    CorpusRow(
                        role, intent, None, None, "card" if replying else "-", act, kind, variant
                    )
                )
    return rows


def work_reply_rows(rng: random.Random, count: int = 500) -> list[CorpusRow]:
    """Replies that name the thing: a plan with a time, the result of the work, the reporter
    seeing it fixed or still broken in their own words."""
    rows = []
    times = ("明天上午", "今天下午", "下午三点前", "今晚", "周五之前", "两小时内", "马上", "等会儿", "明早")
    plans = ("派人去处理", "安排师傅过去", "过去看看", "安排维修", "安排清运", "到现场", "去修", "去换",
             "联系施工方", "通知商户整改")
    done = ("已经修好了", "已经处理了", "已经清理了", "换好了", "弄好了", "处理完了", "修复了", "搞定了",
            "恢复正常了", "已更换", "已清运")
    seen = ("好了", "正常了", "修好了", "弄好了", "没问题了", "清走了")
    still = ("还是", "又", "依然", "到现在还")
    for _ in range(count):
        parts = PARTS[rng.choice(list(PARTS))]
        thing = rng.choice(parts["things"].split())
        defect = rng.choice(parts["defects"].split())
        roll = rng.random()
        if roll < 0.3:
            act, role = Act.ACK, rng.choice((Role.LIAISON, Role.LIAISON, Role.CHIEF))
            text = rng.choice(("收到，", "好的，", "", "明白，")) + rng.choice(times) + rng.choice(plans)
            if rng.random() < 0.4:
                text = f"{thing}的事" + text
        elif roll < 0.55:
            act, role = Act.DONE, rng.choice((Role.LIAISON, Role.LIAISON, Role.CHIEF))
            text = thing + rng.choice(done) + rng.choice(("", "，请查看", "[图片]", "，谢谢反馈"))
        elif roll < 0.77:
            act, role = Act.CONFIRM, rng.choice((Role.PUBLIC, Role.PUBLIC, Role.CHIEF))
            text = (rng.choice(("刚看了，", "", "今天路过，", "嗯，")) + thing + rng.choice(seen)
                    + rng.choice(("，谢谢", "，辛苦了", "，感谢", "，谢谢师傅")))
        else:
            act, role = Act.REOPEN, rng.choice((Role.PUBLIC, Role.PUBLIC, Role.CHIEF))
            text = rng.choice(("", "你们说处理了，", "去看了，", "怎么回事，")) + thing + rng.choice(still) + defect
        replying = rng.random() < 0.7
        kind = {Act.ACK: "reply_ack", Act.DONE: "reply_done"}.get(act, act.value)
        intent = intent_of(act, role, replying=replying)
        rows.append(CorpusRow(role, intent, None, None, "card" if replying else "-", act, kind, text))
    return rows


def story_rows(rng: random.Random) -> list[CorpusRow]:
    """Passing mentions, jokes, and replies in people's own words (corpus/stories.py)."""
    rows = []
    keys = list(PARTS)
    for _ in range(400):
        category, other_key = rng.sample(keys, 2)
        parts = PARTS[category]
        problem = rng.choice(parts["things"].split()) + rng.choice(parts["defects"].split())
        other = rng.choice(PARTS[other_key]["things"].split())
        text, where = compose_report(rng, stories.passing(rng, problem, other), english=False)
        rows.append(_report(Role.PUBLIC, category, where, text, "report_mention"))
    for category in situations.SITUATIONS:
        for _ in range(25):
            text, where = compose_report(rng, situations.situation(rng, category), english=False)
            rows.append(_report(Role.PUBLIC, category, where, text, "report_described"))
    for _ in range(80):
        text = situations.memory(rng)
        rows.append(CorpusRow(Role.PUBLIC, Intent.NONE, None, None, "-", Act.NONE, "joke", text))
    for _ in range(260):
        parts = PARTS[rng.choice(keys)]
        text = stories.joke(rng, rng.choice(parts["things"].split()), rng.choice(parts["defects"].split()))
        rows.append(CorpusRow(Role.PUBLIC, Intent.NONE, None, None, "-", Act.NONE, "joke", text))
    for _ in range(500):
        parts = PARTS[rng.choice(keys)]
        thing, defect = rng.choice(parts["things"].split()), rng.choice(parts["defects"].split())
        roll = rng.random()
        replying = rng.random() < 0.7
        if roll < 0.3:
            act, role, kind = Act.ACK, rng.choice((Role.LIAISON,) * 4 + (Role.CHIEF,)), "reply_ack"
            text = rng.choice(("收到，", "好的，", "", "明白，", "")) + stories.plan(rng, "区里")
        elif roll < 0.55:
            act, role, kind = Act.DONE, rng.choice((Role.LIAISON,) * 4 + (Role.CHIEF,)), "reply_done"
            text = stories.result(rng, thing)
        elif roll < 0.77:
            act, role, kind = Act.CONFIRM, rng.choice((Role.PUBLIC,) * 4 + (Role.CHIEF,)), "confirm"
            text = stories.reporter_seen(rng, thing)
        else:
            act, role, kind = Act.REOPEN, rng.choice((Role.PUBLIC,) * 4 + (Role.CHIEF,)), "reopen"
            text = stories.reporter_not(rng, thing, defect)
        intent = intent_of(act, role, replying=replying)
        rows.append(CorpusRow(role, intent, None, None, "card" if replying else "-", act, kind, text))
    return rows


def chatter_rows(rng: random.Random) -> list[CorpusRow]:
    rows = []
    sets = (
        (CHATTER + CHATTER_EN, (Role.PUBLIC,) * 6 + (Role.LIAISON,), "chatter", 4),
        (JOKES, (Role.PUBLIC,), "joke", 3),
        (NOTICES, (Role.LIAISON, Role.CHIEF), "notice", 3),
    )
    for texts, roles, kind, repeat in sets:
        for text in texts:
            for copy in range(repeat):
                variant = text if copy == 0 else _decorate(rng, text)
                replying = rng.random() < 0.1
                rows.append(
                    CorpusRow(
                        rng.choice(roles),
                        intent_of(Act.NONE, Role.PUBLIC, replying=replying),
                        None,
                        None,
                        "card" if replying else "-",
                        Act.NONE,
                        kind,
                        variant,
                    )
                )
    for _ in range(700):
        role = rng.choice((Role.PUBLIC,) * 8 + (Role.LIAISON, Role.CHIEF))
        text = compose_chatter(rng)
        rows.append(CorpusRow(role, Intent.NONE, None, None, "-", Act.NONE, "chatter", text))
    return rows


def _decorate(rng: random.Random, text: str) -> str:
    """The same words typed another time: an emoji, a name, punctuation, a space for a comma."""
    choice = rng.randrange(6)
    if choice == 0:
        return text + rng.choice(("😊", "👍", "🙏", "😂", "[微笑]", "～", "!", "。"))
    if choice == 1:
        return rng.choice(("@老王 ", "@张姐 ", "@所有人 ", "@李师傅 ")) + text
    if choice == 2:
        return text.replace("，", " ")
    if choice == 3:
        return rng.choice(("嗯，", "哦，", "那个，", "对了，", "")) + text
    if choice == 4:
        return text.rstrip("。！!") + rng.choice(("啊", "哈", "哦", "呢", ""))
    return text


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
    )
    unique: dict[tuple[str, str, str], CorpusRow] = {}
    for row in rows:
        unique.setdefault((row.role, row.context, row.text), row)
    write_corpus(args.out, list(unique.values()))
    print(f"{len(unique)} messages written to {args.out}")


if __name__ == "__main__":
    main()
