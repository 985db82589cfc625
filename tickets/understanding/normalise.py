"""Turn a chat message into text the matchers can read, and keep a same-length copy to quote from.

Chat text arrives in every shape: full-width digits and punctuation, traditional characters,
emoji, stickers and photos rendered as "[图片]"/"[表情]", spaces used as commas. Matching works
on `text` (NFKC, simplified characters, lower-case Latin, typos repaired); anything quoted back
to people (the location) is cut from `display` at the same positions, so it keeps the writer's
own characters. Every step after NFKC maps one character to one character to keep that promise.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Long messages are pasted notices or spam; the first part says what they are, and a bound keeps
# every later step linear in a small constant.
MAX_CHARS = 1000

# Traditional → simplified, one character to one character (enough for street reports and replies;
# a full converter would be a dependency for a minority of messages).
_TRADITIONAL = (
    "燈灯壞坏處处還还為为這这個个們们說说話话裡里裏里邊边門门號号橋桥廣广場场區区園园醫医藥药"
    "銀银學学車车輛辆轎轿電电單单鐵铁積积滿满髒脏臟脏亂乱攤摊販贩廁厕樹树斷断綠绿紅红標标誌志"
    "護护欄栏線线聲声響响煙烟燒烧違违築筑蓋盖陽阳臺台颱台階阶磚砖溝沟閃闪滅灭開开關关擋挡圍围"
    "揚扬塵尘無无證证衛卫網网務务員员請请問问題题嗎吗點点時时間间後后發发現现總总從从來来讓让"
    "應应該该會会兒儿與与於于驗验態态歡欢舊旧換换實实視视覺觉樓楼層层戶户鄰邻濕湿溼湿塊块壓压"
    "錯错動动長长較较罰罚雜杂環环淨净氣气導导異异隊队書书記记報报難难進进續续協协調调辦办館馆"
    "飯饭廳厅貨货賣卖買买錢钱價价稱称兩两週周鐘钟願愿見见謝谢確确認认聯联繫系係系維维師师經经"
    "過过復复決决給给幫帮掃扫廢废棄弃運运輸输錄录裝装購购緣缘條条幾几麼么牆墙畫画塗涂貼贴噴喷"
    "傳传頭头掛挂搖摇鬆松傾倾墜坠傷伤險险災灾風风葉叶壇坛湧涌閥阀擾扰鬧闹燻熏頂顶執执貓猫蟲虫"
    "蠅蝇寵宠餵喂龍龙圖图讚赞贊赞沒没結结衝冲準准備备樣样樂乐雙双愛爱極极體体夠够剛刚機机萬万"
    "夢梦歷历著着啟启腳脚細细輕轻緊紧級级顯显負负責责節节約约設设齊齐質质檢检權权輪轮圓圆滾滚"
    "瀝沥鋪铺灑洒勞劳幹干況况據据碼码寫写詢询訊讯誰谁識识讀读試试談谈議议變变趕赶跡迹遠远適适"
    "遲迟選选遺遗郵邮鄉乡釘钉鍋锅鏡镜鑰钥鎖锁閑闲閒闲陸陆隨随隱隐雞鸡離离雲云靜静頁页項项順顺"
    "須须預预領领頻频顏颜類类飛飞養养餅饼馬马駕驾騎骑驚惊魚鱼鳥鸟鴨鸭麥麦黃黄礙碍禮礼禍祸種种"
    "稅税穩稳窩窝竊窃競竞筆笔範范簡简糧粮糾纠紙纸紮扎終终組组絕绝統统絲丝綁绑緒绪練练縣县縫缝"
    "績绩繩绳繞绕繳缴羅罗聽听職职脫脱腦脑膠胶臉脸藍蓝蘭兰虧亏螞蚂蟻蚁術术補补製制複复規规覽览"
    "觀观觸触計计訂订託托許许訴诉診诊詞词評评詳详語语誤误課课諒谅謊谎譯译豐丰財财貴贵費费貿贸"
    "資资賠赔賺赚贈赠軟软載载輔辅轉转辭辞遞递達达醜丑釋释鋼钢鍵键鎮镇鏈链閉闭闆板闊阔際际隻只"
    "雖虽靈灵頓顿顧顾飄飘飲饮餓饿驅驱髮发鬥斗鮮鲜麵面黨党壘垒墊垫壩坝夾夹奪夺婦妇媽妈寧宁將将"
    "專专尋寻屬属島岛嶺岭幣币帶带廂厢廚厨彎弯徑径惡恶悶闷惱恼慶庆憂忧懷怀懸悬戰战搶抢攜携擊击"
    "擠挤擴扩擺摆攔拦敗败數数暫暂東东棟栋殘残殺杀殼壳減减溫温滯滞滲渗漲涨潔洁澆浇濃浓烏乌煩烦"
    "熱热營营爐炉爭争牽牵獨独獲获環环產产畢毕當当療疗癢痒盜盗盡尽監监盤盘礦矿窮穷籃篮籠笼紀纪"
    "納纳純纯紛纷綜综緩缓編编縮缩繪绘繼继纏缠義义習习聞闻腫肿膚肤臨临興兴舉举莊庄華华蘇苏蝦虾"
    "蠟蜡襲袭親亲討讨訓训訪访詐诈誇夸誠诚論论諾诺講讲謠谣謹谨豬猪貧贫貪贪賴赖賽赛趨趋踐践蹤踪"
    "軌轨軍军輝辉輩辈農农釀酿針针鉤钩銅铜銷销錦锦鍛锻閘闸閣阁闖闯陣阵陳陈陰阴雜杂霧雾頸颈額额"
    "颳刮飼饲飽饱飾饰駛驶鬍胡麗丽黴霉齡龄窪洼漥洼糞粪屍尸瀉泻濺溅漬渍淤淤嘩哗喇喇叭叭燦灿爛烂"
    "療疗碎碎損损壞坏鏽锈銹锈擱搁歲岁勁劲厲厉頹颓廠厂倉仓庫库漢汉劃划劉刘啞哑喚唤嘆叹嚇吓囉啰"
    "鬱郁氾泛湯汤滷卤潰溃潑泼灣湾痺痹瘋疯皺皱盞盏睜睁矇蒙礎础禿秃窯窑竄窜箏筝篩筛簽签糊糊紋纹"
    "終终絡络綠绿緻致罵骂翹翘聰聪膽胆艱艰葷荤藝艺虛虚蝕蚀裊袅褲裤譽誉賬账贓赃軋轧輛辆轍辙郵邮"
)
_TO_SIMPLIFIED: dict[int, str] = {
    ord(_TRADITIONAL[i]): _TRADITIONAL[i + 1]
    for i in range(0, len(_TRADITIONAL), 2)
    if _TRADITIONAL[i] != _TRADITIONAL[i + 1]
}
# Latin lower-casing through the same table: str.lower() may change the length of rare letters.
_TO_SIMPLIFIED.update({code: chr(code + 32) for code in range(ord("A"), ord("Z") + 1)})

# Typos frequent enough in street chats to repair before matching (same length in, same out).
# Voice input and pinyin keyboards write the sound: 路等坏了, 红路灯, 占到经营. Each fix keeps the
# length, so places cut from `display` stay in place; the context keeps 马路等车 as it is.
_TYPOS = {
    "拉圾": "垃圾",
    "垃极": "垃圾",
    "以经": "已经",
    "坏拉": "坏啦",
    "井改": "井盖",
    "路登": "路灯",
    "路等坏": "路灯坏",
    "路等不亮": "路灯不亮",
    "路等灭": "路灯灭",
    "红路灯": "红绿灯",
    "下水到": "下水道",
    "城官": "城管",
    "占到经营": "占道经营",
    "水管暴了": "水管爆了",
}
_TYPO_PATTERN = re.compile("|".join(map(re.escape, _TYPOS)))

# Chat clients render media and stickers as bracketed words; they are markers, not text.
_PHOTO_MARKER = re.compile(
    r"[\[【](?:图片|圖片|照片|相片|视频|視頻|photo|image|picture|img|video)[\]】]", re.IGNORECASE
)
_THUMBS_MARKER = re.compile(r"[\[【](?:强|強|赞|讚|ok|好的|胜利|OK|Ok)[\]】]")
_THANKS_MARKER = re.compile(r"[\[【](?:抱拳|感谢|谢谢|玫瑰|合十|拜托)[\]】]")
# Other emoticons ([微笑], [坏笑], [便便]) say nothing and may contain words ("坏"); headings in
# 【】 (【通知】, 【紧急】) are words, so only square brackets go.
_OTHER_MARKER = re.compile(r"\[[^\[\]\s]{1,4}\]")

# Emoji that carry an answer become words; all others are decoration and are removed.
_EMOJI_WORDS = {
    "👍": " ok ",
    "👌": " ok ",
    "✅": " ok ",
    "✔": " ok ",
    "🆗": " ok ",
    "🙏": "谢谢",
    # Laughing faces mark a joke far more often than a report: they become the word for it.
    "😂": "哈哈",
    "🤣": "哈哈",
    "😆": "哈哈",
    "😄": "哈哈",
    "😁": "哈哈",
}
_EMOJI_WORD_PATTERN = re.compile("|".join(map(re.escape, _EMOJI_WORDS)))
_EMOJI = re.compile(
    "[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\u2190-\u21ff\u2300-\u23ff\u25a0-\u25ff"
    "\ufe0e\ufe0f\u200b-\u200f\u2060\u20e3\U000e0000-\U000e007f\ud800-\udfff]+"
)
_CJK_GAP = re.compile(r"(?<=[\u3400-\u9fff])\s+|\s+(?=[\u3400-\u9fff])")
_SPACES = re.compile(r"\s+")
_GAP = "\x00"  # a space next to Chinese text, until it is a comma (display) or a space again


@dataclass(frozen=True, slots=True)
class Normalised:
    text: str  # for matching: simplified, lower-case, repaired
    display: str  # same length as text, in the writer's own characters, for matching names
    # Same length again, with the spaces that `display` holds as commas: for quoting a place
    # that runs across them ("Lucky Mart on 金水路").
    as_typed: str
    has_photo: bool = False  # a "[图片]" marker was in the text


def simplify(text: str) -> str:
    """Characters only: traditional to simplified, Latin to lower case. Used for keywords too."""
    return unicodedata.normalize("NFKC", text).translate(_TO_SIMPLIFIED)


def normalise(raw: str) -> Normalised:
    text = unicodedata.normalize("NFKC", raw[: MAX_CHARS * 2])[:MAX_CHARS]
    has_photo = False
    if "[" in text or "【" in text:
        text, photos = _PHOTO_MARKER.subn(" ", text)
        has_photo = photos > 0
        text = _THUMBS_MARKER.sub(" ok ", text)
        text = _THANKS_MARKER.sub("谢谢", text)
        text = _OTHER_MARKER.sub(" ", text)
    text = _EMOJI_WORD_PATTERN.sub(lambda match: _EMOJI_WORDS[match.group()], text)
    text = _EMOJI.sub(" ", text)
    # A space next to Chinese text is how people type a comma on a phone; keep it as one.
    gapped = _SPACES.sub(" ", _CJK_GAP.sub(_GAP, text.strip()))
    display = gapped.replace(_GAP, ",")
    start = len(display) - len(display.lstrip(" ,"))
    end = len(display.rstrip(" ,"))
    display = display[start:end]
    as_typed = gapped[start:end].replace(_GAP, " ")
    matchable = display.translate(_TO_SIMPLIFIED)
    if _TYPO_PATTERN.search(matchable):
        matchable = _TYPO_PATTERN.sub(lambda match: _TYPOS[match.group()], matchable)
    return Normalised(matchable, display, as_typed, has_photo)
