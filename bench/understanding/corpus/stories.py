# ruff: noqa: E501 - data tables of Chinese phrases read better one phrase group per line
"""Messages where words lie: stories that name another category's thing in passing (the problem
is what is wrong, not every thing mentioned), jokes and memories that use problem words, and
replies said in people's own words (a plan, a result, a reporter who went to look).
"""

from __future__ import annotations

import random

# fmt: off
# {other} is a thing of another category, {problem} this category's thing and defect.
PASSING = (
    "早上骑车路过{other}的时候，看到{problem}",
    "我在{other}旁边等人，发现{problem}",
    "去扔垃圾的时候顺便看了一眼，{problem}",
    "{other}那边倒是没事，{problem}",
    "送孩子上学经过{other}，{problem}，差点出事",
    "{problem}，就在{other}边上",
    "{problem}，{other}都被挡住了",
    "刚才开车经过，{other}旁边{problem}",
    "昨晚下班回来，{problem}，{other}也看不清",
    "{other}前面那块，{problem}",
    "我家楼下{other}附近，{problem}",
    "{problem}，砸到了{other}",
)
JOKES = (
    "我的工资跟{thing}一样，{defect}😂",
    "今天心情就像{thing}，{defect}哈哈",
    "老公说我比{thing}还{adj}，气死我了😂",
    "我家孩子说长大要修{thing}，哈哈哈",
    "昨天做梦梦见{thing}{defect}，吓醒了",
    "以前这条街{thing}天天{defect}，现在好多了，点赞",
    "笑死，我家狗对着{thing}叫了半天",
    "我这腰跟{thing}似的，{defect}了哈哈",
    "{thing}都比我勤快😂",
    "讲个笑话：{thing}{defect}了，然后……没有然后了哈哈",
    "小时候我们最喜欢在{thing}旁边玩",
    "我们店的生意比{thing}还{adj}，哭了😭",
    "今天减肥又失败了，跟{thing}一样{defect}哈哈",
    "哈哈哈{thing}要是会说话肯定天天骂人",
    "刚才看到一只猫蹲在{thing}上面晒太阳，太可爱了[图片]",
    "我家那位说要去当{thing}维修工，笑死我了",
    "年轻的时候在{thing}底下谈恋爱，一晃二十年了",
    "新闻说别的城市{thing}{defect}上热搜了，咱们这还好",
    "孩子问我{thing}为什么会{defect}，我也答不上来哈哈",
    "今天跟顾客聊{thing}的事聊了一下午，生意都忘做了😂",
    "谁还记得以前{thing}天天{defect}的日子，哈哈",
    "我们这条街的{thing}要是评优，肯定第一😄",
    "笑死，我把{thing}当成熟人打招呼了",
    "老板说店里的音响比{thing}还能响，哈哈",
    "打个比方，人生就像{thing}，总有{defect}的时候",
    "刚才{thing}那边有人在拍婚纱照，好浪漫",
    "我们家老头子天天蹲在{thing}旁边看人下棋😂",
    "网上说{thing}{defect}要罚款，真的假的哈哈",
    "今天给孩子讲{thing}是怎么修的，他听得可认真了",
    "朋友圈有人发{thing}{defect}的段子，笑死我了",
    "要是{thing}能自己{defect}就好了，省得我们操心哈哈",
    "下辈子投胎做{thing}，天天有人管😂",
    "the {en} in my kitchen is my husband's fault haha",
    "my wallet is like a {en} lol",
    "haha my life is a {en} today",
)
# The same in English: {thing} {defect} is the problem, {other} another category's thing in passing.
EN_PASSING = (
    "the {thing} next to the {other} {defect}", "the {thing} outside the {other} {defect}",
    "walked past the {other} this morning and the {thing} {defect}", "the {thing} {defect}, right by the {other}",
    "the {other} is fine but the {thing} {defect}", "the {other} got fixed, thanks, but now the {thing} {defect}",
    "near the {other}, the {thing} {defect}", "the {thing} behind the {other} {defect}",
)
# English jokes and chatter with problem words: nothing to do.
EN_JOKES = (
    "my head is like a {thing} today haha", "lol my husband {defect2} like a {thing}",
    "the kids drew a {thing} at school today, so cute", "haha the cat is sleeping on the {thing} again [photo]",
    "remember when the {thing} here was always broken? good times lol", "my diet is a {thing}, totally broken 😂",
    "saw a funny video about a {thing}, lol", "i'd rather fix a {thing} than do my taxes haha",
)
ADJECTIVES = ("吵", "乱", "臭", "黑", "歪", "破", "堵", "脏")
EN_JOKE_THINGS = ("blocked drain", "broken street light", "pothole", "missing manhole cover",
                  "leaking pipe", "overflowing bin")
# A liaison's plan: when and what; a result: what is true now.
PLANS = (
    "这个需要报区里审批，大概一周", "我们先去看一下情况再定", "施工队{time}进场", "{time}统一处理",
    "材料到了就{verb}", "已经排进{time}的计划了", "这个要跟物业协调，{time}给答复", "{time}带人过来",
    "天气好了马上{verb}", "今天人手不够，{time}过去", "先临时围起来，{time}{verb}", "等{other}那边批了就{verb}",
    "{time}安排车辆过去清", "我记一下，{time}前处理完", "已约了师傅{time}上门", "{time}之前给您回复",
)
TIMES = ("明天", "明天上午", "下周一", "周三", "这周末", "今天下午", "晚上", "月底前", "三天内", "下午两点")
VERBS = ("修", "换", "清", "补", "拆", "装", "处理")
RESULTS = (
    "{thing}已经换新的了", "现场已恢复", "{thing}现在正常了", "已经清空了，拍了照片", "{thing}装回去了",
    "商户已经把东西收回店里了", "摊贩已撤离，现场干净了", "车主已经开走了", "已经拉走三车了，现场清完",
    "水已经止住了，明天换管子", "晚上试过了，灯是亮的", "坑已经填平压实", "已经罚款并责令拆除，今天拆完了",
    "{thing}修复完毕", "今天上午{thing}已经弄好了", "已恢复通行",
)
REPORTER_SEEN = (
    "今晚去看了，{thing}好了，谢谢", "终于修好了，不用再绕路了", "路过看了一眼，干干净净的", "晚上出门亮堂堂的，谢谢师傅",
    "车已经不在了，谢谢", "我刚下楼看了，确实弄好了", "味道没有了，谢谢你们", "这下放心了，感谢",
    "嗯嗯，看到了，挺好", "好了好了，辛苦",
)
REPORTER_NOT = (
    "去看了，{thing}还是{defect}", "哪里修了？{thing}还是老样子", "跟没修一样", "晚上还是黑的", "车还在那儿停着",
    "味道还在，一点没变", "那个坑又出现了", "你们走了以后又{defect}了", "说修好了，我看还是不行", "今天又来了，一模一样",
    "根本没人来，别骗人了", "还是不行啊，麻烦再来看看",
)
# fmt: on


def passing(rng: random.Random, problem: str, other: str) -> str:
    return rng.choice(PASSING).format(problem=problem, other=other)


def passing_en(rng: random.Random, thing: str, defect: str, other: str) -> str:
    def bare(words: str) -> str:
        for article in ("the ", "an ", "a "):
            words = words.removeprefix(article)
        return words

    return rng.choice(EN_PASSING).format(thing=bare(thing), defect=defect, other=bare(other))


def joke_en(rng: random.Random, thing: str) -> str:
    defect2 = rng.choice(("snores", "complains", "leaks money", "breaks down"))
    thing = thing.removeprefix("the ").removeprefix("an ").removeprefix("a ")
    return rng.choice(EN_JOKES).format(thing=thing, defect2=defect2)


def joke(rng: random.Random, thing: str, defect: str) -> str:
    return rng.choice(JOKES).format(
        thing=thing, defect=defect, adj=rng.choice(ADJECTIVES), en=rng.choice(EN_JOKE_THINGS)
    )


def plan(rng: random.Random, other: str) -> str:
    return rng.choice(PLANS).format(time=rng.choice(TIMES), verb=rng.choice(VERBS), other=other)


def result(rng: random.Random, thing: str) -> str:
    return rng.choice(RESULTS).format(thing=thing)


def reporter_seen(rng: random.Random, thing: str) -> str:
    return rng.choice(REPORTER_SEEN).format(thing=thing)


def reporter_not(rng: random.Random, thing: str, defect: str) -> str:
    return rng.choice(REPORTER_NOT).format(thing=thing, defect=defect)
