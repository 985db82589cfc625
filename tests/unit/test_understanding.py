"""Message understanding: intent by role and context, category by keywords, location by pattern.

The rules come first, one test each; the labelled sets come last and hold the accuracy targets
(intent ≥ 97 %, category ≥ 95 % of reports) on the dev set and on our own extra set.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest

from tickets.durations import Duration
from tickets.roles import Role
from tickets.taxonomy import Category, ClockKind
from tickets.understanding import Intent, Reading, Understanding

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_CONFIG = ROOT / "config.example.toml"
DEV_SET = Path("/work/shared/data/messages-dev.tsv")
EXTRA_SET = ROOT / "tests" / "data" / "messages-extra.tsv"

INTENT_TARGET = 0.97
CATEGORY_TARGET = 0.95
LOCATION_FLOOR = 0.90  # no published target; a floor so a regression shows


def load_categories(path: Path = EXAMPLE_CONFIG) -> tuple[Category, ...]:
    with path.open("rb") as config:
        table = tomllib.load(config)
    return tuple(
        Category(
            key=entry["key"],
            name=entry["name"],
            department=entry["department"],
            ack=Duration.parse(entry["ack"]),
            resolve=Duration.parse(entry["resolve"]),
            clock=ClockKind(entry.get("clock", "working")),
            name_en=entry.get("name_en", ""),
            gb=entry.get("gb", ""),
            keywords=tuple(entry.get("keywords", ())),
        )
        for entry in table["categories"]
    )


def category(key: str, *keywords: str) -> Category:
    return Category(
        key=key,
        name=key,
        department="street_office",
        ack=Duration.parse("1h"),
        resolve=Duration.parse("1d"),
        keywords=keywords,
    )


@pytest.fixture(scope="module")
def understanding() -> Understanding:
    return Understanding(load_categories())


def read(
    understanding: Understanding,
    text: str,
    role: Role = Role.PUBLIC,
    *,
    replying: bool = False,
    has_photo: bool = False,
) -> Reading:
    return understanding.interpret(
        text, role=role, has_photo=has_photo, replying_to_ticket=replying
    )


# --- who says it decides what it does ------------------------------------------------------


def test_a_liaisons_收到_acknowledges_and_a_shopkeepers_means_nothing(
    understanding: Understanding,
) -> None:
    assert read(understanding, "收到", Role.LIAISON).intent is Intent.ACK
    assert read(understanding, "收到", Role.PUBLIC).intent is Intent.NONE
    assert read(understanding, "ok", Role.PUBLIC).intent is Intent.NONE


def test_a_liaisons_已处理_resolves(understanding: Understanding) -> None:
    assert read(understanding, "已处理", Role.LIAISON).intent is Intent.RESOLVED
    assert read(understanding, "以处理", Role.LIAISON).intent is Intent.RESOLVED  # 以 for 已


def test_修好了_resolves_from_a_liaison_and_confirms_from_the_reporter(
    understanding: Understanding,
) -> None:
    assert read(understanding, "修好了", Role.LIAISON).intent is Intent.RESOLVED
    assert read(understanding, "修好了，谢谢", Role.PUBLIC).intent is Intent.CONFIRM


def test_the_reporter_reopens_when_it_is_still_broken(understanding: Understanding) -> None:
    assert read(understanding, "还是坏的").intent is Intent.REOPEN
    assert read(understanding, "你们说处理了，可现场还是老样子").intent is Intent.REOPEN
    assert read(understanding, "it is not fixed").intent is Intent.REOPEN


def test_a_liaison_cannot_reopen_or_confirm(understanding: Understanding) -> None:
    assert read(understanding, "还是坏的", Role.LIAISON).intent is Intent.NONE
    assert read(understanding, "确认，已经正常了", Role.LIAISON).intent is Intent.RESOLVED


def test_the_chief_may_do_what_a_liaison_or_a_reporter_does(understanding: Understanding) -> None:
    assert read(understanding, "收到，我来协调", Role.CHIEF).intent is Intent.ACK
    assert read(understanding, "已督促商户整改完毕", Role.CHIEF).intent is Intent.RESOLVED
    assert read(understanding, "没有整改到位，重新处理", Role.CHIEF).intent is Intent.REOPEN
    assert read(understanding, "现场核实已整改，同意结案", Role.CHIEF).intent is Intent.CONFIRM
    assert read(understanding, "修好了，谢谢", Role.CHIEF).intent is Intent.CONFIRM
    assert read(understanding, "胜利路8号井盖丢了", Role.CHIEF).intent is Intent.REPORT


def test_notices_from_liaisons_and_chiefs_are_not_reports(understanding: Understanding) -> None:
    notice = "提醒：明天上午道路清扫，请勿在路边停车"
    assert read(understanding, notice, Role.LIAISON).intent is Intent.NONE
    assert read(understanding, "本周六开展门前三包检查，请各商户做好准备", Role.CHIEF) == Reading(
        Intent.NONE
    )


def test_a_liaison_on_patrol_may_report_in_plain_words(understanding: Understanding) -> None:
    reading = read(understanding, "巡查发现建设路井盖丢了", Role.LIAISON)
    assert reading == Reading(Intent.REPORT, "manhole", "建设路")


def test_an_announcement_of_a_planned_outage_is_not_a_fault(understanding: Understanding) -> None:
    assert read(understanding, "明天停水，大家提前储水").intent is Intent.NONE


# --- replies: short answers count only when they answer a ticket ----------------------------


@pytest.mark.parametrize("text", ["好的", "ok", "👍", "[强]"])
def test_a_short_yes_is_an_ack_or_a_confirm_only_as_a_reply(
    understanding: Understanding, text: str
) -> None:
    assert read(understanding, text, Role.LIAISON).intent is Intent.NONE
    assert read(understanding, text, Role.PUBLIC).intent is Intent.NONE
    assert read(understanding, text, Role.LIAISON, replying=True).intent is Intent.ACK
    assert read(understanding, text, Role.PUBLIC, replying=True).intent is Intent.CONFIRM


def test_thanks_confirm_only_as_a_reply_unless_they_praise_the_fix(
    understanding: Understanding,
) -> None:
    assert read(understanding, "谢谢").intent is Intent.NONE
    assert read(understanding, "谢谢", replying=True).intent is Intent.CONFIRM
    assert read(understanding, "哈哈，谢谢").intent is Intent.NONE
    assert read(understanding, "great, thank you").intent is Intent.CONFIRM


def test_又坏了_sends_a_ticket_back_as_a_reply_and_is_a_fresh_report_in_the_open(
    understanding: Understanding,
) -> None:
    assert read(understanding, "灯又坏了", replying=True).intent is Intent.REOPEN
    assert read(understanding, "灯又坏了") == Reading(Intent.REPORT, "streetlight")


def test_a_fix_that_did_not_hold_is_a_reopen(understanding: Understanding) -> None:
    assert read(understanding, "灯亮了一天又灭了").intent is Intent.REOPEN
    assert read(understanding, "刚修好没两天又坏了").intent is Intent.REOPEN


# --- what is not a report -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "路灯换成LED的了，好亮啊",
        "路灯真漂亮",
        "今天的垃圾车来得挺早",
        "the new street lights look great",
        "店里招聘服务员，有意者私聊",
        "有人知道快递站搬到哪了吗",
        "垃圾车一般几点来收？",
        "请问停车场怎么收费",
        "各位老板晚上好",
        "我手机坏了",
        "[图片]",
        "[表情]",
        "这里[图片]",
        "",
        "   ",
    ],
)
def test_chatter_praise_ads_and_questions_are_not_reports(
    understanding: Understanding, text: str
) -> None:
    assert read(understanding, text) == Reading(Intent.NONE)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("广场上垃圾桶太少了，能不能多放几个", "trash_bin"),
        ("新王舍湿地公园商铺旁能投放几个垃圾桶吗？", "trash_bin"),
        ("树枝都伸到二楼窗户了，能修剪一下吗", "greenery"),
    ],
)
def test_a_question_that_asks_for_a_fix_is_a_report(
    understanding: Understanding, text: str, expected: str
) -> None:
    reading = read(understanding, text)
    assert (reading.intent, reading.category) == (Intent.REPORT, expected)


def test_a_photo_makes_a_report_only_with_a_problem_word(understanding: Understanding) -> None:
    assert read(understanding, "这里", has_photo=True).intent is Intent.NONE
    assert read(understanding, "这里坏了", has_photo=True) == Reading(Intent.REPORT, "other")
    assert read(understanding, "这里坏了[图片]") == Reading(Intent.REPORT, "other")


# --- categories -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("公共厕所的灯不亮", "public_toilet"),  # the longer, more specific keyword
        ("树枝太长，把路灯都挡住了", "greenery"),  # named first, described next
        ("红绿灯一直是黄灯闪烁", "traffic_facility"),
        ("井盖翘起来了，电动车骑过去差点摔倒", "manhole"),
        ("垃圾桶被人推倒了，垃圾撒一地", "trash_bin"),  # the 垃圾 in 垃圾桶 is not garbage
        ("垃圾桶旁边堆满了垃圾", "garbage"),  # a keyword used as a landmark counts little
        ("路灯下面的井盖丢了", "manhole"),
        ("停车场的路灯不亮", "streetlight"),  # 停车 inside the place does not decide
    ],
)
def test_the_category_is_the_thing_that_is_broken(
    understanding: Understanding, text: str, expected: str
) -> None:
    assert read(understanding, text).category == expected


def test_a_stall_with_fumes_offers_both_departments(understanding: Understanding) -> None:
    # Two problems in one: the stall (enforcement, street vending) and its smoke (cooking fumes).
    reading = read(understanding, "学校附近有小摊卖炸串，油烟还大")
    assert reading.category in {"street_vending", "cooking_fumes"}
    assert {"street_vending", "cooking_fumes"} <= set(reading.alternatives[:2])


def test_plus_keywords_need_every_part_and_the_longest_match_wins() -> None:
    understanding = Understanding(
        [category("lights", "灯+不亮", "lamp"), category("loos", "厕所"), category("other")]
    )
    assert read(understanding, "楼道的灯一直不亮").category == "lights"
    assert read(understanding, "楼道的灯一直闪坏了").category == "other"  # 不亮 is missing
    assert read(understanding, "厕所的灯不亮").category == "loos"  # 厕所 first and as long


def test_latin_keywords_are_whole_words_in_any_case() -> None:
    understanding = Understanding(
        [category("bins", "bin"), category("cars", "SUV"), category("other")]
    )
    assert read(understanding, "the BINS are broken").category == "bins"
    assert read(understanding, "the cabinet on the road is broken").category == "other"
    assert read(understanding, "一辆suv停在人行道上好几天了").category == "cars"


def test_a_report_that_matches_no_category_gets_the_fallback() -> None:
    understanding = Understanding([category("lights", "路灯")], fallback_category="misc")
    reading = read(understanding, "胜利路8号门口有个东西坏了，麻烦处理一下")
    assert reading == Reading(Intent.REPORT, "misc", "胜利路8号")


def test_the_fallback_categorys_own_keywords_count_only_alone(understanding: Understanding) -> None:
    assert read(understanding, "#报修 垃圾没清").category == "garbage"
    assert read(understanding, "路边有只流浪狗受伤了，谁能帮帮忙").category == "other"


# --- locations ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("胜利路8号门口路灯不亮", "胜利路8号"),
        ("平涉路35号门口的路灯晚上不亮了", "平涉路35号"),
        ("胜利路与建设路口井盖丢了", "胜利路与建设路口"),
        ("南纬路口路灯坏了", "南纬路口"),
        ("银行门口的地砖松了", "银行门口"),
        ("建设路上有个坑", "建设路"),
        ("广场上垃圾桶太少了", "广场"),
        # the project's development set ends this place at 菜市场; 103 of 110 other writers keep
        # a toilet written right after its place (site_parts.py)
        ("菜市场公厕堵了", "菜市场公厕"),
        ("学校附近有小摊", "学校附近"),
        ("幸福桥上的灯忽明忽暗", "幸福桥"),
        ("毛毛烟酒门口一辆白色轿车停了两天了", "毛毛烟酒门口"),
        ("新王舍湿地公园商铺旁能投放几个垃圾桶吗？", "新王舍湿地公园商铺旁"),
        ("解放路公交站的果皮箱被撞坏了", "解放路公交站"),
        ("滨河大道东侧护栏被撞坏了", "滨河大道东侧"),
        ("地铁站B口盲道坏了", "地铁站B口"),
        ("中山路的路燈壞了", "中山路"),  # quoted as written, matched as simplified
        ("和平街１２号门前消防栓漏水", "和平街12号"),  # full-width digits
    ],
)
def test_the_location_is_what_a_person_would_copy(
    understanding: Understanding, text: str, expected: str
) -> None:
    assert read(understanding, text).location == expected


@pytest.mark.parametrize(
    "text",
    [
        "路口有卖水果的三轮车占道",
        "门口卷帘门被贴了一堆小广告",
        "隔壁招牌掉了一半下来",
        "楼下饭店的排风机声音太大",
        "路边有人倒垃圾",
        "雨后路口积水严重",
        "一辆黑色SUV停在人行道上好几天了",
        "桥墩上被人喷了办证电话",
        "广场舞音响太吵了",
        "street lamp not working",
    ],
)
def test_bare_place_words_are_not_a_location(understanding: Understanding, text: str) -> None:
    reading = read(understanding, text)
    assert reading.intent is Intent.REPORT
    assert reading.location is None


def test_only_a_report_carries_a_category_and_a_location(understanding: Understanding) -> None:
    assert read(understanding, "胜利路8号路灯修好了，谢谢") == Reading(Intent.CONFIRM)


# --- text in every shape --------------------------------------------------------------------


def test_traditional_characters_read_like_simplified(understanding: Understanding) -> None:
    assert read(understanding, "路燈壞了三天了") == Reading(Intent.REPORT, "streetlight")
    assert read(understanding, "井蓋已更換", Role.LIAISON).intent is Intent.RESOLVED
    assert read(understanding, "謝謝，已經修好了").intent is Intent.CONFIRM


def test_emoji_and_stickers_are_markers_not_words(understanding: Understanding) -> None:
    assert read(understanding, "路灯又不亮了😡") == Reading(Intent.REPORT, "streetlight")
    assert read(understanding, "收到👍", Role.LIAISON).intent is Intent.ACK
    assert read(understanding, "已清理干净[图片]", Role.LIAISON).intent is Intent.RESOLVED
    assert read(understanding, "[坏笑][坏笑]", has_photo=True) == Reading(Intent.NONE)  # not 坏
    assert read(understanding, "【通知】明天上午停水", Role.LIAISON) == Reading(Intent.NONE)


def test_spaces_and_full_width_punctuation_do_not_matter(understanding: Understanding) -> None:
    assert read(understanding, "井盖 丢了 ！！") == Reading(Intent.REPORT, "manhole")
    assert read(understanding, "ＯＫ", Role.LIAISON, replying=True).intent is Intent.ACK


# --- configuration --------------------------------------------------------------------------


def test_extra_intent_phrases_extend_the_built_in_tables() -> None:
    categories = load_categories()
    plain = Understanding(categories)
    # an office's own code words, which no corpus has (the model knows Cantonese 搞掂 by now)
    extended = Understanding(categories, intent_phrases={"ack": ["阅"], "resolved": ["嘀嗒嘀嗒"]})
    assert read(plain, "阅", Role.LIAISON).intent is not Intent.ACK
    assert read(plain, "嘀嗒嘀嗒", Role.LIAISON).intent is not Intent.RESOLVED
    assert read(extended, "阅", Role.LIAISON).intent is Intent.ACK
    assert read(extended, "嘀嗒嘀嗒", Role.LIAISON).intent is Intent.RESOLVED


def test_an_unknown_intent_in_extra_phrases_is_a_configuration_error() -> None:
    with pytest.raises(ValueError, match="unknown intent 'escalate'"):
        Understanding(load_categories(), intent_phrases={"escalate": ["升级"]})


@pytest.mark.parametrize(
    "text", ["\x00\x01\x02", "\ud800", "\u200b\u200b", "🀄" * 50, "[[[图片]]]", "@@@"]
)
def test_noise_is_read_as_nothing(understanding: Understanding, text: str) -> None:
    assert understanding.read(text, role=Role.PUBLIC) == Reading(Intent.NONE)


@pytest.mark.parametrize(
    ("odd", "plain"),
    [
        ("\u202e胜利路8号门口路灯不亮\u202c", "胜利路8号门口路灯不亮"),  # right-to-left marks
        ("胜利路8号门口路灯\u200b不亮", "胜利路8号门口路灯不亮"),  # a zero-width space
        ("\ud800胜利路8号门口路灯不亮", "胜利路8号门口路灯不亮"),  # half of an emoji, cut off
    ],
)
def test_invisible_or_broken_characters_do_not_change_a_report(
    understanding: Understanding, odd: str, plain: str
) -> None:
    expected = Reading(Intent.REPORT, "streetlight", "胜利路8号")
    assert understanding.read(plain, role=Role.PUBLIC) == expected
    assert understanding.read(odd, role=Role.PUBLIC) == expected


def test_not_text_at_all_reads_as_nothing(understanding: Understanding) -> None:
    assert understanding.read(None) == Reading(Intent.NONE)  # type: ignore[arg-type]


# --- the labelled sets ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Row:
    line: int
    role: Role
    intent: Intent
    category: str | None
    location: str | None
    text: str


def load_rows(path: Path) -> list[Row]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        role, intent, category_key, location, text = line.split("\t")
        rows.append(
            Row(
                number,
                Role(role),
                Intent(intent),
                None if category_key == r"\N" else category_key,
                None if location == r"\N" else location,
                text,
            )
        )
    return rows


@dataclass(frozen=True, slots=True)
class Accuracy:
    intent: float
    category: float  # over the rows labelled report
    location: float  # exact match, over the rows labelled report
    misread: tuple[str, ...]


def measure(understanding: Understanding, rows: list[Row]) -> Accuracy:
    intents = categories = locations = 0
    reports = [row for row in rows if row.intent is Intent.REPORT]
    misread = []
    for row in rows:
        reading = understanding.read(row.text, role=row.role)
        intents += reading.intent is row.intent
        if row.intent is Intent.REPORT:
            categories += reading.category == row.category
            locations += reading.location == row.location
        if reading != Reading(row.intent, row.category, row.location):
            misread.append(f"line {row.line}: {row.text!r} read as {reading}")
    return Accuracy(
        intents / len(rows),
        categories / max(len(reports), 1),
        locations / max(len(reports), 1),
        tuple(misread),
    )


@pytest.mark.parametrize(
    "path",
    [
        pytest.param(DEV_SET, id="dev"),
        pytest.param(EXTRA_SET, id="extra"),
    ],
)
def test_accuracy_on_the_labelled_sets_meets_the_targets(
    understanding: Understanding, path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if not path.exists():
        pytest.skip(f"{path} is not here")
    rows = load_rows(path)
    assert len(rows) >= 90
    accuracy = measure(understanding, rows)
    with capsys.disabled():
        print(
            f"\n{path.name}: {len(rows)} messages, intent {accuracy.intent:.1%} "
            f"(target {INTENT_TARGET:.0%}), category {accuracy.category:.1%} "
            f"(target {CATEGORY_TARGET:.0%}), location {accuracy.location:.1%}"
        )
        for line in accuracy.misread:
            print("  " + line)
    assert accuracy.intent >= INTENT_TARGET
    assert accuracy.category >= CATEGORY_TARGET
    assert accuracy.location >= LOCATION_FLOOR


def test_the_extra_set_covers_every_category_and_intent() -> None:
    rows = load_rows(EXTRA_SET)
    assert len(rows) >= 120
    assert {row.intent for row in rows} == set(Intent)
    configured = {entry.key for entry in load_categories()}
    assert {row.category for row in rows if row.category} == configured
