"""The figures in words: the chief's morning digest, the weekly summary, /stats and /rank.

Every name from the config or a user is escaped before it goes into a template."""

from __future__ import annotations

from datetime import timedelta

from bot.rendering import Renderer, escape
from tickets.assessment import Assessed, Period
from tickets.digest import Digest, WeeklySummary
from tickets.figures import ranking

# Tickets named on the digest's "open for long" line; the chief finds the rest with /status.
STALE_SHOWN = 30


class FigureTexts:
    def __init__(self, renderer: Renderer) -> None:
        self._names = renderer
        self.t = renderer.t

    def age(self, age: timedelta) -> str:
        if age >= timedelta(days=1):
            return self.t("age.days", days=age.days)
        return self.t("age.hours", hours=max(0, int(age.total_seconds() // 3600)))

    def digest(self, digest: Digest) -> str:
        t = self.t
        lines = [
            t("digest.title", road=escape(digest.road), day=digest.day.isoformat()),
            t(
                "digest.counts",
                new=digest.new,
                acknowledged=digest.acknowledged,
                resolved=digest.resolved,
                closed=digest.closed,
            ),
            t("digest.open", open=digest.open, overdue=digest.overdue)
            if digest.open
            else t("digest.none_open"),
        ]
        for item in digest.items:
            lines.append(
                t(
                    "digest.item",
                    number=item.number,
                    category=escape(self._names.category_name(item.category)),
                    place=escape(item.place),
                    department=escape(self._names.department_name(item.department)),
                    age=self.age(item.age),
                    overdue=" ⚠️" if item.overdue else "",
                )
            )
        if digest.more:
            lines.append(t("digest.more", count=digest.more))
        if digest.most_behind:
            lines.append(
                t(
                    "digest.behind",
                    department=escape(self._names.department_name(digest.most_behind)),
                    count=digest.most_behind_overdue,
                )
            )
        if digest.stale:
            shown = " ".join(f"#{n}" for n in digest.stale[:STALE_SHOWN])
            if len(digest.stale) > STALE_SHOWN:
                shown += " " + t("status.more", count=len(digest.stale) - STALE_SHOWN)
            lines.append(t("digest.stale", numbers=shown))
        return "\n".join(lines)

    def rate(self, value: float | None) -> str:
        return self.t("rate.none") if value is None else f"{value:.0%}"

    def duration(self, value: timedelta | None) -> str:
        if value is None:
            return self.t("rate.none")
        hours = value.total_seconds() / 3600
        return f"{hours:.1f}h" if hours < 48 else f"{hours / 24:.1f}d"

    def weekly(self, summary: WeeklySummary) -> str:
        t = self.t
        lines = [
            t(
                "weekly.title",
                road=escape(summary.road),
                start=summary.start.isoformat(),
                end=(summary.end - timedelta(days=1)).isoformat(),
            )
        ]
        if not summary.overall.tickets and not summary.per_department:
            lines.append(t("weekly.empty"))
            return "\n".join(lines)
        for department, f in ranking(summary.per_department):
            lines.append(
                t(
                    "weekly.line",
                    department=escape(self._names.department_name(department)),
                    tickets=f.tickets,
                    closure=self.rate(f.closure_rate),
                    on_time=self.rate(f.on_time_closure_rate),
                    ack=self.rate(f.on_time_ack_rate),
                    rework=self.rate(f.rework_rate),
                    mttr=self.duration(f.mean_time_to_resolve),
                )
            )
        o = summary.overall
        lines.append(
            t(
                "weekly.overall",
                tickets=o.tickets,
                closure=self.rate(o.closure_rate),
                on_time=self.rate(o.on_time_closure_rate),
                overdue=o.overdue_now,
            )
        )
        return "\n".join(lines)

    def stats(self, assessed: Assessed, period: Period, scope: str) -> str:
        f, w = assessed.overall, assessed.window
        t = self.t
        return "\n".join(
            [
                t(
                    "stats.title",
                    scope=escape(scope),
                    period=t(f"period.{period.value}"),
                    first=w.first_day.isoformat(),
                    last=w.last_day.isoformat(),
                ),
                t(
                    "stats.volume",
                    tickets=f.tickets,
                    closure=self.rate(f.closure_rate),
                    on_time=self.rate(f.on_time_closure_rate),
                    ack=self.rate(f.on_time_ack_rate),
                ),
                t(
                    "stats.quality",
                    rework=self.rate(f.rework_rate),
                    dispatch=self.rate(f.accurate_dispatch_rate),
                    mtta=self.duration(f.mean_time_to_ack),
                    mttr=self.duration(f.mean_time_to_resolve),
                ),
                t("stats.overdue", overdue=f.overdue_now),
            ]
        )

    def rank(self, assessed: Assessed, period: Period, scope: str) -> str:
        t = self.t
        lines = [t("rank.title", scope=escape(scope), period=t(f"period.{period.value}"))]
        if not assessed.per_department:
            lines.append(t("rank.none"))
        for place, (department, f) in enumerate(ranking(assessed.per_department), start=1):
            lines.append(
                t(
                    "rank.line",
                    place=place,
                    department=escape(self._names.department_name(department)),
                    on_time=self.rate(f.on_time_closure_rate),
                    rework=self.rate(f.rework_rate),
                    mttr=self.duration(f.mean_time_to_resolve),
                    tickets=f.tickets,
                )
            )
        return "\n".join(lines)
