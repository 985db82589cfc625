# ruff: noqa: E501 - data tables of Chinese phrases read better one phrase group per line
"""What else a street group says: greetings, business, questions, notices, praise, and jokes and
stories that use problem words without reporting anything.
"""

from __future__ import annotations

import random

# fmt: off
CHATTER = """各位老板早上好
大家晚上好
早上好各位☀️
今天生意怎么样
谁有充电宝借一下
明天店里休息一天
有没有人一起拼单买水的
今天天气真不错
大家好，我是新来的
店里招聘服务员，有意者私聊
转让：临街商铺一间，有意私聊
周末店里搞活动，全场八折，欢迎光临
店铺转让，位置好，价格面议
有人知道快递站搬到哪了吗
有没有人知道附近哪里可以修电动车？
请问社区办公室几点下班？
垃圾车一般几点来收？
请问停车场怎么收费
停车场在哪里？
停车位还有吗
有人知道附近哪有修鞋的吗
这个群是干嘛的
晚饭吃了吗各位
哈哈哈哈
哈哈，谢谢
收到，谢谢群主
谢谢大家的帮助
谢谢大家
大家都辛苦了
环卫工人辛苦了
新来的环卫师傅很负责，点赞
路灯换成LED的了，好亮啊
路灯真漂亮
路灯亮起来的时候真好看
今晚的路灯好漂亮，拍了一张[图片]
新铺的路真平
新修的路真宽敞
路边新种的树真好看
新装的红绿灯挺方便的
新开的烧烤店味道不错，推荐大家去
今天的垃圾车来得挺早
谁家的猫丢了？在我们店门口
谁家的狗狗走丢了，在我店里
昨晚的雨好大啊
大家注意防暑
明天下雨，大家注意收衣服
明天停电，大家提前准备
我手机坏了
我家空调坏了，谁认识修空调的师傅
店里的冰柜坏了，有没有人会修
我家下水道堵了，谁有疏通的电话
车子坏在半路了，今天晚点开门
十年前这里还是一片菜地
我们店的烧烤是全街最好吃的，欢迎来尝
这个月电费好贵
谁知道哪里能办居住证
孩子学校明天开家长会
有没有人要团购水果
新开的奶茶店排队好长
今天城管来检查了，大家注意门前卫生
周末有没有人去爬山
恭喜发财，红包拿来
中秋快乐
祝大家新年快乐
[表情]
[表情][表情]
[图片]
😂😂
👍👍👍
哈哈哈好的
有人在吗
这两天好热啊
谁家有多余的纸箱
下午有人送货，麻烦大家让一下
有没有人知道燃气费在哪交
刚才那个视频太搞笑了
今天早上路上堵死了，迟到了
听说下周要修路，是真的吗
井盖修好了吗？
垃圾车今天来了吗
我们店招牌是新换的，好看吗
咱们街这次评比第几名
路过看到有人在修路灯，效率挺高
昨天那个井盖的事处理得挺快的，赞一个""".splitlines()

CHATTER_EN = """今天进的货卖完了，明天再来
老板娘今天不在，有事打电话
谁家有零钱换一下
明天早上几点开市
下午有没有人去批发市场，捎带点东西
群里有卖二手冰柜的吗
这周末社区有义诊，老人可以去看看
我们店新到了一批秋装，欢迎来看
附近哪家快递最便宜
明天记得交卫生费
有人要房子吗，二楼一室一厅出租
今天收了张假钞，大家注意点
谁家孩子的自行车落我店门口了，来拿一下
刚到的新鲜荔枝，要的私聊
今天好冷，大家多穿点
下雪了，出门注意安全
中午吃啥
楼下新开了家面馆，味道挺正
刚才停电了一下，现在来了
我家猫生了小猫，有人要吗
物业费涨了你们知道吗
有人团购大米吗，五十斤起
今天社区发口罩，到居委会领
我出去一趟，店里帮我看一眼
谁家有梯子借用一下
谢谢王姐帮我收快递
辛苦大家了，今天人多
今天的菜价又涨了
明天我家闺女结婚，请大家吃喜糖
我们店搬到对面去了，大家别走错
祝各位老板生意兴隆
今天有人来查消防，大家把灭火器准备好
刚看了新闻，明天降温
群里能发广告吗
能拉我朋友进群吗
最近生意不好做啊
好久没下雨了
周末带孩子去公园玩了，人好多
新开的超市在搞活动，鸡蛋很便宜
有没有人知道附近哪有打印的
这条街的生意越来越好了
今天路上车好多
听说这边要拆迁了？
我去进货了，下午回来
收快递的时候帮我看下门
大家中秋节放几天假
晚上一起去吃烧烤吗
今天看到城管在巡逻，挺好的
这条街以前可乱了，现在干净多了
社区的志愿者每周都来打扫，感谢他们
咱们街上的路灯是全区最亮的哈哈
新换的垃圾桶挺好看的
修路那几天生意差了一半，现在总算好了
上次那个井盖的事谢谢大家关心
有没有人会修卷帘门，我家的拉不下来了
店里的灯坏了，谁认识电工
我家水龙头漏水，哪里有卖水龙头的
我车胎扎了，附近哪有补胎的
我店里的下水道有点堵，用什么通好
家里网断了，移动的电话多少
孩子发烧了，附近哪个诊所晚上开门
请问办营业执照去哪里
请问门头招牌要报批吗
垃圾分类的桶在哪领
卫生检查是哪天
明天几点开会
我刚进群，请多关照
欢迎新朋友
这是哪位的车，麻烦加个微信
有人捡到一串钥匙吗
我钥匙掉了，谁看到了说一声
今天城管的小哥态度挺好的
上次反映的事处理得挺好，感谢
今天停车被贴了罚单，心疼两百块😭
乱停车罚多少钱啊？问问
昨天在路口看到两个人吵架，吵得可凶了
我家孩子今天在学校摔了一跤，还好没事
听说隔壁街的井盖被偷了，咱们这边还好
刚看新闻，有个城市下暴雨淹了好多车
以前这条街晚上挺黑的，现在路灯多了，安心多了
上次那个违建拆了以后，路宽多了
我今天出门忘带钥匙了，在门口站了半小时
昨晚楼上邻居吵架吵到半夜，算了不说了
我店里的音响坏了，有没有人推荐个牌子
垃圾分类我还是分不清，厨余垃圾包括骨头吗？
请问装修垃圾应该扔在哪里？
我家的共享单车月卡到期了，哪家便宜
路灯是几点开几点关的？好奇
城管今天来宣传门前三包了，发了张单子
明天社区组织大扫除，有空的来帮忙
刚才烤串太好吃了，吃撑了
打扫了一上午卫生，累死了
今天下雨，店门口全是泥脚印，拖了三遍地
我家车被刮了，也不知道谁干的，算了
good evening everyone
where can I buy a SIM card around here
the noodle shop on the corner is really good
thanks for adding me to the group
what time does the market close tonight
is the post office open on sunday
my shop will be closed tomorrow
congratulations on the new shop!
anyone know a good plumber?
how do I join the residents committee?
good morning everyone
ok thanks
happy new year all
does anyone know when the market opens
the new street lights look great
lol my car broke down on the way, opening late today
my phone is broken, call the shop number instead
who has a spare charger
traffic was terrible this morning, got to the shop late
my kid's bike got a flat tyre on the way to school lol
does anyone know a good electrician? my kitchen light is broken
the rain last night was crazy, my umbrella broke
the roadworks on the news look huge, glad it's not our street
anyone going to the market later? i need eggs""".splitlines()

# Stories of the writer's own day that use the street's words and report nothing: the hour
# first, as reports now also say it (今天早上…), so the hour alone tells neither.
CHATTER_DAY = """今天早上堵车堵了半小时，差点迟到
今天中午的盒饭太难吃了
昨天晚上下班回家累得不想动
今天下午店里来了好多客人，忙死了
昨晚下大雨，我家阳台的花全倒了
今天路过看到环卫工人在扫地，真辛苦
早上送孩子上学，孩子在车上睡着了
下班回家发现钥匙忘店里了
今天一早就有人来买菜，开门红
昨天路过人民公园，荷花开得真好看
今天中午隔壁老板请吃西瓜，谢谢啦
半夜两点多还在对账，困死了
刚才散步走到河边，风好舒服
周末带孩子去公园玩，人好多
今天家里的水管漏了，叫了师傅来修
今天看到城管在帮老人搬东西，好暖心
早上的豆浆油条太香了
今天进的菜有点烂，亏了
昨晚看球看到两点，今天起不来
这两天生意不好做啊
最近店里老鼠多，买了几个粘鼠板
前天车被人刮了一下，自己的车，算了
昨天听邻居讲隔壁街要开个大超市
今天收到城管发的门前三包责任书了
刚刚路过新开的奶茶店，排了好长的队
今天天气真好，出来晒晒太阳
一下雨生意就不好，没人出门""".splitlines()

JOKES = """我家孩子把玩具车停在人行道上，笑死
昨晚梦见井盖飞了😂
我的钱包跟井盖一样，空空的😂
减肥失败，体重比路灯杆还高了哈哈
老公说我唠叨得像广场舞音响哈哈哈
小时候我们在这条街上捡废品换糖吃
以前这条路全是坑，现在好多了
这垃圾天气，又下雨了
今天生意太垃圾了，一个客人都没有
我家狗一听到广场舞就跟着叫
我这脑子跟下水道一样，堵死了哈哈
我儿子说长大要当城管，专门抓乱停车的😂
今天心情像没盖的井，一不小心就掉下去了哈哈
我老婆的嗓门比隔壁音响还大
你们这群人比烧烤摊还能冒烟😂
笑死，我把车停好回来发现停在自己家门口
刚才差点被共享单车绊倒，还好是我自己骑的哈哈
我家那位修个灯泡修了一下午，最后发现是没开开关
昨天喝多了抱着路灯杆唱歌，今天被我闺女发抖音了😂
这天热得马路都要化了
my diet is like the potholes on this road, full of holes lol
my brain is like a blocked drain today haha
我这嗓子跟坏了的喇叭一样，哑了哈哈
梦见自己掉进下水道，醒了一身汗
孩子画了张画，画的是会飞的垃圾车，可爱
我家猫天天蹲窗台看楼下的路灯😂
老王说他年轻时候一晚上能修十盏路灯，吹牛吧哈哈
我跟我老公的关系就像这条路，修修补补又一年😂
别的城市井盖都画成画了，好看
看了个视频，国外的垃圾分类比我们还复杂哈哈
my wallet is emptier than the bins after collection day lol
my son wants to be a bin lorry driver when he grows up haha""".splitlines()

# Liaisons and chiefs announce, ask and organise: none of it is a report.
NOTICES = """提醒：明天上午道路清扫，请勿在路边停车
本周六开展门前三包检查，请各商户做好准备
各位商户请注意：下周一开始封路施工，请提前安排进货
温馨提示：台风将至，请各商户收好门口的招牌和杂物
明天上午九点环卫车清洗路面，请大家把电动车挪一下
请问具体在哪个位置？
通知：本周五下午全街停电检修
请各商户下周一前签订门前三包责任书
感谢大家的配合
本月考核结果已公布，请各部门查看
今晚八点开会，请各部门联络员参加
请大家不要在门口堆放杂物
请各单位做好防汛准备
请大家配合垃圾分类工作
下周起开展夜间巡查，请各商户配合
大家辛苦了，本月街道评比我们排第一
明天停水，大家提前储水
【通知】明天上午停水
请各商户把电动车停到指定区域
近期创文检查，请大家保持门前整洁
本周垃圾分类宣传活动在广场举行，欢迎参加
提醒大家雨天注意用电安全
周四上午消防安全培训，每家派一个人
请各位把门头招牌的加固情况拍照发群里
reminder: street cleaning tomorrow morning, please move your cars""".splitlines()
# fmt: on

# Parts of everyday talk, combined freely: the model must learn that a group is mostly this.
# fmt: off
GOODS = ["水果", "海鲜", "秋装", "冬装", "童装", "大米", "鸡蛋", "蔬菜", "月饼", "粽子", "茶叶", "白酒", "奶茶", "蛋糕", "面包", "鲜花", "手机壳", "文具", "玩具", "保健品"]
PROMOS = ("全场八折", "买一送一", "满一百减二十", "新品上市", "清仓甩卖", "开业大酬宾", "会员日打折",
          "第二杯半价", "今天特价", "免费试吃")
SERVICES = ("社区医院", "派出所", "居委会", "社保局", "营业厅", "邮局", "菜鸟驿站", "银行", "药店",
            "打印店", "修鞋的", "配钥匙的", "开锁的", "家政", "搬家公司", "快递点", "充电桩", "核酸点")
PRIVATE_THINGS = ("手机", "空调", "冰箱", "热水器", "电脑", "洗衣机", "电视", "车", "电动车", "收银机",
                  "打印机", "路由器", "门锁", "水龙头", "灯泡", "冰柜", "卷帘门遥控器")
PRIVATE_TROUBLE = ("坏了", "又坏了", "不好使了", "出问题了", "用不了了", "罢工了", "死机了")
GREETINGS = ("早上好", "中午好", "晚上好", "大家好", "各位好", "早", "早安", "晚安", "周末愉快", "新年好")
NAMES = ("王姐", "李哥", "老张", "小刘", "陈老板", "赵阿姨", "孙师傅", "周哥", "吴姐", "郑老板")
WEATHER = ("好热", "好冷", "下大雨了", "风好大", "出太阳了", "雾霾好重", "降温了", "好闷", "下雪了")
FESTIVALS = ("中秋", "国庆", "春节", "端午", "元宵", "劳动节", "元旦", "七夕")
# fmt: on


def compose_chatter(rng: random.Random) -> str:
    roll = rng.randrange(10)
    name = rng.choice(NAMES)
    if roll == 0:
        return f"{rng.choice(GREETINGS)}{rng.choice(('', '各位', '大家', '老板们'))}{rng.choice(('', '！', '～', '☀️'))}"
    if roll == 1:
        return f"新到一批{rng.choice(GOODS)}，{rng.choice(PROMOS)}，欢迎{rng.choice(('选购', '来看看', '私聊'))}"
    if roll == 2:
        return f"{rng.choice(('有没有人知道', '请问', '谁知道', '问一下'))}附近{rng.choice(SERVICES)}在哪{rng.choice(('', '？', '啊'))}"
    if roll == 3:
        ask = rng.choice(
            ("谁认识会修的师傅", "有没有推荐的师傅", "谁有维修电话", "气死了", "今天真倒霉")
        )
        return f"我家{rng.choice(PRIVATE_THINGS)}{rng.choice(PRIVATE_TROUBLE)}，{ask}"
    if roll == 4:
        return f"今天{rng.choice(WEATHER)}，{rng.choice(('大家注意身体', '生意不好做', '出门带伞', '多喝水', '没什么客人'))}"
    if roll == 5:
        return f"@{name} {rng.choice(('你的快递到了，在我这', '晚上一起吃饭吗', '钥匙落我店里了', '你家孩子在我店门口玩呢', '借你的推车用一下'))}"
    if roll == 6:
        return (
            f"祝大家{rng.choice(FESTIVALS)}快乐{rng.choice(('', '，生意兴隆', '，阖家幸福', '🎉'))}"
        )
    if roll == 7:
        return f"{rng.choice(SERVICES)}{rng.choice(('几点开门', '几点下班', '周末上班吗', '搬到哪去了', '电话多少'))}{rng.choice(('？', '', '啊'))}"
    if roll == 8:
        return f"{rng.choice(('欢迎', '热烈欢迎'))}{name}进群{rng.choice(('', '👏', '！'))}"
    return f"{rng.choice(GOODS)}{rng.choice(('多少钱一斤', '哪家便宜', '谁家有卖', '今天涨价了', '还有吗'))}"
