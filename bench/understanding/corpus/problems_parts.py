# ruff: noqa: E501 - data tables of Chinese phrases read better one phrase group per line
"""Problems built from parts: the thing, what is wrong with it, and what it does to people.

Whole phrases (problems_facilities, problems_order) teach the model sentences; parts combined
freely teach it words, so that a thing it knows with a defect it knows reads right in a sentence
nobody wrote. `things` are the category's objects, `defects` what goes wrong with them, `effects`
what people suffer (said without the object: a report can be only that), `en` English pairs.
"""

from __future__ import annotations

# fmt: off
PARTS: dict[str, dict[str, str]] = {
    "streetlight": {
        "things": "路灯 路灯 灯 那盏灯 路边的灯 灯杆 路灯杆 街灯 那几盏灯 这排灯 小区外面的路灯 高杆灯",
        "defects": "不亮了 坏了 一直不亮 灭了 时亮时灭 一闪一闪 亮一会灭一会 白天还亮着 歪了 被撞倒了 "
                   "晚上不开 全黑了 只亮一半 灯罩掉了 闪得厉害 好几天没亮",
        "effects": "晚上黑得看不见路 晚上走路很危险 天一黑什么都看不清 晚上出门得打手电 小孩晚上放学看不清路 "
                   "晚上黑漆漆的 夜里一片漆黑",
        "en": "street light|lamp post|the lights|the street lamp;is out|doesn't work|keeps flickering|"
              "is broken|stays on all day|is off at night",
    },
    "manhole": {
        "things": "井盖 窨井盖 下水井盖 雨水井盖 污水井盖 电力井盖 检查井盖 路上的井盖 那个井盖",
        "defects": "丢了 没了 碎了 裂了 松了 翘起来了 移位了 塌下去了 被偷了 缺了一块 晃得厉害 被压坏了 "
                   "一踩就晃 车一过就响",
        "effects": "路上有个没盖的洞 车一压就哐当响 差点有人掉下去 晚上看不见容易踩空",
        "en": "manhole cover|drain cover|the manhole;is missing|is broken|is loose|was stolen|is cracked|"
              "rattles when cars pass",
    },
    "road_damage": {
        "things": "路面 人行道 人行道砖 地砖 盲道 盲道砖 马路 台阶 路沿石 路牙子 柏油路 水泥路面",
        "defects": "坏了 塌了 裂开了 有个大坑 坑坑洼洼 翘起来了 松动了 碎了 鼓起来了 破了好几个洞 塌陷了 "
                   "断了一截 起皮了 不平",
        "effects": "走路一不小心就崴脚 电动车骑过去差点摔 老人摔了一跤 开车颠得厉害 下雨一踩一脚泥水 "
                   "推轮椅过不去",
        "en": "the pavement|the road|the sidewalk|the tactile paving|the kerb;is broken|has a big pothole|"
              "is cracked|is caving in|has loose slabs",
    },
    "garbage": {
        "things": "垃圾 生活垃圾 建筑垃圾 装修垃圾 渣土 烂菜叶 纸箱 垃圾袋 废品 大件垃圾 旧家具 碎砖头",
        "defects": "没人收 好几天没清运 堆成山了 堆在路边 扔得到处都是 倒在空地上 没人清理 堆在门口 发臭了 "
                   "被人乱倒 满地都是",
        "effects": "苍蝇蚊子满天飞 臭味熏得人头疼 路过都得捂着鼻子 老鼠到处跑",
        "en": "rubbish|garbage|trash|construction waste|junk;is piling up|hasn't been collected|"
              "was dumped here|is everywhere|stinks",
    },
    "trash_bin": {
        "things": "垃圾桶 垃圾箱 果皮箱 分类垃圾桶 垃圾桶盖子 垃圾桶轮子 废物箱",
        "defects": "坏了 被推倒了 破了 烂了 被撞坏了 太少了 没有了 被偷了 盖子没了 烧坏了 不够用 满了放不下",
        "effects": "想扔个东西都找不到地方 大家只能扔地上",
        "en": "the bin|the litter bin|the trash can;is broken|is missing|is too small|was knocked over|"
              "lid is gone",
    },
    "public_toilet": {
        "things": "公厕 公共厕所 厕所 卫生间 公厕的门 公厕水龙头 厕所冲水 公厕的灯",
        "defects": "堵了 脏得不行 臭得进不去 没水 坏了 锁着不开 没人打扫 漏水 门关不上 灯不亮 没纸",
        "effects": "想上厕所都没地方 里面臭气熏天",
        "en": "the public toilet|the toilets|the restroom;is filthy|is locked|is blocked|has no water|"
              "is broken",
    },
    "illegal_parking": {
        "things": "私家车 小轿车 面包车 大货车 SUV 出租车 一辆车 几辆车 外地车 僵尸车 黑色轿车 白色面包车",
        "defects": "停在人行道上 堵在门口 占着消防通道 停在盲道上 乱停乱放 停了好几天没动 堵住了路口 "
                   "占着车位不走 违停 横在路中间 挡住了出口",
        "effects": "救护车都进不来 推婴儿车过不去 我们没法卸货 客人进不了店",
        "en": "a car|a van|a truck|an SUV;is parked on the pavement|is blocking the fire lane|"
              "has been parked here for days|is blocking my door|is double parked",
    },
    "bike_parking": {
        "things": "共享单车 电动车 电瓶车 自行车 小黄车 摩托车 哈啰单车 外卖电动车",
        "defects": "乱停 倒了一地 堆成山 停在盲道上 停满了人行道 堵住了门口 横七竖八 乱放 把路堵死了",
        "effects": "人都走不过去",
        "en": "shared bikes|e-bikes|bicycles|scooters;are blocking the sidewalk|are dumped everywhere|"
              "are piled up at the entrance|block the door",
    },
    "street_vending": {
        "things": "小摊贩 流动摊贩 游商 水果摊 早点摊 卖菜的 烧饼摊 三轮车卖货的 饭店的桌椅 店家的货架 夜市摊位",
        "defects": "占道经营 摆到人行道上 堵在路口 摆到马路中间 在门口摆摊 占了半条路 天天出摊 把路堵了",
        "effects": "行人只能走机动车道",
        "en": "street vendors|hawkers|a fruit stall|the restaurant's tables;are blocking the pavement|"
              "take up the sidewalk|are set up in the road",
    },
    "illegal_ads": {
        "things": "小广告 牛皮癣 办证广告 开锁广告 传单 涂鸦 喷漆电话 招租广告 贷款广告",
        "defects": "贴满了墙 贴得到处都是 喷在墙上 撒了一地 贴在电线杆上 撕不掉 贴满了卷帘门 又被贴上了",
        "effects": "新刷的墙又花了",
        "en": "flyers|graffiti|illegal ads|stickers|leaflets;are all over the wall|were sprayed on the shutters|"
              "are stuck on every pole|are littering the street",
    },
    "signboard": {
        "things": "招牌 广告牌 店招 门头 灯箱 户外广告牌 楼顶的大牌子 招牌架子",
        "defects": "松动了 快掉下来了 歪了 掉了一半 被风吹坏了 字掉了 锈断了 没审批 倒在人行道上 摇摇晃晃",
        "effects": "风一吹就晃怕砸到人",
        "en": "the shop sign|the billboard|the light box|a signboard;is hanging loose|is about to fall|"
              "fell down|is damaged",
    },
    "construction": {
        "things": "工地 施工队 渣土车 搅拌车 修路的 装修队 打桩机 施工围挡 挖掘机",
        "defects": "半夜还在施工 扬尘漫天 一路撒土 没围挡 凌晨打桩 噪音太大 占道施工 挖开了不填 泥水流到路上 "
                   "围挡倒了 没盖篷布",
        "effects": "窗户都不敢开全是灰 晚上吵得睡不着",
        "en": "the construction site|the building site|the roadworks|dirt trucks;are drilling at night|"
              "make dust everywhere|spill mud on the road|have no barriers",
    },
    "water_supply": {
        "things": "水管 自来水管 供水管 消防栓 消火栓 水表井 地下水管 主水管",
        "defects": "爆了 破了 漏水 一直在冒水 被撞坏了喷水 漏了一晚上 在渗水 裂了",
        "effects": "家里没水了 水哗哗往外流 停水一天了",
        "en": "a water pipe|the water main|the fire hydrant;burst|is leaking|is spraying water|broke",
    },
    "drainage": {
        "things": "下水道 排水沟 雨水口 雨水篦子 污水井 化粪池 排水管 窨井",
        "defects": "堵了 返臭 往外冒污水 冒黑水 排不出去 溢出来了 堵死了 满了",
        "effects": "一下雨就积水 积水到膝盖 门口成了河 下完雨水好几天不退 污水漫到店里",
        "en": "the drain|the sewer|the gutter|the storm drain;is blocked|is overflowing|smells of sewage|"
              "floods when it rains",
    },
    "greenery": {
        "things": "树 大树 行道树 树枝 枯枝 绿化带 草坪 花坛 灌木 绿地 树木",
        "defects": "倒了 断了 被风刮断了 歪了快倒了 枯死了 杂草丛生 被人踩坏了 被挖了 太长了挡窗户 "
                   "压在电线上 没人修剪 被砍了",
        "effects": "大风过后路被挡住了",
        "en": "a tree|a branch|the hedge|the grass verge|the flower bed;fell down|is hanging over the path|"
              "is overgrown|was dug up|is dead",
    },
    "traffic_facility": {
        "things": "红绿灯 信号灯 交通标志牌 护栏 隔离栏 斑马线 道路标线 路名牌 减速带 反光镜 限速牌 人行横道灯",
        "defects": "坏了 不亮了 一直红灯 被撞倒了 歪了 磨没了 看不清了 断了 不变灯 倒了好几节 被撞弯了 掉了",
        "effects": "路口车都乱开 过马路太危险",
        "en": "the traffic light|the guard rail|the road sign|the zebra crossing|the street name sign;"
              "is broken|is stuck on red|was knocked down|has faded|is bent",
    },
    "noise": {
        "things": "音响 大喇叭 KTV 酒吧 广场舞 店门口的音箱 叫卖喇叭 麦克风 唱歌的",
        "defects": "太吵了 声音太大 从早放到晚 半夜还在响 震天响 循环播放 吵得不行 一直放",
        "effects": "晚上吵得睡不着 孩子没法写作业",
        "en": "loud music|the speakers|the karaoke bar|the square dancing music;is too loud|"
              "goes on all night|keeps us awake",
    },
    "cooking_fumes": {
        "things": "油烟 烧烤摊 烤串 饭店排风口 露天烧烤 炸串摊 烧烤的烟 厨房排烟",
        "defects": "太大了 直排 熏死人 呛人 飘到家里 没有净化 烟熏火燎 冒黑烟",
        "effects": "窗户都不敢开 衣服上全是烟味",
        "en": "the barbecue smoke|cooking fumes|the kitchen exhaust;blows into our windows|"
              "is everywhere|smells terrible",
    },
    "illegal_construction": {
        "things": "违建 铁皮房 彩钢房 棚子 违章建筑 加盖的房子 雨棚 围墙",
        "defects": "私自搭建 占了公共区域 往外扩建 占了人行道 加盖了一层 圈占绿地 私搭乱建",
        "effects": "过道被圈成了自家院子",
        "en": "an illegal structure|an extension|a shed;was built on the pavement|was built on the roof|"
              "takes public space",
    },
    "market_order": {
        "things": "过期食品 过期牛奶 假烟 假酒 活禽 散装食品 肉 秤 无证摊位 黑作坊",
        "defects": "在卖 没有检疫 缺斤短两 有问题 没有标签 无照经营 卫生太差",
        "effects": "买回家一称少了半斤 吃了拉肚子",
        "en": "expired food|fake cigarettes|a rigged scale|unlicensed stall;is being sold|"
              "short weight|no license",
    },
}
# fmt: on
