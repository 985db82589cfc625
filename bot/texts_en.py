"""The bot's words in English: HTML templates for `str.format`, by key (see bot/texts.py)."""

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
    "card.triage": "🔀 Category unclear, for the street office to route: tap the likeliest "
    "department below, or \u201cOther department\u201d",
    "card.correct": "✏️ {when} {who} corrected the category (was {category})",
    "card.correct_place": "📍 {when} {who} corrected the place (was {place})",
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
    "button.route": "➡️ {department} · {category}",
    "button.other_department": "↪️ Other department",
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
    "moved.correct": "✏️ #{number} {who} corrected it to \u201c{category}\u201d, "
    "now with {department} {mentions}",
    "moved.correct_place": "📍 #{number} {who} corrected the place: {place}",
    "ask_confirm": "{reporters} your report #{number} ({category}) is marked resolved. "
    'Reply "fixed" if it is, or say what is still wrong. It closes by itself in '
    "{verify_hours} hours without an objection.",
    "already_open": "{reporter} this is already being handled: #{number} ({state}). "
    "Your report was added to it.",
    "flood.person": "{name}, you have made {count} reports in the last hour. Further reports are "
    "still recorded (from #{number} on) but get no card of their own, so the group is not "
    "flooded; liaisons and the street chief see them with /status.",
    "flood.group": "This group has made {count} reports in the last hour. Further reports are "
    "still recorded (from #{number} on) but get no card of their own for now, so the group is "
    "not flooded; liaisons and the street chief see them with /status.",
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
    "/export [week|month] for the ledger as Excel, /web for a one-time sign-in link to the "
    "web ledger.",
    "web.link": "Your one-time sign-in link to the web ledger (valid {minutes} minutes, one use):"
    "\n{link}",
    "web.not_allowed": "The web ledger is for the street office, the street chiefs and the "
    "department heads.",
    "private.not_chief": "These commands are for street chiefs and the street office. Please "
    "report problems in your road's liaison group.",
    "export.caption": "📎 {scope} ledger · {first} to {last} · {count} tickets",
    "weekly.chart_caption": "📊 {road} this week in a chart",
    "help": "I keep the tickets of this street's liaison group.\n"
    '• Just describe a problem here (a photo helps), e.g. "street light out at No. 8": '
    "I register it and call the department in charge.\n"
    '• Liaisons reply "got it" to a ticket card to acknowledge, "fixed" to resolve.\n'
    '• Reporters reply "thanks, fixed" to confirm, or "still broken" to reopen.\n'
    '• Wrong office or place? Liaisons and the chief reply to the card "should be sanitation" '
    'or "place: under building 3"; a report I missed: reply "立案" to it.\n'
    "Commands: /report text · /status open tickets · /ticket number · /mine · "
    "/join department · /leave · /bind road",
    "status.none": "No open tickets in this group. 👍",
    "status.header": "{count} open ticket(s), oldest first:",
    "status.line": "#{number} {category} · {place} · {state} · {department}{overdue}",
    "limits.more_lines": "… ({count} more lines left out: too long for one message)",
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
    "bind.already": 'This group already is the liaison group of "{road}".',
    "bind.replaced": 'This group was the liaison group of "{before}"; it now serves "{road}".',
    "bind.moved_away": 'The street office moved "{road}" to another group; its tickets are no '
    "longer handled here.",
    "bind.who_may": "Only the street office's admins, or this road's chief who is an admin of "
    "the group, can bind a road; only the street office's admins can add a new road or move a "
    "road to another group.",
    "unbind.who_may": "Only the street office's admins, or this road's chief who is an admin of "
    "the group, can unbind it.",
    "unbind.done": 'This group no longer serves "{road}": messages here are no longer recorded; '
    "its tickets stay in the ledger.",
    "join.usage": "Usage: /join department, e.g. /join Sanitation. One of: {departments}",
    "join.unknown": 'There is no department "{department}". One of: {departments}',
    "join.which": "Which department? Please write it in full: {departments}",
    "join.already": "{name} already is a liaison of {department}.",
    "join.requested": "{name} asks to be a liaison of {department}; a group admin or the "
    "street chief may approve.",
    "join.approve": "✅ Approve",
    "join.approved": "{name} is now a liaison of {department}.",
    "join.approvers_only": "Only group admins or the street chief can approve.",
    "cli.roads.now": "Roads and their groups now:",
    "cli.roads.records": "Bound and unbound in chat (when, what, road, group, by):",
    "cli.roads.none": "(none yet)",
    "cli.roads.no_group": "no group",
    "cli.roads.group": "group {chat}",
    "cli.roads.topic": "group {chat} topic {topic}",
    "cli.roads.bind": "bind",
    "cli.roads.unbind": "unbind",
    "leave.usage": "Usage: /leave, or /leave department. One of: {departments}",
    "leave.done": "{name} is no longer a liaison of {department}.",
    "leave.none": "You are not a liaison who joined this group with /join.",
    "leave.configured": "You are a liaison in the configuration file; please ask the street "
    "office to change it.",
    "remove.who_may": "Only this road's chief, a group admin or the street office's admins can "
    "remove a liaison.",
    "remove.usage": "Usage: reply to the liaison's message with /remove, or /remove @username "
    "[department]. Departments: {departments}",
    "remove.done": "{name} is no longer a liaison of {department}.",
    "remove.none": "{name} is not a liaison who joined this group with /join.",
    "cannot_read": "⚠️ I cannot read ordinary messages in this group, so I cannot register "
    "reports. Make me an admin, or disable privacy mode in @BotFather (/setprivacy → Disable).",
    "unbound": "This group is not bound to a road yet; an admin can send /bind road name.",
    "event.report": "reported",
    "event.report_registered": "reported ({name} registered it)",
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
    "event.correct": "corrected the category",
    "event.correct_place": "corrected the place",
    "event.also_reported": "also reported",
    "event.photo_added": "added a photo",
    "event.reminded": "reminded",
    "event.escalated": "escalated",
    "nobody": "the bot",
    "liaison": "liaison",
    # for the street office's admins
    "admin.set_aside": "⚠️ A message for {chat} ({kind}) could not be prepared and was set "
    "aside: {error}",
}
