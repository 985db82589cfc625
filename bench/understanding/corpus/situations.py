# ruff: noqa: E501 - data tables of Chinese phrases read better one phrase group per line
"""Reports that say only where the trouble comes from and what it does, never what the thing is
called: a source ("对面烤肉的炭火") and what people suffer ("屋里全是烟味"), per category. And
memories, the other way round: the street's past told with its problem words, reporting nothing.
"""

from __future__ import annotations

import random

# fmt: off
SITUATIONS: dict[str, tuple[str, str]] = {
    # category: (sources, effects) - space separated
    "streetlight": ("那一截 天黑以后 晚上这段路 巷子里 楼下那条道 路口那片",
                    "一点光都没有 只能摸黑走 伸手不见五指 得打着手机电筒走 黑得吓人 女孩子晚上不敢走"),
    "manhole": ("路上那个圆铁盖子 地上那块铁板 人行道上的圆盖 路中间那个口子",
                "少了一半 不见了只剩个洞 车一过就哐哐响 踩上去直晃 车轮子差点卡进去 翘起来一个角"),
    "road_damage": ("人行道那几块砖 路中间 地面 门口那段路 台阶那里",
                    "一踩就溅一身泥水 坑坑包包的 塌下去一大块 裂开好大一条缝 轮椅推不过去 崴了好几个人的脚"),
    "garbage": ("谁家装修的碎砖 一堆烂菜叶子 纸壳子和泡沫 吃剩的外卖盒 旧沙发床垫 一袋袋的生活废物 "
                "拆下来的旧门窗 成堆的黄土和石子 饭店倒出来的泔水桶 卸货剩下的包装",
                "堆在路边一个礼拜没人拉 招了一堆苍蝇 臭得路过都捂鼻子 风一刮满街飞 越堆越多 "
                "把半边路都占了 流了一地黑水 夏天一晒臭得不行 没人来收走"),
    "trash_bin": ("扔东西的桶 绿色的桶 那个铁皮箱子",
                  "裂开了底都掉了 被车撞扁了 整条街找不到一个 满得塞不进去"),
    "public_toilet": ("广场那个小房子 收费的那个卫生间 公园里那间",
                      "臭得进不去 门锁着找不到人 里面全是水 蹲坑全堵了"),
    "illegal_parking": ("一辆白色轿车 那辆落满灰的车 几辆私家车 一辆大货车",
                        "横在门口客人进不来 骑在马路牙子上 三天没动了 把进出口堵死了 打挪车电话没人接"),
    "bike_parking": ("扫码骑的车 小电驴 外卖小哥的车 一排两轮车",
                     "倒了一大片 把门口堵死了 停得到处都是人都过不去 把盲道全占了"),
    "street_vending": ("卖煎饼的推车 开三轮卖西瓜的 隔壁店的货架 一排小推车",
                       "把人行道占了一半 堵在路口叫卖 搬到门外来摆了 从路口一直摆到学校门口"),
    "illegal_ads": ("卷帘门上 白墙上 电线杆上 车窗上 公交站牌上 楼道里 刚刷的围墙上",
                    "被贴满了通下水道的纸条 被人用油漆喷了电话号码 被画得乱七八糟 夹满了卡片 "
                    "全是办证刻章的电话 又被人乱写乱画 贴的纸条撕了又贴"),
    "signboard": ("门头上那块大牌子 楼顶那块大字 对面新挂的牌子",
                  "往下耷拉着随时要掉 被风吹得直晃 架子锈穿了 把我们店全挡住了"),
    "construction": ("对面楼里 隔壁那片空地 修路的大车 那边挖的大沟",
                     "半夜叮叮当当砸墙 五点就开始轰隆隆 一路掉泥巴 一开窗全是灰 晚上也不放个警示灯"),
    "water_supply": ("地砖缝里 路边那个红色的铁柱子 地下 表井里 楼前那一片 墙根底下",
                     "一直往外冒清水 水喷了一人高 天晴了路面还是湿的 拧开龙头一滴都没有 "
                     "哗哗地流了一晚上 冬天冻成了一片冰 水压小得洗不了澡"),
    "drainage": ("门口那个铁篦子 地沟 马路边的口子",
                 "下雨水就下不去 冒出来的水又黑又臭 一下雨门口就成了河 水没过脚脖子好几天不退"),
    "greenery": ("路边那棵老槐树 头顶那根枯杈子 花坛里 草地上",
                 "往马路这边斜得厉害 摇摇晃晃快掉了 花被挖走一大片 草长得比人高"),
    "traffic_facility": ("路口那个指挥灯 过马路那个灯 地上画的白线 路中间那排铁栏杆 路口的指示牌 "
                         "转弯的那个镜子 学校门口的减速坎",
                         "一直红着不变 看都看不见了 被车撞倒了一排 指错方向了 碎了看不见来车 "
                         "黄灯一直闪 倒在地上没人扶"),
    "noise": ("楼下那家店的音箱 隔壁卖手机的喇叭 广场上那帮人 夜宵店的客人 酒吧的鼓声 "
              "超市门口的促销喇叭 对面的麻将馆",
              "从早放到晚 天天晚上十二点还在放歌 一天喊几百遍 吵得孩子睡不了觉 震得玻璃都响 "
              "半夜还在划拳喝酒 开着门放得整条街都听见"),
    "cooking_fumes": ("对面烤肉的炭火 楼下那家店的排风扇 路边支的炉子 饭馆的厨房 夜市的烤串摊 "
                      "炸油条的大锅",
                      "一烧屋里全是烟味 直接对着我们窗户吹 熏得眼睛睁不开 衣服上全是味 "
                      "呛得老人直咳嗽 晾的衣服都是油烟味"),
    "illegal_construction": ("隔壁 一楼那户 楼顶上",
                             "在门口砌了堵墙把过道圈了 这两天在焊铁架子要盖房 把院子往外推了两米"),
    "market_order": ("那家买的面包 称的两斤菜 那家卖的酒 那个摊子的凉皮 那家的猪肉 买的那箱牛奶 "
                     "那个卖海鲜的 那家小饭馆 路边卖活鸡的",
                     "回家一看日期早过了 回家一称只有一斤半 喝着不对劲 孩子吃了拉肚子 发臭了还在卖 "
                     "秤做了手脚 没有营业执照 后厨脏得下不去脚 死鸡当活鸡卖"),
}
MEMORIES = (
    "小时候在这条街上{memory}，一晃{years}年了", "记得以前{memory}，现在都变了", "十几年前我们常在这{memory}",
    "那时候{memory}，多好玩啊", "我爸年轻时在这条街上{memory}", "想起以前{memory}，笑死",
)
MEMORY_ACTS = (
    "追着洒水车跑", "在路灯底下写作业", "在井盖上跳格子", "捡废品换冰棍", "看人家修马路", "在垃圾站旁边捉迷藏",
    "在树底下下象棋", "骑自行车满街跑", "帮人家推三轮车卖菜", "在工地的沙堆里玩",
)
# fmt: on


def situation(rng: random.Random, category: str) -> str:
    sources, effects = SITUATIONS[category]
    source, effect = rng.choice(sources.split()), rng.choice(effects.split())
    return rng.choice(("{s}{e}", "{s}{e}，太难受了", "{s}{e}，谁来管管", "{s}，{e}")).format(
        s=source, e=effect
    )


def memory(rng: random.Random) -> str:
    return rng.choice(MEMORIES).format(memory=rng.choice(MEMORY_ACTS), years=rng.choice("二三四五"))
