"""How a phrase becomes a message: a place, the lead-ins and tails people type, a second typing
of the same words; and the labelled row it makes."""

from __future__ import annotations

import random

from corpus.places import Place, place
from tickets.roles import Role
from tickets.understanding.acts import Act, intent_of
from tickets.understanding.corpus import CorpusRow

# fmt: off
LEADS = ("", "", "", "", "", "老师好，", "@城管 ", "麻烦看一下，", "你好，", "反映个情况：",
         "各位领导，", "#报修 ", "在吗？", "请问一下，", "紧急！", "又来了，", "哎，",
         "大家看看，", "我跟你们说，")
TAILS = ("", "", "", "", "[图片]", "[图片]", "😡", "，谁管管", "，麻烦尽快处理", "，好几天了",
         "！！", "，能不能来看看", "，太危险了", "，拜托了", "。", "，有没有人管啊",
         "，已经投诉过一次了", "[图片][图片]", "，都一个星期了", "🙏", "，希望尽快解决",
         "，看着闹心")
EN_LEADS = ("", "", "", "hi, ", "hello, ", "please help, ", "hey ")
EN_TAILS = ("", "", "", ".", "!", ", please fix", ", can someone check", " [photo]",
            ", it's dangerous", " for days now", "!!")
PLACE_JOINERS = ("", "", "", "的", "那个", "这边", "那边的", "，")
# The situation told before the place and the problem: when, in what weather, doing what, told by
# whom. Chatter is full of 今天/中午/下班 (plans, weather, meals); without these a report that
# starts with its hour reads as chatter, and the place extractor never sees a lead-in.
CIRCUMSTANCES = ("今天", "今天", "今天", "今天中午", "今天早上", "今天下午", "今天路过",
                 "今早", "昨天", "昨天晚上", "昨晚", "前天",
                 "早上", "中午", "下午", "晚上", "半夜", "凌晨", "早高峰时候", "晚高峰",
                 "半夜两点多", "晚上十点多", "早上六点", "下午三点左右", "上周开始", "这两天",
                 "最近", "每天晚上", "周末", "一下雨", "下完雨", "昨晚下大雨", "刮大风以后",
                 "下班回家", "早上送孩子上学", "买菜路过", "散步走到", "刚刚路过", "遛狗经过",
                 "开车经过", "听邻居讲", "环卫工人说", "门卫大爷说", "楼上邻居讲", "刚才",
                 "天一黑", "大清早", "今天一早")
EN_CIRCUMSTANCES = ("this morning ", "last night ", "since yesterday ", "today ",
                    "on my way to work ", "every night ", "after the rain ", "my neighbour says ",
                    "since last week ", "this afternoon ")
# fmt: on
THANKS_WORDS = ("谢", "thank", "辛苦", "🙏", "抱拳")


def lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def compose_report(rng: random.Random, phrase: str, english: bool) -> tuple[str, Place | None]:
    where = place(rng, english=english) if rng.random() < (0.45 if english else 0.6) else None
    circumstance = rng.random() < 0.35
    if english:
        body = f"{phrase} {where.surface}" if where else phrase
        if circumstance:
            body = rng.choice(EN_CIRCUMSTANCES) + body
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
    if circumstance:
        body = rng.choice(CIRCUMSTANCES) + rng.choice(("", "", "，")) + body
    return rng.choice(LEADS) + body + rng.choice(TAILS), where


def report_row(role: Role, category: str, where: Place | None, text: str, kind: str) -> CorpusRow:
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


def decorate(rng: random.Random, text: str) -> str:
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
