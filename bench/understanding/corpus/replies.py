"""Answers around a ticket: what liaisons and chiefs say when they take it on or finish it, and
what reporters say when they see it fixed or not. Grouped by speech act; the role decides what
the act does to a ticket (a liaison's "done" resolves, a reporter's "done" confirms).
"""

from __future__ import annotations

# fmt: off
# Taking it on: a plain receipt, or a plan, a time, a forward to someone else.
ACK = """收到，马上处理
好的，收到
已安排维修人员，预计下午到
已通知环卫班组
正在核实
收到，今天之内处理
已联系车主挪车
收到，已转市政
明天上午派人去换
下午三点前到现场
已经跟物业说了，这周内弄好
材料已经在订了，到了就换
这个归供水公司管，已经转过去了
马上安排人过去看看
我们这边记下了，明早第一件事
等雨停了就去补
灯具要从厂家调，大概三天
已经报给区里了，等批下来就修
师傅在别的点抢修，忙完就过去
收到收到，十分钟到
城管中队已经在路上了
今晚安排夜班去清
周三统一清运，到时候一起拉走
已联系交警过去贴条
车主电话打通了，说半小时内挪
这周六之前处理完
我下班路上顺便去看一眼
先拉个警戒线，明天施工
已经让商户自己整改，明天复查
排水公司的车下午到
具体在哪个位置？我们派人过去
请发个定位，马上安排
麻烦拍张照片，我们核实一下
收到，已上报街道
好的，我们今天下午去看看
已派人前往现场
明白，这就联系环卫
收到，已记录，尽快处理
收到，明天上午去修
👌收到
收到👍
在路上了，马上到
已阅，马上安排
已阅
已读，在跟进""".splitlines()

ACK_EN = """got it, on my way
noted, will send someone this afternoon
we'll have it fixed by friday
a crew is coming tomorrow morning
forwarded to the water company
on it
someone will be there in 30 minutes
thanks, we are checking
ok, will go and have a look after lunch
will check it first thing tomorrow
the team will come by before 5pm
we'll sort it out tonight
i'll ask the sanitation team to go today
heading over now
copy that, arranging a truck
sending the repair crew this evening
will take care of it this week
roger, someone's on the way
we'll look into it this morning""".splitlines()

# The work is done, said as the work or as its result.
DONE = """已处理
修好了
已清理干净
井盖已经补上了
已经拖走了
已完成整改，请查看
问题已解决
已恢复正常
灯现在亮了
井盖换了新的
车已经开走了
摊子都撤了
路面已经平了
垃圾都拉走了，地也冲了
坑填上了
树已经锯掉拉走了
水已经关了，管子换了一截
下水道通了，水退了
小广告铲干净了
招牌拆下来了
商户已经把桌子收进去了
施工方已经停工了
围挡重新立起来了
烧烤摊已经劝离
音响没收了
违建已经拆了
红绿灯恢复了
护栏换新的了
新的垃圾桶放好了
厕所打扫完了，也通了
今天早上已经换好灯泡了
现场已经清理完毕[图片]
师傅刚修完，现在正常了
已督促商户整改完毕
车主已经把车挪走了
刚去看了，已经弄好了
搞定了
已修复，请查看[图片]""".splitlines()

DONE_EN = """all fixed
done, the pipe is repaired
the light has been repaired
the bins were emptied this morning
the car was towed
cleaned up this afternoon
the cover has been replaced
the vendor has moved on
fixed it this morning, please have a look
repaired this afternoon, should be fine now
the rubbish was cleared an hour ago
we cleaned it up, please check
the drain is clear now
new bulb in, the lamp is on again
the sign was taken down today
the hole has been filled
towed away at noon
the stall has been removed
we replaced the broken bin
the graffiti was painted over yesterday
job done, photo attached""".splitlines()

# The reporter (or the chief) sees the fix.
CONFIRM = """修好了，谢谢
好的，看到了，感谢
确认，已经正常了
亮了亮了，谢谢师傅
确实修好了，点赞
看到了，清理得很干净，谢谢
今晚灯亮了，谢谢
刚去看了，确实弄好了
车开走了，谢谢你们
已经通了，太感谢了
干净多了，辛苦了
现在好走多了，谢谢
下午路过看了，坑补上了
嗯，亮了
没问题了
现场核实已整改，同意结案
核实完毕，可以结案
好了，谢谢你们
修得很快，谢谢
效率真高，已经好了
终于清走了，感谢""".splitlines()

CONFIRM_EN = """great, thank you
thanks, its working now
all good now, thanks
the light works now, thank you
confirmed, it's fine now
just walked past, it's all clean now, thanks
yes it's fixed, great job
checked this morning, all good
the water's gone, thank you guys
lamp is on tonight, thanks""".splitlines()

# It is not fixed, or it came back.
REOPEN = """还是坏的
没有修啊，灯还是不亮
又堆起来了，根本没清干净
你们说处理了，可现场还是老样子
去看了还是黑的
车又停回来了
刚修好没两天又坏了
灯亮了一天又灭了
摊子又摆出来了
下午又有人倒了一堆
根本没人来过
还在漏，比昨天还大
修完第二天又松了
补的地方又塌了
说好的修呢？还是老样子
还是没人来修啊
你们那个处理根本没用，今天又堵了
还是一样吵
烟还是那么大
没修好，踩上去还晃
怎么又贴满了
水又漫上来了""".splitlines()

REOPEN_EN = """it is not fixed
still broken, nobody came
the light is off again
nothing has changed
the car is back again
went to look, still the same
you said it's done but it's still blocked
it worked for a day and broke again
the rubbish is piling up again
nobody has been here yet
still leaking this morning""".splitlines()

# A bare yes or thanks: it means something only as a reply to a ticket.
YES = """好的
好
嗯嗯
ok
OK
👍
[强]
谢谢
谢谢啦
多谢
辛苦了
辛苦辛苦
好的谢谢
收到谢谢
🙏
[抱拳]
thanks
thank you
好嘞""".splitlines()
# fmt: on
