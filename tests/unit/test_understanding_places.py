"""Places by their shape: what a person would copy into the ticket, however the place is named.
Names here are invented, so only the shape can find them."""

from __future__ import annotations

import pytest

from tests.unit.test_understanding import load_categories
from tickets.understanding import Intent, Understanding


@pytest.fixture(scope="module")
def understanding() -> Understanding:
    return Understanding(load_categories())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("桂香路17号门口井盖没了", "桂香路17号"),  # road and number: 门口 is the same place
        ("荷塘街与双桥路交叉口红绿灯不亮", "荷塘街与双桥路交叉口"),  # a crossing
        ("老陈牛肉面馆门口天天有车乱停", "老陈牛肉面馆门口"),  # a shop and its door
        ("明珠小区5号楼2单元门口垃圾没人收", "明珠小区5号楼2单元门口"),  # block and unit
        ("银座商场3楼的厕所堵了", "银座商场3楼"),  # a floor
        ("百花公园南门路灯坏了", "百花公园南门"),  # a gate
        ("映月桥下面堆了好多垃圾", "映月桥下面"),  # under a bridge
        ("映月桥上的护栏被撞歪了", "映月桥"),  # on the bridge is the bridge
        ("东关路地下通道积水很深", "东关路地下通道"),  # an underpass
        ("凤栖路靠近实验中学那段路灯全不亮", "凤栖路靠近实验中学那段"),  # a stretch
        ("双溪路金百合超市门口的垃圾桶坏了", "双溪路金百合超市门口"),  # a road, a shop on it
        ("垃圾两天没人收了，位置在凤栖路28号", "凤栖路28号"),  # the place pointed at
        ("38号门口的路灯坏了", "38号"),  # a house number alone, in the road's own group
        ("老孙家门口的井盖丢了", "老孙家门口"),  # someone's door, by name
        ("汽车站地道积水很深，过不去", "汽车站地道"),  # 地道 after a place is an underpass
        ("荷塘街与双桥路交叉口东北角的护栏倒了", "荷塘街与双桥路交叉口东北角"),  # a corner of it
        ("桂香路17号至25号好几家店把货摆到人行道上", "桂香路17号至25号"),  # a run of numbers
        ("明珠小区6号楼2单元楼道贴满了开锁广告", "明珠小区6号楼2单元楼道"),  # part of a block
        ("映月桥桥墩被人喷了办证电话", "映月桥桥墩"),  # part of a bridge, not a bridge 映月桥桥
        ("凤栖路从邮局到十字路口那段路灯全不亮", "凤栖路从邮局到十字路口那段"),  # from… to…
        ("长途站到水产市场那一段坑坑洼洼", "长途站到水产市场那一段"),  # a stretch between places
        ("老陈牛肉面馆隔壁的服装店大喇叭吵死人", "老陈牛肉面馆隔壁"),  # next door to a shop
        ("百花公园南门外沥青鼓了个大包", "百花公园南门外"),  # outside a gate
        ("明珠小区北边工地半夜还在打桩", "明珠小区北边工地"),  # a site beside a place
        ("放学时间育英小学门口家长车停两排", "育英小学门口"),  # the hour before is not the place
        ("地铁金桂广场站出口有人塞小卡片", "地铁金桂广场站出口"),  # a metro exit without a line
        ("凤栖路一家药店在卖过期药", "凤栖路"),  # "a shop on the road" names the road
        # an estate by its kind, and the fire lane of its block
        ("水岸嘉园3栋楼下消防通道被货车占了", "水岸嘉园3栋楼下消防通道"),
        ("纺织厂宿舍2号楼下的井盖裂了", "纺织厂宿舍2号楼下"),  # a works' housing is an estate
        ("5号楼下水道堵了", "5号楼"),  # below the block, or its drain: 下水道 is the drain
        ("车辆无法通行，铁路桥涵洞积水很深", "铁路桥涵洞"),  # 无法通行 is no shop
        ("桂香路站C口共享单车堆成山了", "桂香路站C口"),  # a metro station by its road and exit
        ("双桥路早市有人缺斤少两", "双桥路早市"),  # a market by its hour
        ("明珠小区8栋顶楼有人搭棚子", "明珠小区8栋顶楼"),  # the top floor is part of the block
        # a name in Latin letters is the place's own name
        ("停在Golden Plaza北门的车挡住出口了", "Golden Plaza北门"),
        ("Lianhe超市对面消防栓漏水", "Lianhe超市对面"),
        ("巡查发现Taohua Lu 12号门口井盖松动", "Taohua Lu 12号"),
        # English words around a Chinese place, spaces kept as typed
        ("Lucky Mart on 金水路 sells cigarettes with no license", "Lucky Mart on 金水路"),
        ("Mr. Chuan烧烤店 on 玉泉路 smoke everywhere every night", "Mr. Chuan烧烤店 on 玉泉路"),
        ("Fuxing Rd 菜市场 缺斤短两, every stall!", "Fuxing Rd 菜市场"),
        (
            "下水道 smell so bad on 青松路 near Lucky Coffee, 污水都冒出来了",
            "青松路 near Lucky Coffee",
        ),
        ("people 发传单 at 桃园站 Exit A and the flyers end up everywhere", "桃园站 Exit A"),
        (
            "滨河路 between 1号桥 and 2号桥 the 盲道 is broken everywhere",
            "滨河路 between 1号桥 and 2号桥",
        ),
        ("新苑路Pizza Hut的招牌掉了一半", "新苑路Pizza Hut"),
        # a road before a side word, and a gate after the place, in English around Chinese
        ("bins overflowing on Songshan Rd near 市三中, smells awful", "Songshan Rd near 市三中"),
        ("cars blocking the path at 市一中 north gate every morning", "市一中 north gate"),
        # the part of a site where the problem is, even the thing it is about
        ("育英小学门口人行道上全是电动车", "育英小学门口人行道"),
        ("明珠小区6栋电梯里贴满了小卡片", "明珠小区6栋电梯"),
        ("百花公园公厕没水冲", "百花公园公厕"),  # the toilet is in the park
        ("体育馆东侧公厕没有纸", "体育馆东侧公厕"),
        ("世纪广场草坪被踩秃了", "世纪广场草坪"),
        ("新华街菜场门口台阶缺了一角", "新华街菜场门口"),  # steps are left out more often
        ("地铁站B口人行道上全是共享单车", "地铁站B口人行道"),  # the pavement where bikes are
        ("湖滨路公厕洗手池堵了", "湖滨路公厕"),  # a road's toilet, unlike its pavement
        ("光明大道路口红绿灯一直黄闪", "光明大道路口"),  # 道路 is no road, but here
        ("纬三路护栏倒了一片", "纬三路"),
        ("经一路护栏倒了一片", "经一路"),  # 一路 is "all the way", but not here
        ("御景湾消防通道被私家车堵死了", "御景湾消防通道"),  # an estate by 湾
        ("地铁3号线出口共享单车堆成山", "地铁3号线出口"),
        ("东门外面那一片垃圾没人清", "东门外面"),  # a gate by its side
        ("门口卷帘门被贴了一堆小广告", None),  # a bare 门口 says not which
        # outside it, in front of it, its bridgehead, a crossing's 交口: as writers keep them
        ("客运码头候船厅外的垃圾没人清理", "客运码头候船厅外"),
        ("新华书店前那几块石板一踩就翘起来", "新华书店前"),
        ("锦江大桥桥头有人摆摊卖西瓜", "锦江大桥桥头"),
        ("纬五路桥头的路灯不亮", "纬五路桥头"),
        ("兴业路与长乐街交口施工围挡占了一条车道", "兴业路与长乐街交口"),
        ("工人新村5号楼楼道口堆满了杂物", "工人新村5号楼楼道口"),
        ("外卖车天天停在人行道上", None),  # 外卖 is a delivery, not "outside"
        # which shop, whose home, the office asked, the residents: none is a place
        ("楼下那家卤菜店的熟食敞着摆，苍蝇落了一层", None),
        ("俺家门口那下水道又反味儿了", None),
        ("巡查发现一处电线杆倾斜，请网格中心协调产权单位", None),
        ("接到多名居民反映，夜市音响太大", "夜市"),
        ("街心花园的草皮被挖走了一大块", "街心花园"),
        ("3单元楼道又贴了一排开锁广告", "3单元楼道"),  # a unit in an estate's group
        ("金色年华KTV天天唱到凌晨两点", "金色年华KTV"),
        ("金龙酒家门口的招牌歪了", "金龙酒家门口"),
        ("公交车站那截路面鼓起一个大包", "公交车站那截"),
        # a grid worker's report and a check's finding name no place
        ("网格员上报花园路有商户货物堆放至人行道", "花园路"),
        ("经排查文昌路在建项目裸土未覆盖", "文昌路"),
        ("巡查：嵩山路沿街商铺使用大功率音响", "嵩山路"),  # along the street, not its kerb
        # a road's pavement where the problem is, is where on the road (kept 20 times to 11);
        # 马路 after a road is the road itself
        ("桂香路人行道上全是电动车", "桂香路人行道"),
        ("松花路马路中间往外冒水", "松花路"),
        # a shop named by the place that finds it, after a side
        ("柳岸小区门口的水果店天天缺斤少两", "柳岸小区门口的水果店"),
        ("三中对面的烤鱼店油烟直往教室飘", "三中对面的烤鱼店"),
        # "that shop" (那家) the writers left out more often than they kept it
        ("三中对面那家烤鱼店油烟直往教室飘", "三中对面"),
        ("汽车站旁边小卖部卖过期饮料", "汽车站旁边小卖部"),
        ("图书馆东侧的自行车停得乱七八糟", "图书馆东侧"),  # a bicycle is no shop
        # a kind of business that is also a word of complaint still ends a shop's name
        ("金满楼烧烤的排烟管正对着居民楼", "金满楼烧烤"),
        ("李记烧烤外面天天烟大得呛人", "李记烧烤外面"),
        ("露天烧烤的烟把晾的衣服都熏黑了", None),  # grilling in the open, no shop
        # under, behind and outside a place, and the hand one turns to after its gate
        ("青枫桥桥墩底下有人搭了个窝棚", "青枫桥桥墩底下"),
        ("老粮站后头的垃圾堆了好几天没人拉", "老粮站后头"),
        ("实验二小后门外头路面塌了一块", "实验二小后门外头"),
        ("锦屏公园西门进去右手边那盏路灯不亮", "锦屏公园西门进去右手边"),
        ("南站出站口左手边的垃圾桶倒了", "南站出站口左手边"),
        # beside or behind a site's toilet is by the toilet
        ("湖滨路公厕旁边那个烧烤摊烟太大", "湖滨路公厕旁边"),
        ("河西街公厕门口的井盖碎了", "河西街公厕门口"),
        # between two blocks
        ("丽景苑3号楼和4号楼中间的地上一直冒水", "丽景苑3号楼和4号楼中间"),
        # lanes named …里, but not "inside" a place or a thing
        ("槐荫里公厕没水冲了", "槐荫里公厕"),
        ("槐荫里6号门口堆了一堆旧家具", "槐荫里6号"),
        ("槐荫里的垃圾桶满了没人倒", "槐荫里"),
        ("公厕里的灯坏了，晚上黑乎乎的", None),
        ("地砖缝里一直往外渗水", None),
        # 前进路: a road, though 进 ends other names
        ("前进路下穿隧道积水半米深", "前进路下穿隧道"),
        ("云谷软件园2号门早餐车占了半条路", "云谷软件园2号门"),  # a named 园
        # a thing on the street and its side, right after a place, say where on it
        ("柏林路红绿灯底下一堆卖水果的三轮车", "柏林路红绿灯底下"),
        ("西坝路消防栓旁边的人行道砖塌了一块", "西坝路消防栓旁边"),
        ("青苗路公交站牌后面有人搭了个铁皮屋", "青苗路公交站牌后面"),
        ("槐安路梧桐树底下一直在冒水", "槐安路梧桐树底下"),
        # a T-junction, a run of numbers and what is between, a village's group, a bus route
        ("白鹭街与松林路丁字路口井盖下沉了", "白鹭街与松林路丁字路口"),
        ("松林路40号至52号之间人行道塌了一块", "松林路40号至52号之间"),
        ("杨柳湾村三组自来水管冻裂了", "杨柳湾村三组"),
        ("15路公交总站门口的井盖没了", "15路公交总站门口"),
        ("汉江口路公交站旁边井盖翘起来了", "汉江口路公交站旁边"),  # 口 in a road's name
        ("城西保健院门诊部后面晚上还在施工", "城西保健院门诊部后面"),
        ("南湖宿舍大院化粪池满了往外溢", "南湖宿舍大院"),
        ("汽车站过街天桥楼梯贴满了办证小广告", "汽车站过街天桥楼梯"),
        # shops: names of good luck (来, 又), tea houses and barbers, owners and what they sell
        ("好运来饭店门口的井盖响了", "好运来饭店门口"),
        ("喜又多超市的促销喇叭一天喊到晚", "喜又多超市"),
        ("金凤茶楼的招牌掉了一半", "金凤茶楼"),
        ("时光印象理发店的灯箱砸下来了", "时光印象理发店"),
        ("王记牛肉面把桌子摆到人行道上了", "王记牛肉面"),
        ("老孙烤串的烟全往楼上飘", "老孙烤串"),
        ("周姐麻辣烫后厨的污水直接倒进雨水井", "周姐麻辣烫"),
        # numbered 马路 are roads (南三马路); 马路 alone is not a place
        ("南三马路一下雨就积水", "南三马路"),
        ("马路中间有个大坑", None),
        # the bus stop's sign where ads are stuck is where at the stop
        ("红旗路公交站牌上贴满了小广告", "红旗路公交站牌"),
        # a stretch or a patch after a side, but not the row of lamps that is broken
        ("实验中学北门到加油站那段全是卖菜的", "实验中学北门到加油站那段"),
        ("体育馆门口那段路坑坑洼洼", "体育馆门口那段路"),
        ("花园小区东门那片全是乱停的单车", "花园小区东门那片"),
        ("医院旁边那块空地被人圈起来了", "医院旁边那块空地"),
        ("菜场对面那排路灯一个都不亮", "菜场对面"),
        # behind a place, its back lane, its refuse point; a bridge's end and side
        ("菜场后墙上被人喷了一排电话号码", "菜场后墙"),
        ("粮站后巷垃圾堆了好几天", "粮站后巷"),
        ("槐树巷垃圾点的袋子被野狗扒开了", "槐树巷垃圾点"),
        ("永宁桥头的路名牌倒了", "永宁桥头"),
        ("清江路中间隔离带的灌木长到车道上了", "清江路中间隔离带"),  # the median, as 绿化带
        ("永宁桥边的护栏断了一截", "永宁桥边"),
        # a school by its number, after a road too; but not "an hour" (一小时)
        ("松江路四中门口的摊子把路堵了", "松江路四中门口"),
        # a 坊 by its name (永宁坊), not a workshop (小作坊); a public refuse point, a market aisle
        ("永宁坊那个垃圾桶被人砸烂了", "永宁坊"),
        ("街上新开的小作坊卖凉皮没有执照", None),
        ("桂花巷公共垃圾点臭得不行三天没人清", "桂花巷公共垃圾点"),
        ("东城批发市场C区过道下水道冒黑水", "东城批发市场C区过道"),
        # "that shop" in dialect is which one, not where (嘞家, 搿家, 嗰间)
        ("玉林路嘞家火锅店嘞招牌遭风吹歪了", "玉林路"),
        ("陕西南路搿家服装店门口大音箱从早放到夜", "陕西南路"),
        # a road's bike lane and service road where the problem is; a lane's mouth; a refuse room
        ("枫林路非机动车道上停了一排轿车", "枫林路非机动车道"),
        ("北环路辅路有个井盖松了", "北环路辅路"),
        ("二环路快车道上有块铁板翘起来了", "二环路快车道"),
        # 路过 is passing by, but not in a road's crossing (过街天桥, 过街地下通道)
        ("解放路过街天桥的灯不亮了", "解放路过街天桥"),
        ("东站路过街地下通道积水没过脚踝", "东站路过街地下通道"),
        ("下班路过幸福路看到井盖没了", "幸福路"),
        # an area of a place by what it is for; a new district; a metro line's stop; a lane's block
        ("青果市场二楼水产区有家把死鱼当活鱼卖", "青果市场二楼水产区"),
        ("实验小学北门接送区天天有车停一整天", "实验小学北门接送区"),
        ("河西新区新修的路没有标线", "河西新区"),
        ("3号线地铁口那个卖煎饼的把炉子推到出口中间", "3号线地铁口"),
        ("槐荫里6号楼2单元门口堆满了电动车", "槐荫里6号楼2单元门口"),
        # a walkway after a name is a place (清水河步道); on a walkway alone, none
        ("青溪河步道的地砖翘起来了", "青溪河步道"),
        ("步道上全是骑过来扔下的单车", None),
        # a shop by its kind with a side, right after a road, is a landmark on it
        ("光明路药店门口的招牌掉下来一角", "光明路药店门口"),
        ("建设路农行门口那个井盖碎了", "建设路农行门口"),
        ("建设路一家超市门口用喇叭叫卖", "建设路"),
        # a thing of the street and its side, right after a place
        ("中心广场喷泉旁边的地砖一直冒水", "中心广场喷泉旁边"),
        ("复兴中路弄堂口垃圾堆了两天没人收", "复兴中路弄堂口"),
        ("胜利路垃圾房外面扔满了袋子", "胜利路垃圾房外面"),
        ("东湖村拆迁工地风一刮灰全飘到菜场", "东湖村拆迁工地"),
        ("等了一小时，那车还堵在锦江小区门口", "锦江小区门口"),
        # the writer's own place without a name says which to the writer only
        ("我们小区门口的垃圾桶满了好几天没人倒", None),
        ("我们这栋楼后面的路灯坏了一个礼拜了", None),
        ("我们桂花苑东门的路灯坏了一个礼拜了", "桂花苑东门"),
        # a gate's or a station's mouth; beside a place that is not a road; the road behind it
        ("星光小区3号门口地砖碎了一片", "星光小区3号门口"),
        ("人民公园绿化带边有人烧落叶，烟好大", "人民公园绿化带边"),
        ("体育馆后面那条路的路面全是裂缝", "体育馆后面那条路"),
        # the floor after a house number; a bike-parking spot after a road
        ("长宁路35号三楼那块招牌松了，风一吹就响", "长宁路35号三楼"),
        ("青年路共享单车停放点旁边的井盖碎了", "青年路共享单车停放点旁边"),
        # 马路边 after a road is the road (its side is said by the road's name)
        ("青松巷马路边全是摆摊的，收摊后一地垃圾", "青松巷"),
        # a river's bank along a road; a toilet by its old or mistyped name
        ("临江路河堤上有人搭了个棚子卖鱼", "临江路河堤"),
        ("汽车站茅房臭得进不去人", "汽车站茅房"),
        # Cantonese particles are no part of a name
        ("我喺长寿路8号开档，门口个渠盖冇咗", "长寿路8号"),
        # a site by a compass side or by its own name, at the start; not the one next door
        ("西边工地天不亮就在打桩", "西边工地"),
        ("融创工地的泥浆流到路上了", "融创工地"),
        ("隔壁工地的灰大得很，车上一层土", None),
        # home in Sichuanese and Cantonese
        ("我屋头门口那根电杆歪起了，怕是要倒", None),
        ("我屋企对面嗰个渠盖唔见咗", None),
    ],
)
def test_chinese_place_shapes(
    understanding: Understanding, text: str, expected: str | None
) -> None:
    reading = understanding.read(text)
    assert reading.intent is Intent.REPORT
    assert reading.location == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the street light outside the noodle shop is broken", "outside the noodle shop"),
        (
            "rubbish dumped at the corner of Lotus Road and Pine Street",
            "the corner of Lotus Road and Pine Street",
        ),
        ("a car is blocking the pavement outside no. 23", "outside no. 23"),
        ("pothole on Meadow Road, my bike tyre burst", "Meadow Road"),
        # a shop's kind and the word for its premises
        ("the sign of Golden Dragon Noodle House is about to fall", "Golden Dragon Noodle House"),
        # a house number after the road, as Chinese addresses go; not a count or a time
        ("van parked across the gate at Pine Rd 36, been there all day", "Pine Rd 36"),
        ("they dug up Pine Rd 3 weeks ago and never filled the hole", "Pine Rd"),
        ("the drain under Willow Bridge is blocked", "under Willow Bridge"),
        ("bins overflowing outside Building 3", "outside Building 3"),
        ("rubbish dumped at the bus stop since monday", "the bus stop"),
        ("bbq smoke outside Lotus Rd No. 7 every night", "outside Lotus Rd No. 7"),
        ("the light at Lotus Rd/Pine St crossing is stuck on red", "Lotus Rd/Pine St crossing"),
        ("cars parked outside Exit C of Maple Sq metro", "outside Exit C of Maple Sq metro"),
        ("rubbish piling up at Lotus Rd bus stop", "Lotus Rd bus stop"),
        ("drilling near Maple Garden south gate at 6am", "near Maple Garden south gate"),
        ("pothole on Meadow Road outside the bakery", "Meadow Road outside the bakery"),
        ("stalls outside the No. 5 Middle School gate", "outside the No. 5 Middle School gate"),
        ("manhole cover gone near Gate 2 of the city hospital", "near Gate 2 of the city hospital"),
        ("rubbish in front of Building 5, Maple Garden", "in front of Building 5, Maple Garden"),
        ("loud music behind the KFC at Lotus Plaza", "behind the KFC at Lotus Plaza"),
        ("the light on Meadow Rd bridge flickers", "Meadow Rd bridge"),
        ("snack vendors outside No.1 Middle School", "outside No.1 Middle School"),
        # pinyin roads, as on the street signs
        ("rubbish piled up on Taohua Lu for a week", "Taohua Lu"),
        ("water pipe burst at #16 Pine St, the pavement is flooded", "#16 Pine St"),
        ("drain overflowing on the maple rd bridge", "maple rd bridge"),
        (
            "Lotus Rd opp. the fire station, the manhole cover is missing",
            "Lotus Rd opp. the fire station",
        ),
        (
            "trash bags on willow st near the post office, smells awful",
            "willow st near the post office",
        ),
        ("Silver Moon KTV on Pine St blasting music at 3am", "Silver Moon KTV on Pine St"),
        ("The bar on Maple Plaza blasts music every night till 2am", "Maple Plaza"),  # no name
        (
            "the sign of Lucky Star restaurant at No. 8 Pine St is hanging loose",
            "Lucky Star restaurant at No. 8 Pine St",
        ),
        (
            "Meadow Rd outside the Pine Savings Bank, water gushing from the ground",
            "Meadow Rd outside the Pine Savings Bank",
        ),
        (
            "all the lamps are out on Birch Rd from the clinic to the river, pitch dark",
            "Birch Rd from the clinic to the river",
        ),
        ("lamps out on Elm St between No. 4 and No. 20", "Elm St between No. 4 and No. 20"),
        ("bikes piled at Maple Rd station exit B", "Maple Rd station exit B"),
        ("stickers all over Willow Court Bldg 4 lift", "Willow Court Bldg 4 lift"),
        ("someone built a shed on Cedar Heights Block 3, 9F", "Cedar Heights Block 3, 9F"),
        ("toilets at Eastgate bus terminal are blocked", "Eastgate bus terminal"),
        ("grass torn up in willow park by scooters", "willow park"),
        (
            "kids sell stuff outside the south gate of Pine Primary School",
            "outside the south gate of Pine Primary School",
        ),
        ("the lights at the Elm St/Oak Rd crossing are out", "the Elm St/Oak Rd crossing"),
        # pinyin names typed in lower case, as phones do
        ("xiangshan rd lamps out since monday", "xiangshan rd"),
        ("bins overflowing at huilong lu bus stop", "huilong lu bus stop"),
        ("lamps dead on ruyi lu", "ruyi lu"),
        ("bikes piled at Jinniu metro exit C", "Jinniu metro exit C"),
        ("bins overflowing along xinmin st", "xinmin st"),  # "along" is pinyin too, not a name
        ("the toilets at longquan park are filthy", "longquan park"),
        (
            "the lamps at the mingde st/taiyuan rd crossing are out",
            "the mingde st/taiyuan rd crossing",
        ),
        # a side phrase ends where the sentence goes on, in the words phones use
        ("the lamp on Meadow Rd near the gym stays on all day", "Meadow Rd near the gym"),
        (
            "Birch Rd across from the cinema theres been a heap of garbage for days",
            "Birch Rd across from the cinema",
        ),
        (
            "found a 1m collapse on Elm Rd near the bus depot during patrol",
            "Elm Rd near the bus depot",
        ),
        ("The street light on Pine Road is out", "Pine Road"),  # "The street" is no name
        ("hydrant burst at Maple St and 3rd Ave, water everywhere", "Maple St and 3rd Ave"),
        # what the thing does, right after where it is, is not the place
        ("the bin outside the library lost its lid again", "outside the library"),
        ("the light on Oak Rd near the school never turns green", "Oak Rd near the school"),
        # a road's crossing, works or market, as writers keep them every time
        ("The pedestrian light at Birch St crossing is dead", "Birch St crossing"),
        ("Oak Road site starts drilling at 6am", "Oak Road site"),
        ("fish guts piled up at Maple Rd wet market", "Maple Rd wet market"),
        # a named place in lower case opening the message, and its numbered gate
        ("willow park east gate lamps off all week", "willow park east gate"),
        ("rubbish piled at lakeside apts gate 3 since monday", "lakeside apts gate 3"),
    ],
)
def test_english_place_shapes(understanding: Understanding, text: str, expected: str) -> None:
    reading = understanding.read(text)
    assert reading.intent is Intent.REPORT
    assert reading.location == expected


@pytest.mark.parametrize(
    "text",
    [
        "ebikes parked all over the side rd again",  # side: pinyin, but a word before a road
        "cars parked in the bike lane again",
        "rubbish dumped in the main street",
    ],
)
def test_english_words_before_a_road_word_are_no_name(
    understanding: Understanding, text: str
) -> None:
    assert understanding.read(text).location is None


@pytest.mark.parametrize(
    "text",
    [
        # a thing on the street is a landmark of the problem, not an address
        "垃圾桶旁边的井盖翘起来了",
        "水果店把摊子摆到马路上了",  # a kind of shop, not a named one
        "the bin outside my shop is broken",  # "my shop" is no address the desk can find
        "我家门口的路灯坏了",  # "my door" neither
        "自来水管爆了！！！路上成河了",  # 成河 is "a river of water", not a river's name
        "有人往车窗上夹小卡片，满大街都是",  # 满大街 is "all over the street"
    ],
)
def test_things_and_kinds_are_not_addresses(understanding: Understanding, text: str) -> None:
    reading = understanding.read(text)
    assert reading.intent is Intent.REPORT
    assert reading.location is None
