"""Shops as people name them: a name and a kind of business (红星饭店, 好又多超市), the owner and
what they sell (李记牛肉面, 老李烤串), or a shop known by the side of the place that finds it
(翠湖苑门口的水果店)."""

from __future__ import annotations

import re

from tickets.understanding.place_words import NAME as _NAME
from tickets.understanding.place_words import SHOP_NAME as _SHOP_NAME
from tickets.understanding.place_words import SIDE as _SIDE

# A shop is a name and a word for a kind of business; most of those words end in one of a few
# characters (面馆, 眼镜店, 包子铺, 洗车行, 营业厅), the rest are listed.
_SHOP_NAMED = (
    r"饭店|酒店|酒家|酒楼|茶楼|理发店|美发店|发廊|宾馆|超市|银行|药店|药房|商店|便利店|诊所|网吧|"
    r"大酒店|烟酒|烧烤|火锅|ktv"
)
# A shop named after its owner and what it sells, as street food is: 李记牛肉面, 老李烤串,
# 张姐麻辣烫 (not 小区: an estate).
_OWNER = rf"(?:{_NAME}{{1,2}}记|[老阿大]{_NAME}|小(?![区店]){_NAME}|{_NAME}[姐哥嫂叔婶姨])"
_WHAT_IT_SELLS = (
    r"牛肉面|拉面|面馆|米线|米粉|烤串|串串|麻辣烫|烤肉|包子|饺子|馄饨|小吃|炸鸡|烤鸭|卤味|卤菜|"
    r"凉皮|煎饼|豆花|酸辣粉|羊肉汤|羊肉串|羊肉馆|烤鱼|冒菜|快餐|早餐|蛋糕|奶茶|水果|五金|修车|杂货"
)
# With only 店/铺/馆… the words before may be the kind of shop, not its name (水果店, 理发店): a
# name needs three characters (老周鞋店, 佳佳眼镜店) or a side after it (水果店门口).
_SHOP_SUFFIX = r"[店铺馆行厅]"
# ...but not open-air grilling (露天烧烤), nor a stall (烧烤摊), nor a place's own name (夜市烧烤)
SHOP_KIND_WORD = re.compile(rf"(?<!露天)(?<!炭火)(?<!夜市)(?<![路街桥])(?:{_SHOP_NAMED})(?![摊架])")
# 平安银行门口, 红星饭店, 李记牛肉面, 老周鞋店, 水果店门口
SHOP_PATTERNS = (
    re.compile(rf"{_SHOP_NAME}{{2,4}}(?:{_SHOP_NAMED}){_SIDE}?"),
    re.compile(rf"{_OWNER}(?:{_WHAT_IT_SELLS})[店铺馆]?{_SIDE}?"),
    re.compile(
        rf"{_SHOP_NAME}{{3,5}}{_SHOP_SUFFIX}{_SIDE}?|{_SHOP_NAME}{{2,5}}{_SHOP_SUFFIX}{_SIDE}"
    ),
)
# A shop written after the side of the place that finds it, the way people name a shop they
# don't know by name: 翠湖苑门口的水果店, 实验小学对面网吧 (kept by the writers 7 times in 9).
# Matched in the masked text, where "that one" (那家, 那个) is no place word: the writers left
# 那家烤鱼店 out more often than they kept it.
_SHOP_KIND = (
    rf"{_SHOP_NAMED}|小卖部|小作坊|作坊|健身房|酒吧|大排档|美食城|菜馆|小吃|车行|铺子|[店铺馆厅]"
)
SHOP_AFTER = re.compile(
    rf"的?(?:{_NAME}{{1,5}}?(?:{_SHOP_KIND})|小卖部|超市|网吧)"
    rf"(?![外内面主员家门])"
)
# A shop by its kind and a side of it, right after a road, is a landmark on that road (育才路药店
# 门口, 胜利街农行门口); without the side it is the road's (金沙街水果店 is on 金沙街).
SHOP_WITH_ITS_SIDE = re.compile(
    rf"(?!一家|商铺|商户)(?:{_NAME}{{0,3}}?(?:{_SHOP_KIND})|农行|工行|建行|中行|商场){_SIDE}"
)
