"""Rows for what is not a fresh report: replies by speech act, replies that name the thing,
stories and jokes, chatter and notices."""

from __future__ import annotations

import random

from corpus import situations, stories
from corpus.chatter import CHATTER, CHATTER_DAY, CHATTER_EN, JOKES, NOTICES, compose_chatter
from corpus.compose import THANKS_WORDS, compose_report, decorate, report_row
from corpus.places import place
from corpus.problems_parts import PARTS
from corpus.replies import (
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
from tickets.roles import Role
from tickets.understanding.acts import Act, intent_of
from tickets.understanding.corpus import CorpusRow
from tickets.understanding.reading import Intent


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
                variant = text if copy == 0 else decorate(rng, text)
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
    times = (
        "明天上午",
        "今天下午",
        "下午三点前",
        "今晚",
        "周五之前",
        "两小时内",
        "马上",
        "等会儿",
        "明早",
    )
    plans = (
        "派人去处理",
        "安排师傅过去",
        "过去看看",
        "安排维修",
        "安排清运",
        "到现场",
        "去修",
        "去换",
        "联系施工方",
        "通知商户整改",
    )
    done = (
        "已经修好了",
        "已经处理了",
        "已经清理了",
        "换好了",
        "弄好了",
        "处理完了",
        "修复了",
        "搞定了",
        "恢复正常了",
        "已更换",
        "已清运",
    )
    seen = ("好了", "正常了", "修好了", "弄好了", "没问题了", "清走了")
    still = ("还是", "又", "依然", "到现在还")
    for _ in range(count):
        parts = PARTS[rng.choice(list(PARTS))]
        thing = rng.choice(parts["things"].split())
        defect = rng.choice(parts["defects"].split())
        roll = rng.random()
        if roll < 0.3:
            act, role = Act.ACK, rng.choice((Role.LIAISON, Role.LIAISON, Role.CHIEF))
            text = (
                rng.choice(("收到，", "好的，", "", "明白，"))
                + rng.choice(times)
                + rng.choice(plans)
            )
            if rng.random() < 0.5:
                where = place(rng)
                text = (
                    rng.choice(
                        (f"{thing}的事", f"{where.surface}的{thing}", f"{where.surface}这个，")
                    )
                    + text
                )
        elif roll < 0.55:
            act, role = Act.DONE, rng.choice((Role.LIAISON, Role.LIAISON, Role.CHIEF))
            text = thing + rng.choice(done) + rng.choice(("", "，请查看", "[图片]", "，谢谢反馈"))
        elif roll < 0.77:
            act, role = Act.CONFIRM, rng.choice((Role.PUBLIC, Role.PUBLIC, Role.CHIEF))
            text = (
                rng.choice(("刚看了，", "", "今天路过，", "嗯，"))
                + thing
                + rng.choice(seen)
                + rng.choice(("，谢谢", "，辛苦了", "，感谢", "，谢谢师傅"))
            )
        else:
            act, role = Act.REOPEN, rng.choice((Role.PUBLIC, Role.PUBLIC, Role.CHIEF))
            text = (
                rng.choice(("", "你们说处理了，", "去看了，", "怎么回事，"))
                + thing
                + rng.choice(still)
                + defect
            )
        replying = rng.random() < 0.7
        kind = {Act.ACK: "reply_ack", Act.DONE: "reply_done"}.get(act, act.value)
        intent = intent_of(act, role, replying=replying)
        rows.append(
            CorpusRow(role, intent, None, None, "card" if replying else "-", act, kind, text)
        )
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
        rows.append(report_row(Role.PUBLIC, category, where, text, "report_mention"))
    for _ in range(160):  # the same in English
        category, other_key = rng.sample(keys, 2)
        things, defects = (side.split("|") for side in PARTS[category]["en"].split(";"))
        # a thing named in passing is a noun, not a clause ("an extension was built…")
        others = [t for t in PARTS[other_key]["en"].split(";")[0].split("|") if len(t.split()) < 4]
        other = rng.choice(others or ["bus stop"])
        phrase = stories.passing_en(rng, rng.choice(things), rng.choice(defects), other)
        text, where = compose_report(rng, phrase, english=True)
        rows.append(report_row(Role.PUBLIC, category, where, text, "report_mention"))
    for _ in range(90):
        parts = PARTS[rng.choice(keys)]
        nouns = [t for t in parts["en"].split(";")[0].split("|") if len(t.split()) < 4]
        text = stories.joke_en(rng, rng.choice(nouns or ["pothole"]))
        rows.append(CorpusRow(Role.PUBLIC, Intent.NONE, None, None, "-", Act.NONE, "joke", text))
    for category in situations.SITUATIONS:
        for _ in range(35):
            text, where = compose_report(rng, situations.situation(rng, category), english=False)
            rows.append(report_row(Role.PUBLIC, category, where, text, "report_described"))
    for _ in range(80):
        text = situations.memory(rng)
        rows.append(CorpusRow(Role.PUBLIC, Intent.NONE, None, None, "-", Act.NONE, "joke", text))
    for _ in range(260):
        parts = PARTS[rng.choice(keys)]
        text = stories.joke(
            rng, rng.choice(parts["things"].split()), rng.choice(parts["defects"].split())
        )
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
            act, role, kind = (
                Act.DONE,
                rng.choice((Role.LIAISON,) * 4 + (Role.CHIEF,)),
                "reply_done",
            )
            text = stories.result(rng, thing)
        elif roll < 0.77:
            act, role, kind = Act.CONFIRM, rng.choice((Role.PUBLIC,) * 4 + (Role.CHIEF,)), "confirm"
            text = stories.reporter_seen(rng, thing)
        else:
            act, role, kind = Act.REOPEN, rng.choice((Role.PUBLIC,) * 4 + (Role.CHIEF,)), "reopen"
            text = stories.reporter_not(rng, thing, defect)
        intent = intent_of(act, role, replying=replying)
        rows.append(
            CorpusRow(role, intent, None, None, "card" if replying else "-", act, kind, text)
        )
    return rows


def chatter_rows(rng: random.Random) -> list[CorpusRow]:
    rows = []
    sets = (
        (CHATTER + CHATTER_EN, (Role.PUBLIC,) * 6 + (Role.LIAISON,), "chatter", 4),
        (CHATTER_DAY, (Role.PUBLIC,) * 6 + (Role.LIAISON,), "chatter", 3),
        (JOKES, (Role.PUBLIC,), "joke", 3),
        (NOTICES, (Role.LIAISON, Role.CHIEF), "notice", 3),
    )
    for texts, roles, kind, repeat in sets:
        for text in texts:
            for copy in range(repeat):
                variant = text if copy == 0 else decorate(rng, text)
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
