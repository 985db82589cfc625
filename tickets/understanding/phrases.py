"""Language knowledge: the phrases people use to acknowledge, resolve, reopen, confirm, complain.

Category words are configuration (a city adds its own); these are how Chinese and English speakers
talk in a chat, so they live in code. Each phrase carries cues; the reader weighs cues, roles and
context. Matching is longest-first and non-overlapping, so a longer phrase silences the shorter
ones inside it: "没修好" is a reopen, never the "修好" it contains; "可以" hides "以处理" (a typo
for 已处理). Phrases are written in simplified, lower-case form (see normalise.simplify).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final


class Cue:
    """Bit flags, one per kind of cue. Plain ints, not enum.IntFlag: a message combines a dozen of
    them and the enum's operators cost more than the whole phrase scan."""

    # a phrase that only exists to hide the shorter ones inside it
    NEUTRAL: Final = 0
    # a department has it: 收到, 已安排, on my way
    ACK: Final = 1 << 0
    # a bare yes (好的, ok, 👍): an ack or a confirm only when it replies to a ticket
    ACK_SHORT: Final = 1 << 1
    # it is handled: 已处理, 修好了, all fixed
    RESOLVED: Final = 1 << 2
    # it is not fixed, and someone said it was: 还是坏的, 没清干净, not fixed
    REOPEN: Final = 1 << 3
    # it is not fixed, or it is a fresh complaint: 又坏了, 还没修
    REOPEN_SOFT: Final = 1 << 4
    # the fix is seen: 确认, 看到了, 正常了, works now
    CONFIRM: Final = 1 << 5
    # 谢谢, 辛苦了, thanks: polite, says little on its own
    THANKS: Final = 1 << 6
    # 好亮, 漂亮, 点赞, great: a happy remark, not a complaint
    PRAISE: Final = 1 << 7
    # something is wrong: 坏, 不亮, 堵, 乱停, 小广告, broken
    PROBLEM: Final = 1 << 8
    # hints of a complaint: 有人, 一直, 好几天, 半夜, someone
    PROBLEM_SOFT: Final = 1 << 9
    # asks for action: 能不能, 麻烦, 处理一下, 增设, please fix
    REQUEST: Final = 1 << 10
    # asks for information: 吗, 哪里, 几点, 请问, anyone know
    QUESTION: Final = 1 << 11
    # an announcement: 提醒, 通知, 请勿, 开展
    NOTICE: Final = 1 << 12
    # 哈哈: banter
    LAUGH: Final = 1 << 13
    # public space without a name: 路边, 路口, 门口, 马路, on the road
    STREET: Final = 1 << 14
    # a time ahead: 明天, 下周, 即日起 (announcements talk about the future)
    SCHEDULE: Final = 1 << 15
    # a fix or an earlier report is spoken of: 换了, 刚修, 你们走了, 上次, after you left
    FIX_BEFORE: Final = 1 << 16
    # a story, not a finding: the past, hearsay, a wish, a figure of speech (小时候, 听说, 如果)
    STORY: Final = 1 << 17
    # every problem word is what something else is likened to: 我的钱包比那个坑还深, 老板的脸
    # 黑得像没修的路灯 (signals.likened: found by the shape of the sentence, not by a phrase)
    LIKENED: Final = 1 << 18


def _prefixed(prefixes: Iterable[str], words: Iterable[str]) -> tuple[str, ...]:
    words = tuple(words)
    return tuple(prefix + word for prefix in prefixes for word in words)


# fmt: off
# Verbs a department uses when it reports the work done: 已处理, 已经清理, 以修复 (typo).
_DONE_VERBS = (
    "处理", "处置", "修", "修复", "修好", "修理", "维修好", "抢修好", "清理", "清运", "清扫",
    "清除", "清走", "清掉", "打扫", "补", "补上", "补好", "换", "更换", "换好", "换新", "拖走",
    "拖离", "移走", "移除", "挪走", "挪开", "挪车", "解决", "恢复", "完成", "整改", "投放", "安装",
    "装好", "加装", "增设", "放置", "拆除", "拆掉", "拆了", "取缔", "劝离", "驱离", "制止", "疏通",
    "修剪", "扶正", "加固", "回填", "铺好", "固定", "撤除", "撤走", "收走", "运走", "拉走", "铲除",
    "铲掉", "关闭", "停工", "罚款", "处罚", "办结", "完工", "搞定", "弄好", "覆盖", "苫盖", "封堵",
    "复原", "归位", "撕掉", "刷掉", "清洗", "冲洗", "更新", "铺设", "填平", "补齐", "安排处理完",
    "装上", "修完", "换完", "劝导", "责令", "督促", "约谈", "查处", "没收", "暂扣", "教育",
)

ACK = (
    "在处理了", "在处理", "已在处理", "正在处理了", "已交办", "交办", "已转办", "已移交", "已派员",
    "已指派", "已反馈给", "已报告", "这就安排", "马上派人", "立即派人", "已记下", "收到", "已收到",
    "收到了", "收悉", "已知悉", "知悉", "签收", "已签收", "已安排", "安排人", "安排一下",
    "马上安排", "立即安排", "已通知", "通知了", "已转", "已转交", "已转给", "转过去了", "已转派",
    "已上报", "上报了", "已报修", "已联系", "联系了", "马上联系", "这就联系", "正在联系",
    "正在核实", "核实一下", "马上核实", "正在处理", "处理中", "马上处理", "立即处理", "尽快处理",
    "马上去", "马上到", "马上过去", "这就去", "这就过去", "现在过去", "正在赶", "在路上了",
    "已派人", "派人去", "已派", "已记录", "记下了", "明白", "了解", "知道了", "稍等", "请稍等",
    "耐心等待", "去看看", "过去看看", "去现场", "前往", "已到场", "到现场了", "跟进", "会处理",
    "会尽快", "今天处理", "明天处理", "下午处理", "去修", "来修", "安排维修", "维修中", "抢修中",
    "正在抢修", "正在维修", "我来协调", "协调处理", "马上整改", "限期整改", "就过去", "就去",
    "这就来", "马上来", "马上过来", "现在就去", "got it", "on my way", "on it", "will fix",
    "will check", "will send", "will handle", "will look", "will deal", "will be there", "noted",
    "received", "roger", "copy that", "acknowledged", "we'll", "we will", "sending someone",
    "looking into it", "checking", "on the way", "on our way", "heading there", "coming over",
    "will come",
)
ACK_SHORT = (
    "好的", "好", "好滴", "嗯", "嗯嗯", "行", "可以", "好嘞", "好咧", "没问题", "没有问题", "ok",
    "okay", "sure", "yes", "k",
)
RESOLVED = (
    *_prefixed(("已", "已经", "都已", "均已", "以", "已全部"), _DONE_VERBS),
    "处理完成", "修完了", "换完了", "装上了", "修好了", "修好啦", "修复了", "修好", "处理好了",
    "处理完了", "处理完毕", "处理了", "处理好", "清理干净", "清理完了", "清理完毕", "清完了",
    "清走了", "打扫干净", "换好了", "补上了", "补好了", "装好了", "拖走了", "挪走了", "移走了",
    "拆掉了", "拆除了", "疏通了", "劝离了", "赶走了", "搞定了", "搞定", "弄好了", "解决了",
    "问题已解决", "完成了", "完工了", "整改完毕", "整改完成", "整改到位", "恢复正常", "恢复了",
    "清运完毕", "fixed", "all fixed", "repaired", "resolved", "done", "all done", "cleaned",
    "cleaned up", "cleared", "removed", "towed", "sorted", "completed", "replaced", "unblocked",
    "collected", "been filled", "filled in", "emptied", "painted over", "taken down", "job done",
    "is clear now", "working again", "on again", "back on",
    # the work finished, in a patrol's words ("路面修补完成"); not "撤了", which the writers use
    # as much of one stall gone beside another still there ("前面那个摊撤了，后面那个还占着道")
    *_prefixed(("修补", "维修", "修复", "清理", "清运", "抢修", "更换", "安装"), ("完成", "完毕")),
)
REOPEN = (
    "没有任何变化", "一点没变", "还没修好", "还没处理好", "还没弄好", "还没好", "还是坏",
    "还是坏的", "还是不亮", "还是没修", "还是没好", "还是没有", "还是老样子", "老样子", "还是一样",
    "跟原来一样", "和原来一样", "没变化", "没有变化", "没什么变化", "没有修", "没修啊", "没修好",
    "没有修好", "没处理好", "没有处理好", "根本没", "根本没有", "并没有", "没清干净", "没有清干净",
    "没弄好", "又堆起来", "又堆满", "重新处理", "返工", "还是不行", "还不行", "依旧", "依然",
    "仍然", "照旧", "说处理了", "说修好了", "说好的", "说是处理了", "说已经处理", "哪里修好了",
    "哪修好了", "糊弄", "敷衍", "没解决", "没有解决", "未解决", "没整改", "没有整改", "整改不到位",
    "不到位", "没修完", "修了又坏", "没两天又坏", "还在那里", "还在那", "还停在", "还是停在",
    "还是堵", "还是脏", "还是臭", "还是漏", "还在漏", "还是有", "还是那样", "还是没", "还是不",
    "你们修的", "修的什么", "怎么修的", "白修", "跟没修一样", "修了跟没修", "not fixed",
    "still broken", "still not", "still there", "still not working", "broken again",
    "nothing changed", "nothing has changed", "same as before", "not resolved", "not done",
    "not cleaned", "it's back", "came back", "not repaired", "still the same",
    "nothing has been done", "nothing done",
)
REOPEN_SOFT = (
    "又坏了", "又坏", "又不亮", "又灭", "又堵", "又堆", "又来了", "又出现", "又开始", "还在",
    "还没修", "还没处理", "还没人", "没人来", "没有人来", "没见人来", "没处理", "没有处理",
    "未处理", "没好", "没变", "没效果", "没用", "again", "still", "nobody came", "no one came",
)
# "Again" in the open is a fresh report ("@路灯所 灯又坏了") unless the words speak of the fix or
# the earlier report: then a broken thing is one that was said to be fixed.
FIX_BEFORE = (
    "换了", "换的", "换过", "修了", "修过", "修的", "刚修", "补了", "补过", "补的", "补上",
    "清了", "清过", "清完", "刚清", "拖走", "挪走", "拉走", "运走", "拿走", "撤了", "拆了",
    "装了", "装好", "处理过", "处理完", "处理了", "整改过", "整改完", "你们走了", "你们一走",
    "人一走", "走了以后", "走了之后", "没两天", "没几天", "才几天", "第二天", "隔天", "白弄",
    "白修", "白搞", "照样", "上次", "上回", "之前报", "报过", "反映过", "说了", "不是说", "说清",
    "说修", "说好", "接着卖", "接着摆", "换了个地方", "after you left", "after they left",
    "you fixed", "was fixed", "were fixed", "got fixed", "fixed it", "repaired", "you said",
    "last time", "right after", "since you", "reported this", "reported it", "cleaned up",
    "towed", "removed",
    # the fix as someone told it ("说取缔了", "说是关小了"), and what came after it ("清走以后",
    # "铲了又贴满了")
    *_prefixed(
        ("说", "说是", "说已", "说已经", "说都"),
        (*_DONE_VERBS, "停", "关", "关小", "调小", "盖上", "好"),
    ),
    *_prefixed(_DONE_VERBS, ("以后", "之后", "了以后", "了之后", "完以后", "了又", "完又", "完还")),
)
CONFIRM = (
    "确认", "已确认", "看到了", "看见了", "确实", "同意结案", "可以结案", "结案", "验收", "没事了",
    "可以了", "没问题了", "没有问题了", "好多了", "confirmed", "looks good", "all good", "fine now",
    "ok now", "it's fine",
)
# "It works now": the reporter confirming, or the department announcing; the role decides.
_WORKS_AGAIN_ZH = ("好了", "正常了", "亮了", "灯亮了", "通了", "干净了", "好使了", "能用了")
WORKS_AGAIN = (
    *_WORKS_AGAIN_ZH, "已经正常",
    # the same, said brightly: 亮啦, 通咯
    *(word[:-1] + end for word in _WORKS_AGAIN_ZH for end in ("啦", "咯")),
    "works now", "working now", "works again", "working again",
)
THANKS = (
    "谢谢", "谢了", "多谢", "感谢", "辛苦了", "辛苦", "谢谢师傅", "麻烦了", "感恩", "太感谢",
    "太谢谢", "太客气", "thanks", "thank you", "thx", "ty", "cheers", "appreciate",
)
PRAISE = (
    "漂亮", "好看", "好亮", "真亮", "很亮", "挺亮", "亮多了", "亮堂", "真干净", "很干净", "挺干净",
    "干净多了", "整洁", "真好", "不错", "挺好", "很好", "太好了", "点赞", "赞", "给力", "满意",
    "方便多了", "挺方便", "很方便", "舒服", "真快", "很快", "效率", "及时", "挺早", "准时", "厉害",
    "棒", "好评", "推荐", "欢迎", "太棒", "太美", "太漂亮", "太方便", "太开心", "太干净", "太及时",
    "太快了", "太给力", "太好看", "great", "nice", "beautiful", "lovely", "awesome", "perfect",
    "excellent", "good job", "well done", "amazing", "brilliant",
)
PROBLEM = (
    "坏", "坏了", "损坏", "破损", "破了", "破", "烂了", "烂", "裂", "裂了", "裂缝", "碎了", "碎",
    "断了", "断", "折断", "不亮", "没亮", "黑了", "全黑", "黑漆漆", "黑乎乎", "太黑", "很黑", "闪",
    "闪烁", "一闪一闪", "忽明忽暗", "丢了", "丢失", "没了", "不见了", "缺", "被偷", "偷了", "松了",
    "松动", "晃", "摇晃", "翘", "歪", "倾斜", "斜了", "倒了", "倒在", "倒地", "推倒", "掉了",
    "掉下", "塌", "陷", "凹陷", "沉降", "坑", "坑洼", "窟窿", "洞", "堵", "不通", "漏", "渗水",
    "冒水", "爆", "溢", "冒", "积水", "淹", "臭", "味道很大", "味道大", "脏", "乱", "乱七八糟",
    "占", "挡", "遮挡", "吵", "噪音", "扰民", "震天响", "睡不着", "熏", "油烟", "呛", "灰尘",
    "扬尘", "漫天", "撒", "遗撒", "一地", "满地", "到处", "遍地", "一堆", "成堆", "堆", "太多",
    "太少", "不够", "没有", "没地方", "太大", "太长", "太高", "太响", "危险", "隐患", "吓人",
    "差点", "摔", "绊倒", "受伤", "伤人", "咬人", "不方便", "进不来", "出不去", "过不去", "走不了",
    "没法走", "看不见", "看不清", "用不了", "不能用", "不好使", "关不上", "打不开", "没水", "停水",
    "过期", "变质", "无证", "无照", "缺斤短两", "违章", "违规", "违建", "违停", "私搭", "私自",
    "搭了", "搭建", "加盖", "扩建", "往外扩", "私建", "加建", "铁皮房", "封出去", "小广告",
    "牛皮癣", "涂鸦", "喷了", "办证", "传单", "摆摊", "小摊", "摊贩", "游商", "叫卖", "店外经营",
    "出店经营", "摆到", "摆桌子", "没清", "没收", "没人收", "没人管", "没人修", "没人清",
    "没人处理", "没人理", "没人倒", "不管", "没盖", "没围挡", "没有净化", "直排", "刮断", "枯死",
    "杂草", "倒伏", "断枝", "撞", "压坏", "压碎", "磨没", "故障", "失灵", "不工作", "卡住",
    "流浪狗", "马蜂窝", "老鼠", "蟑螂", "苍蝇", "垂下来", "漏电", "冒烟", "着火", "起火", "还开着",
    "一直开着", "亮着", "鬼哭狼嚎", "鼓起", "鼓包", "颠", "不平", "凹凸不平", "坑坑洼洼",
    "停在盲道", "停在人行道", "停在消防通道", "挖开", "不填", "没填", "不停", "放个不停", "灭了",
    "污水", "黑水", "返臭", "得厉害", "响得", "咣当", "哐当", "哐哐", "来不及", "不敢", "砸到",
    "砸", "结冰", "往外流", "移位", "错位", "偏移", "不开门", "锁着", "锁门", "不开放", "被贴",
    "喧哗", "大声", "卖假", "假货", "是假的", "满了", "装满", "溢出", "少给", "有问题", "写满",
    "剪秃", "不变灯", "喘不过气", "全是泥", "枯", "贴满",
    # the state a thing is left in, as the development sets' writers told it
    "没人拉", "掀", "损毁", "超标", "露宿", "无序", "油污", "掰弯", "弯了", "破旧", "生锈", "锈蚀",
    "脱落", "剥落", "耷拉", "刺鼻", "噪声", "轰鸣", "飙车", "偷倒", "倾倒", "乱堆", "堆放", "圈地",
    "私拉", "飞线", "敞开", "敞着", "反味", "返味", "异味", "变形", "凸起", "熄灭", "黑灯",
    # 太 + anything is too much of it (太短, 太晚, 太久); the pleasant ones are in PRAISE (太棒).
    "太",
    # Also soft reopens: answering a ticket they send it back, in the open they report afresh.
    "又坏了", "又坏", "又不亮", "又堵", "又堆", "又灭",
    "broken", "not working", "doesn't work", "dont work", "off", "out", "missing", "cracked",
    "crack", "blocked", "blocking", "overflowing", "overflow", "leaking", "leak", "burst",
    "flooding", "flooded", "piling", "dumped", "dumping", "fallen", "fell", "loud", "noisy",
    "stinks", "smell", "smells", "illegal", "damaged", "dangerous", "hurt", "loose", "stolen",
    "hole", "pothole", "flickering", "dark", "filthy", "dirty", "graffiti", "flyers", "stuck",
    "fire lane", "hanging", "collapsed", "across", "sprayed", "expired", "dust", "leaning",
    "tilted", "bent", "knocked", "locked", "piled", "pile", "piles", "coming up", "backing up",
    "smashed", "full", "overgrown", "sewage", "unbearable", "no water", "floods",
)
PROBLEM_SOFT = (
    # "根本没法睡觉" is a complaint, not 根本没 (the fix never came)
    "根本没法", "根本没办法",
    "有人", "被人", "一直", "总是", "老是", "天天", "每天", "每晚", "好几天", "几天了", "两天了",
    "三天了", "一天了", "一周", "一个星期", "礼拜", "半夜", "凌晨", "深夜", "又", "全是", "都是",
    "好多", "很多", "烧烤", "的烟", "是烟", "烟全", "乱扔", "白天", "个月了", "天了", "周了",
    "星期了", "一整天", "整天", "一晚上", "从早到晚", "从早放到晚", "早到晚", "一天", "两天",
    "三天", "四天", "五天", "几天", "多天", "一周", "两周", "一个月", "几个月", "半个月", "一上午",
    "一下午", "没动", "盲道", "人行道", "消防通道", "someone", "somebody", "every night",
    "all night", "for days", "all week", "everywhere", "all over", "since", "days", "for a week",
    "a week", "all day", "every time", "all the time",
)
REQUEST = (
    "能不能", "能否", "可不可以", "可否", "麻烦", "怎么办", "谁管管", "有没有人管", "请处理",
    "处理一下", "管一管", "管管", "来看看", "派人", "修一下", "修修", "清一下", "清理一下",
    "帮忙处理", "帮忙看看", "希望", "建议", "增设", "增加", "加装", "装个", "装盏", "装一个",
    "放几个", "多放", "投放", "尽快", "赶紧", "报修", "投诉", "举报", "反映", "谁来", "谁管",
    "有人管吗", "管不管", "修剪", "剪一下", "请交警", "请城管", "请环卫", "请市政", "请相关部门",
    "请有关部门", "请路灯所", "please", "can you", "could you", "can someone", "please fix",
    "needs fixing", "fix it", "take a look",
)
QUESTION = (
    "吗", "?", "哪", "哪里", "哪儿", "哪个", "哪家", "几点", "什么时候", "多久", "怎么", "为什么",
    "为啥", "谁知道", "有人知道", "有没有人知道", "请问", "是不是", "有没有", "谁家", "干嘛", "啥",
    "什么", "如何", "知道吗", "anyone know", "does anyone", "who knows", "where", "when", "how",
    "what", "why",
)
NOTICE = (
    "提醒", "温馨提示", "通知", "通告", "公告", "请勿", "禁止", "严禁", "请各", "请大家", "请各位",
    "各位商户", "各商户", "请注意", "注意", "开展", "检查", "考核", "即日起", "明天", "明日",
    "下周", "本周", "周六", "周日", "周末", "今晚", "将于", "将至", "计划", "会议", "培训", "宣传",
    "已公布", "公布", "配合", "感谢大家", "封路", "预警", "清扫", "清洗", "提前", "查看", "notice",
    "reminder", "please note", "tomorrow", "next week",
)
STREET = (
    "路边", "路上", "路口", "马路", "街上", "门口", "路中间", "人行道", "小区", "楼道", "广场",
    "河边", "桥下", "电线杆", "电线", "树下", "公共", "on the road", "in the street", "sidewalk",
    "pavement", "corner",
)
SCHEDULE = (
    "明天", "明日", "下周", "本周", "今晚", "将于", "即日起", "自即日起", "提前", "计划", "下个月",
    "届时", "tomorrow", "next week", "tonight",
)
LAUGH = ("哈哈", "哈哈哈", "呵呵", "嘿嘿", "嘻嘻", "lol", "haha", "hahaha")
STORY = (
    "小时候", "小的时候", "小辰光", "从前", "当年", "那时候", "那会儿", "八十年代", "九十年代",
    "如果", "假如", "假设", "听说", "据说", "新闻说", "新闻里", "朋友说", "我就是", "说我是",
    "人生", "老话说", "俗话说", "好比", "做梦", "梦见", "mood", "when i was", "used to",
    "i heard", "my life", "life is",
    # riddles, shows, trending posts, oneself likened to a thing, a road that was clear
    "猜个谜", "谜语", "脑筋急转弯", "《", "热搜", "追剧", "追的剧", "感觉自己像", "我像", "累成狗",
    "没堵", "不堵", "没得堵", "一路绿灯",
)
# Words that contain a shorter phrase by accident: they match first and say nothing.
NEUTRAL = (
    "可以", "所以", "以后", "以前", "以为", "以上", "以下", "以内", "修路", "维修人员", "哈尔滨",
    "路灯管理所", "知道", "有人知道", "没有人知道", "好看吗", "方便面", "烟酒", "占地", "打扰",
    "好不好", "好久", "不好意思", "好像", "好几", "只好", "正好", "刚好", "最好", "感冒", "灿烂",
    "判断", "不断", "out of", "about", "without", "outside", "sprout", "checkout",
)
# fmt: on

TABLES: dict[int, tuple[str, ...]] = {
    Cue.ACK: ACK,
    Cue.ACK_SHORT: ACK_SHORT,
    Cue.RESOLVED: RESOLVED,
    Cue.REOPEN: REOPEN,
    Cue.REOPEN_SOFT: REOPEN_SOFT,
    Cue.CONFIRM: CONFIRM,
    Cue.CONFIRM | Cue.RESOLVED: WORKS_AGAIN,
    Cue.THANKS: THANKS,
    Cue.PRAISE: PRAISE,
    Cue.PROBLEM: PROBLEM,
    Cue.PROBLEM_SOFT: PROBLEM_SOFT,
    Cue.REQUEST: REQUEST,
    Cue.QUESTION: QUESTION,
    Cue.NOTICE: NOTICE,
    Cue.LAUGH: LAUGH,
    Cue.STORY: STORY,
    Cue.STREET: STREET,
    Cue.SCHEDULE: SCHEDULE,
    Cue.FIX_BEFORE: FIX_BEFORE,
    Cue.NEUTRAL: NEUTRAL,
}

# Extra phrases a deployment may pass in (Understanding(intent_phrases=...)), by intent name.
INTENT_CUES: dict[str, int] = {
    "ack": Cue.ACK,
    "resolved": Cue.RESOLVED,
    "reopen": Cue.REOPEN,
    "confirm": Cue.CONFIRM,
    "report": Cue.PROBLEM,
    "none": Cue.NEUTRAL,
}
