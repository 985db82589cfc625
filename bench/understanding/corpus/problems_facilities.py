"""What goes wrong with the street's fixed things, said the way people say it (one line each).

`plain` uses the category's usual words; `described` says what is wrong without them (its source,
its hour, what it does to people); `mention` names another category's object in passing while the
problem is this category's; `english` is what foreign shopkeepers and residents write.
"""

from __future__ import annotations

# fmt: off
STREETLIGHT = {
    "plain": """路灯不亮了
路灯坏了好几天了
路灯一闪一闪的
那盏路灯晚上不亮
路灯全灭了
路灯杆被车撞歪了
路灯大白天还亮着
有两盏路灯不亮
路灯忽明忽暗，晃眼睛
路灯罩掉下来了
路灯杆锈得快断了
这排路灯都坏了
路灯的电线露在外面
路灯一到半夜就灭
新装的路灯又坏了
路灯灯头歪了，照不到路
路灯时亮时不亮的
灯杆上的检修门掉了，里面电线都露着""",
    "described": """晚上这段黑得伸手不见五指
一到晚上就黑咕隆咚的，走路全靠手机照
天一黑这一截什么都看不见，老人摔了好几次
晚上下班回来路上一点光都没有
灯柱上那个灯天天晚上熄着
晚上黑灯瞎火的，女孩子都不敢走
天黑以后这边跟没通电一样
杆子上的灯一会亮一会灭
晚上出来遛狗啥也看不见
太阳都出来了那几盏灯还照着，浪费电""",
    "english": """street light is out
the lamp post is broken
street lights have been off for three nights
the light pole is leaning after a truck hit it
it's pitch dark at night, the lights don't work
streetlight keeps flickering""",
    "mention": """井盖旁边那根路灯杆倒了
垃圾桶边上的路灯不亮了
公交站牌后面那盏路灯坏了
树底下那盏路灯一直不亮，跟树没关系
停车场出口的路灯坏了""",
}

MANHOLE = {
    "plain": """井盖丢了
井盖没了，就剩个黑洞
井盖碎了一半
井盖松了，车一压就响
井盖翘起来了
井盖被偷了
窨井盖破了
雨水井盖不见了
井盖移位了，露出一条缝
污水井盖塌下去了
井盖被压坏了
下水井盖缺了一个角
电力井盖歪了
井盖一踩就晃
井盖比路面低了一截，车过去咣当一下
井盖上的铁条断了
通信井盖坏了，用木板盖着""",
    "described": """路中间有个圆洞，盖子不知道哪去了
地上那个铁盖子不见了，下面深得很
车一过就哐哐响，那个铁盖子松了
人行道上那个圆铁板裂开了，孩子差点踩进去
晚上车压过那块铁板咣当咣当响，吵得睡不着
地上的圆盖子被人撬走了，拿个纸箱挡着
地上有个口子没盖，放了个锥桶""",
    "english": """manhole cover is missing
the drain cover is cracked
manhole cover loose, clanks every time a car goes over
someone stole the manhole cover, there's an open hole
the cover on the sewer hole is broken""",
    "mention": """路灯下面的井盖丢了
垃圾桶旁边的井盖翘起来了
公厕门口的井盖碎了
红绿灯下面那个井盖松了
树坑边上的井盖没了""",
}

ROAD_DAMAGE = {
    "plain": """路面塌陷了一块
路上有个大坑
人行道砖翘起来了
盲道坏了好几块
地砖松了，一踩就溅水
马路裂了一条大缝
台阶坏了一块
路沿石被压碎了
路面坑坑洼洼的
人行道的砖碎了一地
盲道砖松动了
路面鼓起来一大块
路面破了好几个洞
人行道塌了一块
路牙子断了
盲道被挖断了一截没恢复
沥青路面都起皮了""",
    "described": """地上有个窟窿，电动车骑过去差点翻
走路一不小心就崴脚，地上坑坑包包的
下雨一踩就溅一裤腿泥水，那几块砖是活的
开车过去颠得厉害，底盘都刮了
盲人走着走着就没路了，那一截都是碎的
老人推轮椅过不去，地上高低不平
地面往下沉了一块，越来越大
一脚踩下去砖就翘起来，泥水溅一身""",
    "english": """big pothole on the road
the pavement slabs are broken
there's a crack across the road
the sidewalk is caving in
tactile paving is broken, blind people can't use it
the curb stones are smashed""",
    "mention": """井盖旁边的路面塌了一块
公交站那里的人行道砖都翘了
垃圾桶底下的地砖碎了
路灯杆旁边的路面裂了
消防栓边上的盲道坏了""",
}

TRAFFIC_FACILITY = {
    "plain": """红绿灯不亮了
红绿灯一直是黄灯闪烁
信号灯坏了，路口很乱
交通标志牌被撞倒了
护栏被撞断了
隔离栏倒了好几根
斑马线都磨没了
路名牌被撞歪了
减速带被压坏了
红绿灯时间太短，老人过不去
人行横道信号灯不变灯
标线看不清了
限速牌掉下来了
交通护栏被撞坏好几米
路名牌写错了
禁止停车的标志牌被人拔了
反光镜碎了，转角看不见来车""",
    "described": """路口那个指挥灯一直红着不变
过马路的时候灯一直是红的，大家只能闯
路中间那排铁栏杆被车撞倒了
地上画的白线都看不见了，晚上车乱开
路口的指示牌转了个方向，指错路了
拐角那个凸面镜碎了，出来看不见车
那个写着路名的牌子掉了一半""",
    "english": """the traffic light at the crossroads is stuck on red
traffic signal is not working
the guard rail was knocked down
road markings have worn away
the street name sign is bent
the speed bump is broken""",
    "mention": """路灯旁边的红绿灯坏了
公交站对面的护栏被撞了
树底下那块交通标志牌被撞弯了
井盖旁边的隔离栏倒了""",
}

WATER_SUPPLY = {
    "plain": """水管破了
自来水管爆了
消防栓漏水
消防栓被撞了，水喷得老高
地下水管漏水，路面一直湿
水管漏了一晚上
停水一天了，也没通知
水表井在冒水
消防栓一直在滴水
供水管道破裂
自来水没水了
水压太低，楼上没水
消火栓被撞断了""",
    "described": """地上一直冒清水，好像是管子破了
路面莫名其妙一直有水往外渗，天晴也是湿的
早上起来拧开龙头一滴都没有
路边那个红色的铁柱子被撞了，水喷了一人高
地砖缝里一直往外冒水，冬天都结冰了
水哗哗往外流，淌了一条街""",
    "english": """water pipe burst
hydrant leaking for two days
no water since this morning
there's clean water bubbling up from the road
the fire hydrant got hit and is spraying water""",
    "mention": """井盖旁边一直往外冒自来水
路灯杆底下的水管爆了
垃圾桶边上的消防栓漏水""",
}

DRAINAGE = {
    "plain": """下水道堵了
下水道返臭
雨后积水严重
路口积水过不去
下水道冒污水
污水漫到店门口了
一下雨就积水
雨水篦子堵死了
化粪池满了往外溢
下水道的味道太大了
排水沟堵了
积水到膝盖了
污水井往外冒黑水
雨水口被树叶堵了""",
    "described": """一下雨门口就成了河，进不了店
地上往外冒臭水，熏得头疼
下完雨两天了水还没退
马路边那个铁篦子下面全堵死了，水下不去
地沟里冒出来的水又黑又臭
雨一大整条街都淹了，车都熄火了""",
    "english": """the drain is blocked
the street floods every time it rains
sewage coming up from the drain
the road is flooded after the rain
it smells like sewage outside""",
    "mention": """垃圾桶旁边的下水道堵了
公厕外面的排水沟堵了，污水流到路上
路灯底下那片积水好几天没退""",
}

PUBLIC_TOILET = {
    "plain": """公厕堵了
公共厕所又脏又臭
公厕没水冲
厕所门坏了关不上
公厕的灯不亮
公厕没人打扫
公厕晚上不开门
公厕水龙头一直流水
公厕没有纸
公厕冲水坏了
公共厕所门锁坏了
公厕洗手池堵了
厕所的蹲坑堵了
公厕里面漏水""",
    "described": """那个收费的卫生间一直锁着，找不到人
上个方便的地方都没有，那间臭得进不去
广场那个小房子里的便池全堵了
洗手间地上全是水，老人滑倒了""",
    "english": """public toilet is filthy
the public toilet has been locked for a week
the toilets by the park are blocked
no water in the public toilet""",
    "mention": """公厕门口的灯不亮，里面也黑
公厕旁边的垃圾桶满了，厕所里也没人打扫""",
}

TRASH_BIN = {
    "plain": """垃圾桶坏了
垃圾桶被人推倒了
果皮箱被撞坏了
垃圾桶太少了，能不能多放几个
这边需要增加几个垃圾桶
一个垃圾桶都没有
分类垃圾桶盖子坏了
垃圾箱的盖子没了
垃圾桶被烧坏了
垃圾桶轮子坏了
能不能装个垃圾箱
垃圾桶被偷了
垃圾桶破了个洞，汤汤水水往外流
果皮箱都锈穿了""",
    "described": """走了一整条街找不到扔东西的地方，只能拿回家
大家没地方扔，只能往地上扔
那个绿色的桶裂了，底都掉了
扔东西的桶被车撞扁了""",
    "english": """the litter bin is broken
we need more bins here
there are no bins on this street
the bin lid is missing""",
    "mention": """路灯底下的垃圾桶被撞坏了
公交站旁边的果皮箱被人拆走了""",
}

GREENERY = {
    "plain": """树倒了，挡住了路
台风把树枝刮断了
树枝断了挂在电线上
绿化带里杂草一人高
树枝太长挡住了窗户
草坪被人踩坏了
绿化带的花被人拔了
树歪了，感觉要倒
行道树枯死了
绿地被人挖了种菜
树上的枯枝随时会掉
灌木被剪秃了
树根把地拱起来了，树也歪了
树枝都伸到二楼窗户了，能修剪一下吗""",
    "described": """大风刮过以后路中间横着一根大杈子
那棵老槐树往马路这边斜，越来越厉害
草长得比人都高，里面全是蚊子
有人把路边的小树苗都拔了
头顶那根枯杈子摇摇晃晃的，下面天天有人走
花坛里的花被挖走了一大片""",
    "english": """a tree fell across the road
a big branch is hanging over the footpath
the grass verge is overgrown with weeds
someone dug up the flower bed""",
    "mention": """树枝太长，把路灯都挡住了
绿化带的树枝挡住了红绿灯
垃圾桶旁边那棵树倒了
树枝压在公交站的棚子上，快断了
井盖边上的树根把地顶起来了，树也快倒了""",
}
# fmt: on

FACILITY_CATEGORIES = {
    "streetlight": STREETLIGHT,
    "manhole": MANHOLE,
    "road_damage": ROAD_DAMAGE,
    "traffic_facility": TRAFFIC_FACILITY,
    "water_supply": WATER_SUPPLY,
    "drainage": DRAINAGE,
    "public_toilet": PUBLIC_TOILET,
    "trash_bin": TRASH_BIN,
    "greenery": GREENERY,
}
