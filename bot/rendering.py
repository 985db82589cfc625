"""Turning tickets and notices into Telegram messages: HTML text, mentions and buttons.

Every piece of text that came from a user or from the config is escaped here before it goes into
a template, so a shopkeeper called "<b>&" is shown as written and never breaks a message.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.settings import Settings
from bot.texts import Texts
from tickets.lifecycle import Action, Note, State
from tickets.model import Event, Ticket
from tickets.requests import Person
from tickets.routing import responsible_department
from tickets.taxonomy import Taxonomy
from tickets.triage import in_triage

# Telegram's limit is 4096 characters; a card quotes the report, which may be long.
MAX_QUOTED_REPORT = 600
MAX_SUMMARY_LINES = 15  # a catch-up summary lists this many tickets, then "and N more"
MAX_MENTIONS = 20


def escape(text: str) -> str:
    return html.escape(text, quote=False)


def mention(person: Person, fallback: str = "") -> str:
    """@username where there is one; otherwise a tg://user link, which needs no username. One
    who is not a Telegram user (a city platform's request, id 0) is named without a link."""
    if person.user_id <= 0:
        return escape(person.name or fallback)
    if person.username:
        return f"@{escape(person.username)}"
    label = escape(person.name or fallback or str(person.user_id))
    return f'<a href="tg://user?id={int(person.user_id)}">{label}</a>'


def shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class Renderer:
    def __init__(
        self, taxonomy: Taxonomy, texts: Texts, zone: ZoneInfo, verify_within: timedelta
    ) -> None:
        self._taxonomy = taxonomy
        self.t = texts
        self._zone = zone
        self._verify_within = verify_within

    # --- names --------------------------------------------------------------------------

    @property
    def taxonomy(self) -> Taxonomy:
        return self._taxonomy

    def category_name(self, key: str) -> str:
        category = self._taxonomy.categories.get(key)
        if category is None:
            return key
        return category.name_en or category.name if self.t.language == "en" else category.name

    def category_short_name(self, key: str) -> str:
        """The first of a category's names ("暴露垃圾" of 暴露垃圾/垃圾未清运/渣土): a button's
        label."""
        return self.category_name(key).split("/")[0].strip()

    def department_for(self, ticket: Ticket, category: str) -> str:
        """The department a ticket of `category` goes to on its road."""
        return responsible_department(self._taxonomy, category, ticket.road)

    def department_name(self, key: str) -> str:
        department = self._taxonomy.departments.get(key)
        if department is None:
            return key
        if self.t.language == "en":
            return department.name_en or department.name
        return department.name

    def when(self, moment: datetime) -> str:
        return moment.astimezone(self._zone).strftime("%m-%d %H:%M")

    def place(self, ticket: Ticket) -> str:
        return escape(ticket.location or ticket.road)

    def say(self, key: str, args: Mapping[str, object]) -> str:
        """A sentence the desk chose (a notice's key and values): department and category keys
        are shown by their names, a state in words, every other text escaped."""
        values: dict[str, object] = {}
        for name, value in args.items():
            if name == "department":
                value = escape(self.department_name(str(value)))
            elif name == "category":
                value = escape(self.category_name(str(value)))
            elif name == "state":
                value = self.t(f"state.{value}")
            elif name == "road" and value == "":
                value = self.t("stats.all_roads")
            elif isinstance(value, str):
                value = escape(value)
            values[name] = value
        return self.t(key, **values)

    # --- the card -----------------------------------------------------------------------

    def card(
        self,
        ticket: Ticket,
        liaisons: Sequence[Person],
        people: Mapping[int, Person],
        now: datetime,
    ) -> str:
        t = self.t
        mentions = " ".join(mention(p, t("liaison")) for p in liaisons)
        lines = [
            t(
                "card.title",
                number=ticket.number,
                category=escape(self.category_name(ticket.category)),
            ),
            t("card.place", place=self.place(ticket)),
            t(
                "card.department",
                department=escape(self.department_name(ticket.department)),
                mentions=mentions,
            ).rstrip(),
        ]
        if ticket.is_active:
            lines.append(
                t(
                    "card.deadlines",
                    ack_due=self.when(ticket.ack_due),
                    resolve_due=self.when(ticket.resolve_due),
                )
            )
        lines.append(t("card.state", state=t(f"state.{ticket.state.value}")))
        if in_triage(ticket, self._taxonomy):
            lines.append(t("card.triage"))
        if ticket.overdue(now):
            lines.append(t("card.overdue"))
        reporter = people.get(ticket.reporter_id or 0) or Person(
            ticket.reporter_id or 0, ticket.reporter_name
        )
        lines.append(
            t(
                "card.report",
                reporter=escape(reporter.name or ticket.reporter_name),
                text=escape(shorten(ticket.text, MAX_QUOTED_REPORT)),
            )
        )
        if ticket.photos:
            lines.append(t("card.photos", count=len(ticket.photos)))
        others = {e.by for e in ticket.events if e.kind is Note.ALSO_REPORTED} - {
            ticket.reporter_id
        }
        if others:
            lines.append(t("card.also_reported", count=len(others)))
        lines.extend(self._history_lines(ticket, people))
        return "\n".join(lines)

    def _history_lines(self, ticket: Ticket, people: Mapping[int, Person]) -> list[str]:
        t = self.t
        lines = []
        if ticket.acknowledged_at and ticket.state is not State.DISPATCHED:
            who = self._last_actor(ticket, Action.ACKNOWLEDGE, Action.RESOLVE, people)
            lines.append(t("card.acknowledged", when=self.when(ticket.acknowledged_at), who=who))
        if ticket.resolved_at:
            who = self._last_actor(ticket, Action.RESOLVE, None, people)
            lines.append(t("card.resolved", when=self.when(ticket.resolved_at), who=who))
        if ticket.state is State.CLOSED and ticket.closed_at and ticket.close_reason:
            lines.append(
                t(f"card.closed.{ticket.close_reason.value}", when=self.when(ticket.closed_at))
            )
        if ticket.duplicate_of:
            lines.append(t("card.duplicate_of", number=ticket.duplicate_of))
        lines.extend(self._correction_lines(ticket, people))
        lines.extend(self._chase_lines(ticket))
        for key, count in (
            ("card.rework", ticket.rework_count),
            ("card.transferred", ticket.transfer_count),
            ("card.extended", ticket.extension_count),
        ):
            if count:
                lines.append(t(key, count=count))
        return lines

    def _correction_lines(self, ticket: Ticket, people: Mapping[int, Person]) -> list[str]:
        """The last correction of what it is and of where, with who made it."""
        lines = []
        for action in (Action.CORRECT, Action.CORRECT_PLACE):
            event = next((e for e in reversed(ticket.events) if e.kind is action), None)
            if event is None:
                continue
            who = (people.get(event.by) or Person(event.by)).name if event.by else ""
            values = {
                "when": self.when(event.at),
                "who": escape(who or str(event.by or self.t("nobody"))),
                "category": escape(self.category_name(str(event.data.get("from_category", "")))),
                "place": escape(str(event.data.get("from_location") or ticket.road)),
            }
            lines.append(self.t(f"card.{action.value}", **values))
        return lines

    def _chase_lines(self, ticket: Ticket) -> list[str]:
        """While the current deadline is chased: how often reminded, and who was called."""
        if not ticket.is_active or not ticket.chase_level:
            return []
        lines = []
        since = ticket.dispatched_at or ticket.created_at
        chase = [e for e in ticket.events if e.at >= since]
        reminders = sum(1 for e in chase if e.kind is Note.REMINDED)
        if reminders:
            lines.append(self.t("card.reminded", count=reminders))
        for event in chase:
            if event.kind is Note.ESCALATED and event.data.get("to") in ("head", "chief"):
                lines.append(self.t(f"card.escalated.{event.data['to']}"))
        return lines

    def _last_actor(
        self,
        ticket: Ticket,
        action: Action,
        alternative: Action | None,
        people: Mapping[int, Person],
    ) -> str:
        for event in reversed(ticket.events):
            if event.kind is action or (alternative is not None and event.kind is alternative):
                if event.by is None:
                    return escape(self.t("nobody"))
                person = people.get(event.by) or Person(event.by)
                return escape(person.name or str(event.by))
        return ""

    # --- the short messages ------------------------------------------------------------------

    def moved(self, ticket: Ticket, action: Action, who: Person, liaisons: Sequence[Person]) -> str:
        return self.t(
            f"moved.{action.value}",
            number=ticket.number,
            who=escape(who.name or str(who.user_id)),
            department=escape(self.department_name(ticket.department)),
            mentions=" ".join(mention(p) for p in liaisons),
            resolve_due=self.when(ticket.resolve_due),
            other=ticket.duplicate_of or "",
            category=escape(self.category_name(ticket.category)),
            place=self.place(ticket),
        ).rstrip()

    def ask_confirm(self, ticket: Ticket, reporters: Sequence[Person]) -> str:
        return self.t(
            "ask_confirm",
            reporters=" ".join(mention(p) for p in reporters),
            number=ticket.number,
            category=escape(self.category_name(ticket.category)),
            verify_hours=round(self._verify_within.total_seconds() / 3600),
        )

    def reminder(self, ticket: Ticket, deadline: str, people: Sequence[Person]) -> str:
        due = ticket.ack_due if deadline == "ack" else ticket.resolve_due
        return self.t(
            "reminder",
            deadline=self.t(f"deadline.{deadline}"),
            due=self.when(due),
            mentions=" ".join(mention(p, self.t("liaison")) for p in people),
            **self._what(ticket),
        ).rstrip()

    def escalation(
        self, ticket: Ticket, deadline: str, level: str, people: Sequence[Person]
    ) -> str:
        return self.t(
            f"escalation.{level}",
            deadline=self.t(f"deadline.{deadline}"),
            department=escape(self.department_name(ticket.department)),
            mentions=" ".join(mention(p) for p in people),
            **self._what(ticket),
        ).rstrip()

    def chase_summary(
        self,
        items: Sequence[tuple[Ticket, str]],
        people: Sequence[Person],
        closed: Sequence[int] = (),
        total: int | None = None,
    ) -> str:
        """However many tickets fell due, one message that fits Telegram's 4096 characters.

        `total` counts all the overdue tickets when only the first few were loaded as `items`.
        """
        total = len(items) if total is None else total
        lines = [self.t("chase_summary.header", count=total)] if items else []
        for ticket, deadline in items[:MAX_SUMMARY_LINES]:
            lines.append(
                self.t(
                    "chase_summary.line",
                    deadline=self.t(f"deadline.{deadline}"),
                    department=escape(self.department_name(ticket.department)),
                    **self._what(ticket),
                )
            )
        shown = min(len(items), MAX_SUMMARY_LINES)
        if total > shown:
            lines.append(self.t("chase_summary.more", count=total - shown))
        if closed:
            numbers = " ".join(f"#{n}" for n in closed[: MAX_SUMMARY_LINES * 3])
            lines.append(self.t("chase_summary.closed", numbers=numbers))
        if people:
            mentions = " ".join(mention(p, self.t("liaison")) for p in people[:MAX_MENTIONS])
            lines.append(self.t("chase_summary.call", mentions=mentions))
        return "\n".join(lines)

    def _what(self, ticket: Ticket) -> dict[str, object]:
        return {
            "number": ticket.number,
            "place": self.place(ticket),
            "category": escape(self.category_name(ticket.category)),
        }

    def extension_request(
        self, ticket: Ticket, due: datetime, reason: str, name: str, chiefs: Sequence[Person]
    ) -> str:
        return self.t(
            "extension.request",
            name=escape(name),
            number=ticket.number,
            category=escape(self.category_name(ticket.category)),
            due=self.when(due),
            reason=escape(reason),
            chiefs=" ".join(mention(p) for p in chiefs),
        ).rstrip()

    def already_open(self, ticket: Ticket, reporter: Person) -> str:
        return self.t(
            "already_open",
            reporter=mention(reporter),
            number=ticket.number,
            state=self.t(f"state.{ticket.state.value}"),
        )

    def refused(self, ticket: Ticket | None, refusal: str, name: str) -> str:
        return self.t(
            f"refused.{refusal}",
            name=escape(name),
            number=ticket.number if ticket else "",
            department=escape(self.department_name(ticket.department)) if ticket else "",
        )

    def which_ticket(self, numbers: Sequence[int]) -> str:
        return self.t("which_ticket", numbers="、".join(f"#{n}" for n in numbers))

    def status_line(self, ticket: Ticket, now: datetime) -> str:
        return self.t(
            "status.line",
            number=ticket.number,
            category=escape(self.category_name(ticket.category)),
            place=self.place(ticket),
            state=self.t(f"state.{ticket.state.value}"),
            department=escape(self.department_name(ticket.department)),
            overdue=" ⚠️" if ticket.overdue(now) else "",
        )

    def history(self, ticket: Ticket, people: Mapping[int, Person]) -> list[str]:
        lines = []
        for event in ticket.events:
            who = (people.get(event.by) or Person(event.by)).name if event.by else ""
            lines.append(
                self.t(
                    "ticket.event",
                    when=self.when(event.at),
                    who=escape(who or (str(event.by) if event.by else self.t("nobody"))),
                    what=self._what_happened(event),
                )
            )
        return lines

    def _what_happened(self, event: Event) -> str:
        """An event in the history's words; a report a liaison registered ("立案") names them."""
        registered = event.data.get("registered_by_name") if event.kind is Action.REPORT else None
        if registered:
            return self.t("event.report_registered", name=escape(str(registered)))
        return self.t(f"event.{event.kind.value}")


def renderer_for(settings: Settings, taxonomy: Taxonomy) -> Renderer:
    """The renderer as the configuration asks: its language, timezone and verify window."""
    return Renderer(
        taxonomy,
        Texts(settings.language),
        ZoneInfo(settings.timezone),
        settings.intake.verify_within.around_the_clock(),
    )
