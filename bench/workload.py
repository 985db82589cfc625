"""The group messages the intake, latency and pacing benches post, in one place."""

from __future__ import annotations

# Each report names its own address ({i}), so none is folded into another as a repeat.
REPORTS = [
    "胜利路{i}号门口路灯不亮",
    "建设路{i}号后门堆了很多垃圾",
    "南纬路{i}号门口井盖丢了",
    "幸福路{i}号门口有车乱停",
    "和平路{i}号饭店油烟太大",
    "解放路{i}号门口有小摊占道",
]
CHATTER = ["各位老板早上好", "今天天气不错", "谢谢大家", "哈哈", "有人知道快递站在哪吗", "收到"]
LIAISONS = [5001, 5002, 5003]  # the example config's department liaisons
