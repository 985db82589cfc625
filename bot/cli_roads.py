"""`streetdesk roads`: each road and the group it serves now, and the record of every /bind and
/unbind made in chat (who, when, which group), so the office can see who set a group up."""

from __future__ import annotations

import asyncio
import json
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import click

from bot.cli_options import config_option, load
from bot.services import open_services
from bot.settings import Settings
from bot.system_clock import SystemClock
from bot.texts import Texts
from tickets.office import Office
from tickets.ports import BindingRecord
from tickets.roads import Roads
from tickets.taxonomy import Road


@click.command("roads")
@config_option
@click.option("--json", "as_json", is_flag=True, help="JSON Lines instead of a table.")
def roads(config_path: Path | None, as_json: bool) -> None:
    """Each road with its group now, then every bind and unbind made in chat, oldest first."""
    settings = load(config_path)
    current, records, names = asyncio.run(_read(settings))
    zone = ZoneInfo(settings.timezone)
    if as_json:
        click.echo(_as_json_lines(current, records, zone), nl=False)
        return
    click.echo(_as_table(current, records, names, zone, Texts(settings.language)), nl=False)


async def _read(
    settings: Settings,
) -> tuple[list[Road], list[BindingRecord], dict[int, tuple[str, str | None]]]:
    async with (
        open_services(settings, SystemClock()) as services,
        services.database.unit_of_work() as uow,
    ):
        office: Office = services.office
        current = await Roads(uow, office.taxonomy.roads).all()
        records = await uow.roads.records()
        names = await uow.people.names({r.by for r in records if r.by is not None})
    return current, records, names


def _place(chat_id: int | None, thread_id: int | None, t: Texts) -> str:
    if chat_id is None:
        return t("cli.roads.no_group")
    if thread_id is None:
        return t("cli.roads.group", chat=chat_id)
    return t("cli.roads.topic", chat=chat_id, topic=thread_id)


def _as_table(
    current: list[Road],
    records: list[BindingRecord],
    names: dict[int, tuple[str, str | None]],
    zone: ZoneInfo,
    t: Texts,
) -> str:
    lines = [t("cli.roads.now")]
    lines += [f"  {road.name}\t{_place(road.chat_id, road.thread_id, t)}" for road in current]
    lines.append(t("cli.roads.records"))
    if not records:
        lines.append(f"  {t('cli.roads.none')}")
    for record in records:
        who = "?" if record.by is None else str(record.by)
        name = names.get(record.by or 0, ("", None))[0]
        lines.append(
            "  "
            + "\t".join(
                [
                    _local(record.at, zone),
                    t(f"cli.roads.{record.action.value}"),
                    record.road,
                    _place(record.chat_id, record.thread_id, t),
                    f"{who} {name}".strip(),
                ]
            )
        )
    return "\n".join(lines) + "\n"


def _as_json_lines(current: list[Road], records: list[BindingRecord], zone: ZoneInfo) -> str:
    lines = [
        {"road": road.name, "chat_id": road.chat_id, "thread_id": road.thread_id}
        for road in current
    ]
    lines += [
        {
            "record": record.action.value,
            "road": record.road,
            "chat_id": record.chat_id,
            "thread_id": record.thread_id,
            "by": record.by,
            "at": record.at.astimezone(zone).isoformat(),
        }
        for record in records
    ]
    return "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)


def _local(moment: datetime, zone: ZoneInfo) -> str:
    return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M")
