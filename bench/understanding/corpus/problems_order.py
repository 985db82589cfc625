"""What goes wrong with the street's order: rubbish, parking, trading, signs, works, noise, smoke.

The same four kinds as problems_facilities: `plain`, `described`, `mention`, `english`.
"""

from __future__ import annotations

# fmt: off
GARBAGE = {
    "plain": """垃圾两天没收了
垃圾堆了好几天，臭得不行
有人半夜在路边倒垃圾
门口的垃圾一直没人清运
装修垃圾堆在路边不拉走
建筑垃圾堆成山了
到处是垃圾，苍蝇乱飞
垃圾桶满了也没人倒
有人乱扔垃圾
烂菜叶子堆了一地
渣土倒在空地上没人管
垃圾满地都是
生活垃圾堆在楼道口
有人往河边倒建筑垃圾""",
    "described": """纸箱泡沫堆在路边一个礼拜了，没人拉
烂菜叶子烂水果堆在那里，招苍蝇
谁家装修把碎砖头水泥块全扔在路边
塑料袋烟头满地都是，风一刮到处飞
那一堆东西都发臭了，夏天受不了
收东西的车好几天没来了，堆得跟小山一样
有人半夜开三轮车来卸一车碎砖烂瓦""",
    "english": """rubbish piling up
garbage hasn't been collected for days, it stinks
someone dumped construction waste
trash everywhere after the night market""",
    "mention": """垃圾桶旁边堆满了垃圾
路灯底下有人倒了一堆装修垃圾
绿化带里扔了一堆装修垃圾
公交站后面全是垃圾，没人收
井盖上面堆了一堆垃圾""",
}

ILLEGAL_PARKING = {
    "plain": """有辆车停在人行道上好几天了
有人用地锁占了公共车位
门口车位被人私装了地锁
门口天天有人乱停车
消防通道被私家车占了
车停在盲道上了
有辆车把路口堵死了
大货车违停
车位被一辆外地车占了一个礼拜
车停在店门口一整天，挡着做生意
轿车乱停，救护车进不来
有个车占着我们的卸货位
一排车停在人行道上
面包车停了三天没动
僵尸车停了半年了，落满灰""",
    "described": """一辆白色轿车横在门口，客人进不来
有辆SUV骑在马路牙子上，推婴儿车过不去
那个黑色面包车三天没动了，挡着我们卸货
几辆私家车把进出口全堵了，打电话也没人接
门口被一辆车挡死了，打了挪车电话没人接
有辆落满灰的车趴在那好几个月了，轮胎都瘪了""",
    "english": """a car has been parked on the pavement for 3 days
someone parked across the fire lane
car parked on the double yellow lines all day
a van is blocking my shop door""",
    "mention": """消防栓前面停了一辆车，挡得死死的
公交站台上停了辆私家车
路灯杆旁边停了辆大货车好几天
盲道上停了一排汽车""",
}

BIKE_PARKING = {
    "plain": """共享单车倒了一地
电动车乱停，客人都进不来
共享单车堆成山了
电动车都停到盲道上去了
共享单车乱放，挡住了店门
自行车把人行道占了
电瓶车停得乱七八糟
共享单车横七竖八倒在路边
电动车把消防通道堵了
门口一堆小黄车
摩拜哈啰堆在门口""",
    "described": """扫码骑的那种车倒了一大片，路都走不了
小电驴停得到处都是，人都过不去
黄的蓝的绿的车子堆在门口，推都推不动
一排两轮车把门口堵了，婴儿车过不去""",
    "english": """shared bikes dumped everywhere
bicycles piled up at the subway entrance
e-bikes blocking the sidewalk""",
    "mention": """盲道上全是电动车
公交站台挤满了共享单车
垃圾桶边上全是倒着的共享单车""",
}

STREET_VENDING = {
    "plain": """有人在路口摆摊卖水果
饭店把桌子摆到人行道上了
小摊贩把路堵了
烧烤摊占道经营
水果店把摊子摆到马路上了
有游商推三轮车卖菜
早点摊占着人行道
夜市摊子摆到马路中间
店外经营，货堆到人行道上
放学的时候好多摊贩
小吃店把桌椅摆出来了
卖衣服的在人行道上摆摊""",
    "described": """早上卖煎饼的推车把人行道占了一半
有人开着三轮车在路口叫卖西瓜，车都过不去
隔壁把货架都搬到外面来了，人只能走马路
晚上一排小推车从路口一直摆到学校门口
卖菜的老人天天在门口铺块布就卖""",
    "english": """street vendor blocking the pavement
hawkers blocking the footpath again
the restaurant put tables on the sidewalk""",
    "mention": """盲道上摆满了卖菜的摊子
公交站台被卖早点的摊子占了
路灯下面有人摆摊卖烤串，挡着路""",
}

ILLEGAL_ADS = {
    "plain": """卷帘门被贴了小广告
电线杆上全是牛皮癣
墙上被人乱涂乱画
有人在路口发传单
楼道里贴满了开锁小广告
墙上被喷了办证电话
有人在车上塞传单
墙上写满了电话号码
小广告撕都撕不掉
新刷的墙又被涂鸦了""",
    "described": """墙上被人用油漆喷了一串电话号码
一早起来卷帘门上全是贴的纸条，什么通下水道的
有人挨个往车窗上夹卡片，地上一堆
白墙上被画得乱七八糟""",
    "english": """someone sprayed graffiti on the shutters
flyers stuck all over the lamp posts
people handing out leaflets and throwing them on the ground""",
    "mention": """路灯杆上贴满了小广告
垃圾桶上被人喷了办证电话
公交站牌上全是牛皮癣
井盖上被人喷了广告""",
}

SIGNBOARD = {
    "plain": """招牌掉了一半下来
招牌歪了，风一吹就晃
广告牌太大了，挡住了我们的门头
灯箱倒在人行道上了
招牌的字掉了好几个
广告牌的铁架子锈断了
门头灯箱的灯管掉了
广告牌没审批
招牌摇摇晃晃，怕掉下来砸人
店招被风吹掉了""",
    "described": """隔壁店门头上那块大牌子往下耷拉着，底下天天有人走
门头上那几个大字掉了两个，风一吹直晃
楼顶那块大牌子的架子锈穿了
对面新挂的牌子把我们店全挡住了""",
    "english": """the shop sign next door is hanging loose
a billboard is about to fall
the light box sign fell onto the pavement""",
    "mention": """路灯旁边那家店的招牌快掉了
公交站对面的广告牌被风刮歪了""",
}

CONSTRUCTION = {
    "plain": """工地晚上还在施工，太吵了
渣土车没盖篷布，灰尘漫天
施工队凌晨还在打桩
路挖开了没围挡，很危险
渣土车一路撒土
工地扬尘太大了
修路围挡倒了
挖开了一个月了也不填上
工地门口路面全是泥
施工占道，车都过不去
半夜施工，电钻声吵死了
工地的围挡倒了，砸到了车
施工的土堆在路边，一刮风全是灰""",
    "described": """对面楼里天天半夜叮叮当当砸墙
大车一路掉泥巴，马路都成黄的了
那边挖了个大沟，晚上也不放个灯
早上五点就开始轰隆隆的，一开窗全是灰
路中间挖开一个大坑围了个铁皮就没人管了""",
    "english": """construction site dust everywhere
they are drilling at 2am
the roadworks have no barriers
trucks from the building site spill mud all over the road""",
    "mention": """路灯底下挖了个大坑没人填
井盖旁边施工挖开了，晚上没有警示灯
垃圾桶都被工地的灰盖住了，渣土车天天撒土""",
}

NOISE = {
    "plain": """商户用大喇叭叫卖，一直循环播放
KTV天天半夜鬼哭狼嚎
服装店音响开得震天响
广场舞音响太吵了
隔壁理发店音响一整天不停
酒吧音乐太吵，睡不着
喇叭从早放到晚
晚上十点了还在唱歌跳舞
夜宵店客人天天半夜大声喧哗
店里放音乐声音太大了""",
    "described": """楼下那个店门口的音箱从早上九点放到晚上十点，脑袋都要炸了
天天晚上有人拿麦克风在路边唱歌
隔壁卖手机的循环放“全场清仓”，一天几百遍
半夜十二点了还在蹦迪，楼都在震""",
    "english": """loud music from the bar every night
the shop speakers are unbearable
the karaoke place is so loud we can't sleep""",
    "mention": """路灯底下跳广场舞的音响太吵了
公交站旁边那家店的喇叭一直在喊""",
}

COOKING_FUMES = {
    "plain": """烧烤摊的烟把整条街都熏了
餐馆油烟直排
楼下饭馆的油烟直接排到窗户上
路边有人烧烤，满楼道都是烟
油烟没有净化，直接往外排
烧烤店的烟飘到家里，窗户都不敢开
露天烧烤烟太大
饭店排风口油烟太大
烤串的烟呛得喘不过气""",
    "described": """一到饭点楼下那股味就顺着窗户往屋里钻，衣服都是味
晚上在马路边支炉子烤肉，烟熏火燎的
对面那家店的排风扇直接对着我们吹，一屋子辣椒味
炭火一烧整条街都是烟，眼睛都睁不开""",
    "english": """the barbecue stall smoke is everywhere
kitchen exhaust from the restaurant blows into our window""",
    "mention": """路灯底下摆了个烧烤摊，烟大得很
小区门口有人摆摊烧烤，烟呛人""",
}

ILLEGAL_CONSTRUCTION = {
    "plain": """有人在楼顶搭了个彩钢房
一楼住户在门口搭了个铁皮房
隔壁把店面往外扩建了两米
有人私搭乱建
阳台封出去占了公共区域
后院搭了个棚子做厨房
有人在绿地上私搭乱建
违章搭建的铁皮房快占到人行道了
屋顶上又加盖了一层""",
    "described": """隔壁在门口砌了一堵墙，把过道圈成自己家的了
楼顶上这两天在焊铁架子，要盖一间房
一楼把院子往外推了两米，用砖围起来了""",
    "english": """someone built an illegal structure on the roof
the neighbour is building an extension onto the pavement""",
    "mention": """路灯旁边有人搭了个铁皮棚子
垃圾桶那块地被人圈起来盖了个小房子""",
}

MARKET_ORDER = {
    "plain": """这家店卖过期食品
有人无证卖活禽
摊位缺斤短两，称有问题
小卖部卖的牛奶过期了
肉是过期的
卖活鸡也没有检疫证明
这家店卖的烟是假的
水果摊的秤有问题，少给了好多
散装食品没有标签
无照经营""",
    "described": """在那家买的面包回家一看日期早过了
称了两斤回家一称只有一斤半
卖的酒喝着不对劲，瓶子也不一样
孩子吃了那家的凉皮拉肚子，厨房脏得很""",
    "english": """shop selling expired food
the butcher is using a rigged scale""",
    "mention": """公交站旁边那家小卖部卖过期的面包""",
}

OTHER = {
    "plain": """路边有只流浪狗受伤了，谁能帮帮忙
有个马蜂窝，小孩经过很危险
路边有一只死猫，谁来处理一下
电线垂下来了，好吓人
公共座椅坏了
有个老人在路边晕倒了
电线杆倒了，挡住了路
路边的电线掉下来了，很危险
一群流浪狗在路口追人""",
    "described": """墙头上那个箱子一直在冒火花
路边躺着个喝醉的人，怕出事
这里坏了
这个坏了，谁来看看
门口这个东西坏了好几天了
那边有个东西很危险，谁管一下
这里出问题了，麻烦处理
这个谁负责？坏了好久了
这里有个情况，麻烦来看一下
这东西不知道归谁管，坏在这好几天了
路边那个铁箱子门开着，里面全是线
有个大坑被人用东西盖上了，不知道是什么
路中间掉了一块大铁板
谁家的狗天天在路口乱叫追人""",
    "english": """there's a dead dog on the road
a wasp nest on the bus shelter""",
    "mention": """路灯杆上挂着一根断电线在晃""",
}
# fmt: on

ORDER_CATEGORIES = {
    "garbage": GARBAGE,
    "illegal_parking": ILLEGAL_PARKING,
    "bike_parking": BIKE_PARKING,
    "street_vending": STREET_VENDING,
    "illegal_ads": ILLEGAL_ADS,
    "signboard": SIGNBOARD,
    "construction": CONSTRUCTION,
    "noise": NOISE,
    "cooking_fumes": COOKING_FUMES,
    "illegal_construction": ILLEGAL_CONSTRUCTION,
    "market_order": MARKET_ORDER,
    "other": OTHER,
}
