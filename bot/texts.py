"""Everything the bot says, in Chinese and English. Code asks for a key; never writes a sentence.

Values are HTML templates for `str.format`; every value put into them from users or the config
is escaped by the caller (bot/rendering.py) before formatting. Both languages must have the same
keys and the same placeholders: tests/bot/test_texts.py checks that.
"""

from __future__ import annotations

from typing import Literal

Language = Literal["zh", "en"]

ZH: dict[str, str] = {
    # the ticket card
    "card.title": "🧾 <b>工单 #{number}</b> · {category}",
    "card.place": "📍 {place}",
    "card.department": "🏢 {department} {mentions}",
    "card.deadlines": "⏰ 签收时限 {ack_due} · 处置时限 {resolve_due}",
    "card.state": "状态：<b>{state}</b>",
    "card.report": "💬 {reporter}：{text}",
    "card.photos": "📷 {count} 张照片",
    "card.acknowledged": "✅ {when} {who} 已签收",
    "card.resolved": "🛠 {when} {who} 已处置",
    "card.closed.confirmed": "🏁 {when} 报告人确认，已结案",
    "card.closed.no_objection": "🏁 {when} 无异议，自动结案",
    "card.closed.chief": "🏁 {when} 街长结案",
    "card.rework": "↩️ 返工 {count} 次",
    "card.transferred": "↪️ 已转派 {count} 次",
    "card.extended": "⏳ 已延期 {count} 次",
    "card.duplicate_of": "🔁 与 #{number} 重复",
    "card.also_reported": "👥 另有 {count} 人反映",
    "card.overdue": "⚠️ 已超期",
    "card.reminded": "⏰ 超期已提醒 {count} 次",
    "card.escalated.head": "⬆️ 已上报部门负责人",
    "card.escalated.chief": "⬆️ 已上报街长督办",
    "deadline.ack": "签收",
    "deadline.resolve": "处置",
    "reminder": "⏰ #{number}（{category} · {place}）已超过{deadline}时限 {due}。"
    "{mentions} 请尽快处理。",
    "escalation.head": "⬆️ #{number}（{category} · {place}）超期未{deadline}，"
    "请{department}负责人督办 {mentions}",
    "escalation.chief": "⬆️ #{number}（{category} · {place}）仍超期未{deadline}，"
    "请街长督办 {mentions}",
    "chase_summary.header": "⏰ 以下 {count} 张工单已超期：",
    "chase_summary.line": "#{number} {category} · {place} · {department} · 超期未{deadline}",
    "chase_summary.call": "请 {mentions} 尽快处理。",
    "chase_summary.more": "……还有 {count} 张，发送 /status 查看全部",
    "chase_summary.closed": "验证期内无异议，已自动结案：{numbers}",
    # states, as lifecycle.md names them
    "state.dispatched": "已派遣",
    "state.acknowledged": "已签收",
    "state.resolved": "已处置，待确认",
    "state.closed": "已结案",
    "state.reopened": "返工",
    "state.duplicate": "重复",
    "state.rejected": "不予立案",
    "state.cancelled": "已撤销",
    # how a ticket was closed (the ledger's 结案方式)
    "close_reason.confirmed": "报告人确认",
    "close_reason.no_objection": "到期无异议",
    "close_reason.chief": "街长结案",
    # buttons
    "button.acknowledge": "✅ 签收",
    "button.resolve": "🛠 已处置",
    "button.transfer": "↪️ 转派",
    "button.confirm": "👍 确认修好",
    "button.reopen": "👎 还没修好",
    "button.back": "« 返回",
    # short words in the group after a move
    "moved.acknowledge": "✅ #{number} {who} 已签收",
    "moved.resolve": "🛠 #{number} {who} 已处置",
    "moved.confirm": "🏁 #{number} 已确认修好，结案。谢谢！",
    "moved.reopen": "↩️ #{number} 报告人说还没修好，已退回{department}返工",
    "moved.transfer": "↪️ #{number} 已转派给 {department} {mentions}",
    "moved.close": "🏁 #{number} 已结案",
    "moved.cancel": "#{number} 已撤销",
    "moved.reject": "#{number} 不予立案",
    "moved.extend": "⏳ #{number} 处置时限延至 {resolve_due}",
    "moved.mark_duplicate": "🔁 #{number} 与 #{other} 重复",
    "ask_confirm": "{reporters} 您反映的 #{number}（{category}）已处置，请看看是否修好："
    "修好了请回复“好了”，没修好请回复“还是……”。{verify_hours} 小时内无异议将自动结案。",
    "already_open": "{reporter} 这个问题已在处理中：#{number}（{state}），已记下您的反映。",
    "which_ticket": "有几张工单都可能是您说的：{numbers}。请直接回复对应的工单卡片。",
    "refused.not_in_charge": "{name}，#{number} 由{department}负责，只有其联络员或街长可以操作。",
    "refused.not_reporter": "{name}，#{number} 只有报告人或街长可以确认或退回。",
    "refused.chief_only": "{name}，这一步需要街长操作。",
    "refused.transfer": "只有负责部门的联络员或街长可以转派这张工单。",
    "extension.request": "⏳ {name} 申请 #{number}（{category}）处置时限延至 {due}，"
    "理由：{reason}。{chiefs} 请批准。",
    "extension.approve": "✅ 批准延期",
    "extension.usage": "用法：/extend 工单号 时长 理由，例如 /extend 12 2d 等待配件",
    "extension.refused": "只有负责部门的联络员可以申请延期，只有街长可以批准。",
    "extension.not_now": "#{number} 现在不能延期（需已签收且未处置）。",
    "callback.done": "已记录",
    "callback.stale": "这个按钮已失效，请看最新的工单卡片。",
    "callback.not_now": "#{number} 现在是“{state}”，不能这样操作。",
    "callback.choose_department": "转派给哪个部门？",
    # the morning digest and the weekly summary
    "digest.title": "📋 <b>{road} · {day} 日报</b>",
    "digest.counts": "新增 {new} · 签收 {acknowledged} · 处置 {resolved} · 结案 {closed}",
    "digest.open": "未结 {open} 张，其中超期 {overdue} 张",
    "digest.item": "#{number} {category} · {place} · {department} · {age}{overdue}",
    "digest.more": "……还有 {count} 张，发送 /status 查看全部",
    "digest.behind": "最落后：{department}（超期 {count} 张）",
    "digest.stale": "长期未结（已停止提醒，请街长关注）：{numbers}",
    "digest.none_open": "没有未结工单。👍",
    "age.days": "{days}天",
    "age.hours": "{hours}小时",
    "weekly.title": "📊 <b>{road}周报 · {start} 至 {end}</b>",
    "weekly.line": "{department}：受理 {tickets} · 结案率 {closure} · 按期结案率 {on_time} · "
    "按期签收率 {ack} · 返工率 {rework} · 平均处置 {mttr}",
    "weekly.overall": "合计：受理 {tickets} · 结案率 {closure} · 按期结案率 {on_time} · "
    "超期待处置 {overdue}",
    "weekly.empty": "本周没有工单。",
    "rate.none": "—",
    # assessment (综合评价)
    "period.today": "今日",
    "period.week": "本周",
    "period.month": "本月",
    "stats.title": "📊 <b>{scope} · {period}考核</b>（{first} 至 {last}）",
    "stats.volume": "受理 {tickets} · 结案率 {closure} · 按期结案率 {on_time} · 按期签收率 {ack}",
    "stats.quality": "返工率 {rework} · 准确派遣率 {dispatch} · 平均签收 {mtta} · 平均处置 {mttr}",
    "stats.overdue": "超期待处置 {overdue} 张",
    "stats.usage": "用法：/stats [today|week|month]（今日/本周/本月），/rank 同样",
    "stats.all_roads": "所辖道路",
    "rank.title": "🏆 <b>{scope} · {period}部门排名</b>（按期结案率 → 返工率 → 平均处置时长）",
    "rank.line": "{place}. {department}：按期结案率 {on_time} · 返工率 {rework} · "
    "平均处置 {mttr} · 受理 {tickets}",
    "rank.none": "这段时间没有工单。",
    "private.help": "您好，我是 StreetDesk。街长和街道办可以在这里用：/stats [today|week|month] "
    "所辖道路的考核数据，/rank 部门排名，/export [week|month] 导出台账（Excel）。",
    "private.not_chief": "这里的命令只供街长和街道办使用。请在道路联络群里反映问题。",
    "export.caption": "📎 {scope} 台账 · {first} 至 {last} · {count} 张工单",
    "weekly.chart_caption": "📊 {road} 本周图表",
    # commands
    "help": "我是街道联络群的工单助手。\n"
    "• 直接在群里说问题（可以带照片），例如“胜利路8号门口路灯不亮”，我会登记并通知负责部门。\n"
    "• 联络员回复工单卡片“收到”即签收，“已修好”即处置（可带照片）。\n"
    "• 报告人回复“好了谢谢”确认，“还是不亮”退回返工。\n"
    "命令：/report 问题 · /status 本群未结工单 · /ticket 编号 · /mine 我的待办 · "
    "/join 部门 · /bind 路名",
    "status.none": "本群目前没有未结工单。👍",
    "status.header": "未结工单 {count} 张（最早的在前）：",
    "status.line": "#{number} {category} · {place} · {state} · {department}{overdue}",
    "status.more": "……还有 {count} 张",
    "ticket.unknown": "没有找到工单 #{number}。",
    "ticket.usage": "用法：/ticket 编号，例如 /ticket 12",
    "ticket.history": "经过：",
    "ticket.event": "{when} {who} {what}",
    "mine.none": "您目前没有待办工单。",
    "mine.header": "您的待办工单 {count} 张：",
    "report.usage": "用法：/report 问题描述，例如 /report 胜利路8号门口路灯不亮",
    "bind.usage": "用法：/bind 路名，例如 /bind 胜利路",
    "bind.done": "本群已绑定为“{road}”的联络群。",
    "bind.taken": "“{road}”已绑定到另一个群。",
    "bind.admins_only": "只有群管理员可以绑定道路。",
    "join.usage": "用法：/join 部门代码。可选：{departments}",
    "join.unknown": "没有“{department}”这个部门。可选：{departments}",
    "join.requested": "{name} 申请成为{department}的联络员，请群管理员或街长点“批准”。",
    "join.approve": "✅ 批准",
    "join.approved": "{name} 已成为{department}的联络员。",
    "join.approvers_only": "只有群管理员或街长可以批准。",
    "cannot_read": "⚠️ 我现在看不到群里的普通消息，无法登记问题。请把我设为管理员，"
    "或在 @BotFather 中关闭隐私模式（/setprivacy → Disable）。",
    "unbound": "这个群还没有绑定道路，管理员可以发送 /bind 路名。",
    "event.report": "报告",
    "event.acknowledge": "签收",
    "event.resolve": "处置",
    "event.confirm": "确认修好",
    "event.close_uncontested": "无异议结案",
    "event.close": "结案",
    "event.reopen": "退回返工",
    "event.transfer": "转派",
    "event.extend": "延期",
    "event.mark_duplicate": "标为重复",
    "event.reject": "不予立案",
    "event.cancel": "撤销",
    "event.edit": "修改",
    "event.also_reported": "也反映了",
    "event.photo_added": "补充照片",
    "event.reminded": "提醒",
    "event.escalated": "升级",
    "nobody": "系统",
    "liaison": "联络员",
}

EN: dict[str, str] = {
    "card.title": "🧾 <b>Ticket #{number}</b> · {category}",
    "card.place": "📍 {place}",
    "card.department": "🏢 {department} {mentions}",
    "card.deadlines": "⏰ acknowledge by {ack_due} · resolve by {resolve_due}",
    "card.state": "State: <b>{state}</b>",
    "card.report": "💬 {reporter}: {text}",
    "card.photos": "📷 {count} photo(s)",
    "card.acknowledged": "✅ {when} acknowledged by {who}",
    "card.resolved": "🛠 {when} resolved by {who}",
    "card.closed.confirmed": "🏁 {when} confirmed by the reporter, closed",
    "card.closed.no_objection": "🏁 {when} closed, no objection",
    "card.closed.chief": "🏁 {when} closed by the street chief",
    "card.rework": "↩️ reopened {count} time(s)",
    "card.transferred": "↪️ transferred {count} time(s)",
    "card.extended": "⏳ extended {count} time(s)",
    "card.duplicate_of": "🔁 duplicate of #{number}",
    "card.also_reported": "👥 {count} more people reported it",
    "card.overdue": "⚠️ overdue",
    "card.reminded": "⏰ reminded {count} time(s) since the deadline",
    "card.escalated.head": "⬆️ escalated to the department head",
    "card.escalated.chief": "⬆️ escalated to the street chief",
    "deadline.ack": "acknowledge",
    "deadline.resolve": "resolve",
    "reminder": "⏰ #{number} ({category} · {place}) missed its deadline to {deadline} ({due}). "
    "{mentions} please see to it.",
    "escalation.head": "⬆️ #{number} ({category} · {place}) still waits to {deadline}: "
    "head of {department}, please follow up {mentions}",
    "escalation.chief": "⬆️ #{number} ({category} · {place}) still waits to {deadline}: "
    "street chief, please follow up {mentions}",
    "chase_summary.header": "⏰ {count} tickets are overdue:",
    "chase_summary.line": "#{number} {category} · {place} · {department} · waiting to {deadline}",
    "chase_summary.call": "{mentions} please see to them.",
    "chase_summary.more": "… and {count} more: send /status for all",
    "chase_summary.closed": "closed without objection after the verify window: {numbers}",
    "state.dispatched": "dispatched",
    "state.acknowledged": "acknowledged",
    "state.resolved": "resolved, awaiting confirmation",
    "state.closed": "closed",
    "state.reopened": "reopened",
    "state.duplicate": "duplicate",
    "state.rejected": "rejected",
    "state.cancelled": "cancelled",
    "close_reason.confirmed": "confirmed by the reporter",
    "close_reason.no_objection": "no objection in time",
    "close_reason.chief": "closed by the street chief",
    "button.acknowledge": "✅ Acknowledge",
    "button.resolve": "🛠 Resolved",
    "button.transfer": "↪️ Not ours",
    "button.confirm": "👍 Fixed",
    "button.reopen": "👎 Not fixed",
    "button.back": "« Back",
    "moved.acknowledge": "✅ #{number} acknowledged by {who}",
    "moved.resolve": "🛠 #{number} resolved by {who}",
    "moved.confirm": "🏁 #{number} confirmed fixed and closed. Thank you!",
    "moved.reopen": "↩️ #{number} is not fixed, says the reporter: back to {department}",
    "moved.transfer": "↪️ #{number} transferred to {department} {mentions}",
    "moved.close": "🏁 #{number} closed",
    "moved.cancel": "#{number} cancelled",
    "moved.reject": "#{number} rejected",
    "moved.extend": "⏳ #{number} may now be resolved by {resolve_due}",
    "moved.mark_duplicate": "🔁 #{number} is a duplicate of #{other}",
    "ask_confirm": "{reporters} your report #{number} ({category}) is marked resolved. "
    'Reply "fixed" if it is, or say what is still wrong. It closes by itself in '
    "{verify_hours} hours without an objection.",
    "already_open": "{reporter} this is already being handled: #{number} ({state}). "
    "Your report was added to it.",
    "which_ticket": "Several tickets could be meant: {numbers}. Please reply to the ticket card.",
    "refused.not_in_charge": "{name}, #{number} belongs to {department}: only its liaisons or "
    "the street chief can do that.",
    "refused.not_reporter": "{name}, only the reporter or the street chief can confirm or reopen "
    "#{number}.",
    "refused.chief_only": "{name}, only the street chief can do that.",
    "refused.transfer": "Only the department's liaisons or the street chief can transfer this "
    "ticket.",
    "extension.request": "⏳ {name} asks to move the deadline of #{number} ({category}) to "
    "{due}: {reason}. {chiefs} please approve.",
    "extension.approve": "✅ Approve",
    "extension.usage": "Usage: /extend number duration reason, "
    "e.g. /extend 12 2d waiting for parts",
    "extension.refused": "Only the department's liaisons may ask for more time, and only the "
    "street chief may grant it.",
    "extension.not_now": "#{number} cannot be extended now "
    "(it must be acknowledged, not resolved).",
    "callback.done": "Done",
    "callback.stale": "This button is out of date; see the latest ticket card.",
    "callback.not_now": "#{number} is {state}; that is not possible now.",
    "callback.choose_department": "Transfer to which department?",
    "digest.title": "📋 <b>{road} · digest for {day}</b>",
    "digest.counts": "new {new} · acknowledged {acknowledged} · resolved {resolved} · "
    "closed {closed}",
    "digest.open": "{open} open, {overdue} of them overdue",
    "digest.item": "#{number} {category} · {place} · {department} · {age}{overdue}",
    "digest.more": "… and {count} more: send /status for all",
    "digest.behind": "most behind: {department} ({count} overdue)",
    "digest.stale": "open for long (no longer reminded; for the chief): {numbers}",
    "digest.none_open": "Nothing open. 👍",
    "age.days": "{days}d",
    "age.hours": "{hours}h",
    "weekly.title": "📊 <b>{road} weekly summary · {start} to {end}</b>",
    "weekly.line": "{department}: tickets {tickets} · closure {closure} · on time {on_time} · "
    "ack on time {ack} · rework {rework} · mean resolve {mttr}",
    "weekly.overall": "all: tickets {tickets} · closure {closure} · on time {on_time} · "
    "overdue now {overdue}",
    "weekly.empty": "No tickets this week.",
    "rate.none": "—",
    "period.today": "today",
    "period.week": "this week",
    "period.month": "this month",
    "stats.title": "📊 <b>{scope} · {period}</b> ({first} to {last})",
    "stats.volume": "tickets {tickets} · closure {closure} · on-time closure {on_time} · "
    "on-time ack {ack}",
    "stats.quality": "rework {rework} · accurate dispatch {dispatch} · mean ack {mtta} · "
    "mean resolve {mttr}",
    "stats.overdue": "{overdue} overdue now",
    "stats.usage": "Usage: /stats [today|week|month]; /rank likewise",
    "stats.all_roads": "your roads",
    "rank.title": "🏆 <b>{scope} · departments, {period}</b> (on-time closure, then rework, "
    "then mean time to resolve)",
    "rank.line": "{place}. {department}: on-time closure {on_time} · rework {rework} · "
    "mean resolve {mttr} · tickets {tickets}",
    "rank.none": "No tickets in this period.",
    "private.help": "Hello, this is StreetDesk. Street chiefs and the street office can use: "
    "/stats [today|week|month] for their roads, /rank for the department ranking, "
    "/export [week|month] for the ledger as Excel.",
    "private.not_chief": "These commands are for street chiefs and the street office. Please "
    "report problems in your road's liaison group.",
    "export.caption": "📎 {scope} ledger · {first} to {last} · {count} tickets",
    "weekly.chart_caption": "📊 {road} this week in a chart",
    "help": "I keep the tickets of this street's liaison group.\n"
    '• Just describe a problem here (a photo helps), e.g. "street light out at No. 8": '
    "I register it and call the department in charge.\n"
    '• Liaisons reply "got it" to a ticket card to acknowledge, "fixed" to resolve.\n'
    '• Reporters reply "thanks, fixed" to confirm, or "still broken" to reopen.\n'
    "Commands: /report text · /status open tickets · /ticket number · /mine · "
    "/join department · /bind road",
    "status.none": "No open tickets in this group. 👍",
    "status.header": "{count} open ticket(s), oldest first:",
    "status.line": "#{number} {category} · {place} · {state} · {department}{overdue}",
    "status.more": "… and {count} more",
    "ticket.unknown": "There is no ticket #{number}.",
    "ticket.usage": "Usage: /ticket number, e.g. /ticket 12",
    "ticket.history": "History:",
    "ticket.event": "{when} {who} {what}",
    "mine.none": "You have no open tickets.",
    "mine.header": "Your {count} open ticket(s):",
    "report.usage": "Usage: /report description, e.g. /report street light out at No. 8",
    "bind.usage": "Usage: /bind road name",
    "bind.done": 'This group is now the liaison group of "{road}".',
    "bind.taken": '"{road}" is bound to another group.',
    "bind.admins_only": "Only group admins can bind a road.",
    "join.usage": "Usage: /join department key. One of: {departments}",
    "join.unknown": 'There is no department "{department}". One of: {departments}',
    "join.requested": "{name} asks to be a liaison of {department}; a group admin or the "
    "street chief may approve.",
    "join.approve": "✅ Approve",
    "join.approved": "{name} is now a liaison of {department}.",
    "join.approvers_only": "Only group admins or the street chief can approve.",
    "cannot_read": "⚠️ I cannot read ordinary messages in this group, so I cannot register "
    "reports. Make me an admin, or disable privacy mode in @BotFather (/setprivacy → Disable).",
    "unbound": "This group is not bound to a road yet; an admin can send /bind road name.",
    "event.report": "reported",
    "event.acknowledge": "acknowledged",
    "event.resolve": "resolved",
    "event.confirm": "confirmed",
    "event.close_uncontested": "closed without objection",
    "event.close": "closed",
    "event.reopen": "reopened",
    "event.transfer": "transferred",
    "event.extend": "extended",
    "event.mark_duplicate": "marked duplicate",
    "event.reject": "rejected",
    "event.cancel": "cancelled",
    "event.edit": "edited",
    "event.also_reported": "also reported",
    "event.photo_added": "added a photo",
    "event.reminded": "reminded",
    "event.escalated": "escalated",
    "nobody": "the bot",
    "liaison": "liaison",
}

CATALOGUES: dict[str, dict[str, str]] = {"zh": ZH, "en": EN}


class Texts:
    """One language's catalogue. A missing key is a programming error, never a silent blank."""

    def __init__(self, language: str) -> None:
        if language not in CATALOGUES:
            raise ValueError(f"no texts for language {language!r}")
        self.language = language
        self._catalogue = CATALOGUES[language]

    def __call__(self, key: str, **values: object) -> str:
        return self._catalogue[key].format(**values)

    def get(self, key: str, default: str) -> str:
        """The text for a key made from data (a state read from the database), or `default`
        when the catalogue has none: an old or newer value is shown as it is, not lost."""
        text = self._catalogue.get(key)
        return default if text is None else text
