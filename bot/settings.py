"""The one configuration file (TOML) with environment overrides, validated before anything starts.

The street office edits one file. A mistake in it must stop start-up with the file, the key and
the reason, all problems at once, so that one edit fixes them: pydantic checks each value, and
`_check_references` checks what refers to what (a category's department, a road's overrides).
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from datetime import date, time
from pathlib import Path
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    SecretStr,
    ValidationError,
)
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from bot.config_errors import ConfigError, describe
from bot.config_values import (
    ConfigDuration,
    ConfigInterval,
    Key,
    UserIds,
    Weekday,
    check_timezone,
)
from tickets.calendar import Calendar, WorkingHours
from tickets.chasing import ChasePolicy
from tickets.durations import Duration
from tickets.taxonomy import Category, ClockKind, Department, Road, Taxonomy

DEFAULT_CONFIG_PATH = Path("streetdesk.toml")
PUBLIC_BOT_API = "https://api.telegram.org"
ENV_PREFIX = "STREETDESK_"


class _Section(BaseModel):
    # A misspelt key silently ignored would be worse than a refusal to start.
    model_config = ConfigDict(extra="forbid", frozen=True)


class TelegramSettings(_Section):
    token: SecretStr = SecretStr("")
    api_base: str = PUBLIC_BOT_API
    mode: Literal["polling", "webhook"] = "polling"
    webhook_url: str = ""  # the public HTTPS address Telegram posts updates to
    webhook_listen: str = "127.0.0.1"  # where the webhook server listens (behind a proxy)
    webhook_port: int = Field(default=8080, ge=1, le=65535)
    webhook_secret: SecretStr = SecretStr("")  # checked on every update Telegram posts
    per_chat_per_minute: int = Field(default=20, ge=1)
    per_chat_interval: ConfigInterval = Field(default_factory=lambda: Duration(seconds=1))
    global_per_second: int = Field(default=30, ge=1)


class IntakeSettings(_Section):
    photo_window: ConfigDuration = Field(default_factory=lambda: Duration(seconds=120))
    verify_within: ConfigDuration = Field(default_factory=lambda: Duration(seconds=24 * 3600))
    keep_updates: ConfigDuration = Field(default_factory=lambda: Duration(days=7))


class DatabaseSettings(_Section):
    url: str = "sqlite+aiosqlite:///streetdesk.sqlite3"


class WorkingHoursSettings(_Section):
    days: list[Weekday] = Field(default_factory=lambda: [1, 2, 3, 4, 5])
    start: time = time(9, 0)
    end: time = time(18, 0)
    # The State Council's holidays and make-up days (the `holidays` package); the two lists
    # below are the office's own days off and days worked, and win over it.
    official: bool = True
    holidays: list[date] = Field(default_factory=list)
    workdays: list[date] = Field(default_factory=list)


class SchedulerSettings(_Section):
    sweep_every: ConfigDuration = Field(default_factory=lambda: Duration(seconds=60))
    lease_for: ConfigDuration = Field(default_factory=lambda: Duration(seconds=30))


class EscalationSettings(_Section):
    remind_every: ConfigDuration = Field(default_factory=lambda: Duration(seconds=2 * 3600))
    after: list[ConfigDuration] = Field(
        default_factory=lambda: [Duration(seconds=3600), Duration(seconds=3 * 3600)],
        min_length=2,
        max_length=2,
    )
    quiet_start: time = time(22, 0)
    quiet_end: time = time(7, 0)
    catch_up_summary_from: int = Field(default=3, ge=2)
    stale_after: ConfigDuration = Field(default_factory=lambda: Duration(days=7))


class DigestSettings(_Section):
    enabled: bool = True
    at: time = time(8, 30)
    private: bool = False
    weekly_day: Weekday = 1
    weekly_at: time = time(9, 0)


class DepartmentSettings(_Section):
    key: Key
    name: str
    name_en: str = ""
    head_ids: UserIds = Field(default_factory=list)
    liaison_ids: UserIds = Field(default_factory=list)


class CategorySettings(_Section):
    key: Key
    name: str
    name_en: str = ""
    gb: str = ""
    department: str
    ack: ConfigDuration
    resolve: ConfigDuration
    clock: ClockKind = ClockKind.WORKING
    keywords: list[str] = Field(default_factory=list)


class RoadSettings(_Section):
    name: str = Field(min_length=1)
    chat_id: int | None = None
    thread_id: int | None = None
    chief_ids: UserIds = Field(default_factory=list)
    departments: dict[str, str] = Field(default_factory=dict)
    liaisons: dict[str, UserIds] = Field(default_factory=dict)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX, env_nested_delimiter="__", extra="forbid", frozen=True
    )

    timezone: Annotated[str, AfterValidator(check_timezone)] = "Asia/Shanghai"
    language: Literal["zh", "en"] = "zh"
    admin_ids: UserIds = Field(default_factory=list)
    telegram: TelegramSettings = Field(default_factory=TelegramSettings)
    database: DatabaseSettings = Field(default_factory=DatabaseSettings)
    working_hours: WorkingHoursSettings = Field(default_factory=WorkingHoursSettings)
    intake: IntakeSettings = Field(default_factory=IntakeSettings)
    scheduler: SchedulerSettings = Field(default_factory=SchedulerSettings)
    escalation: EscalationSettings = Field(default_factory=EscalationSettings)
    digest: DigestSettings = Field(default_factory=DigestSettings)
    departments: list[DepartmentSettings] = Field(default_factory=list)
    categories: list[CategorySettings] = Field(default_factory=list)
    roads: list[RoadSettings] = Field(default_factory=list)

    # Where the file was: a relative SQLite path means "beside the config file".
    _config_dir: Path = PrivateAttr(default_factory=Path.cwd)

    def database_url(self) -> str:
        return resolve_database_url(self.database.url, self._config_dir)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        # The file's contents arrive as init values; the environment wins over the file, so a
        # deployment can keep the token out of the file it shares.
        return env_settings, init_settings

    def taxonomy(self) -> Taxonomy:
        return Taxonomy(
            departments={d.key: _department(d) for d in self.departments},
            categories={c.key: _category(c) for c in self.categories},
            roads={r.name: _road(r) for r in self.roads},
        )

    def chase_policy(self) -> ChasePolicy:
        escalation = self.escalation
        return ChasePolicy(
            remind_every=escalation.remind_every.around_the_clock(),
            head_after=escalation.after[0],
            chief_after=escalation.after[1],
            quiet_start=escalation.quiet_start,
            quiet_end=escalation.quiet_end,
            stale_after=escalation.stale_after.around_the_clock(),
        )

    def calendar(self) -> Calendar:
        hours = self.working_hours
        return Calendar(
            ZoneInfo(self.timezone),
            WorkingHours(
                days=frozenset(hours.days),
                start=hours.start,
                end=hours.end,
                holidays=frozenset(hours.holidays),
                workdays=frozenset(hours.workdays),
                official=hours.official,
            ),
        )


def _department(d: DepartmentSettings) -> Department:
    return Department(d.key, d.name, d.name_en, tuple(d.head_ids), tuple(d.liaison_ids))


def _category(c: CategorySettings) -> Category:
    return Category(
        key=c.key,
        name=c.name,
        department=c.department,
        ack=c.ack,
        resolve=c.resolve,
        clock=c.clock,
        name_en=c.name_en,
        gb=c.gb,
        keywords=tuple(c.keywords),
    )


def _road(r: RoadSettings) -> Road:
    return Road(
        name=r.name,
        chat_id=r.chat_id,
        thread_id=r.thread_id,
        chief_ids=tuple(r.chief_ids),
        departments=dict(r.departments),
        liaison_ids={k: tuple(v) for k, v in r.liaisons.items()},
    )


def load_settings(path: Path | str | None = None, *, required: bool = True) -> Settings:
    """Read the file at `path` (default ./streetdesk.toml), apply the environment, check it all.

    With `required=False` a missing file means "defaults plus environment", which is what the
    commands that need no taxonomy (parse with built-in defaults, db upgrade) want.
    """
    config_path = Path(path) if path is not None else DEFAULT_CONFIG_PATH
    data: dict[str, Any] = {}
    if config_path.exists():
        try:
            with config_path.open("rb") as file:
                data = tomllib.load(file)
        except tomllib.TOMLDecodeError as error:
            raise ConfigError(str(config_path), [("", f"not valid TOML: {error}")]) from None
        except OSError as error:
            raise ConfigError(
                str(config_path), [("", f"cannot be read: {error.strerror}")]
            ) from None
    elif required:
        raise ConfigError(str(config_path), [("", "no such file (copy config.example.toml)")])
    try:
        settings = Settings(**data)
    except ValidationError as error:
        raise ConfigError(str(config_path), describe(error, data)) from None
    problems = list(_check_references(settings))
    if problems:
        raise ConfigError(str(config_path), problems)
    settings._config_dir = config_path.resolve().parent
    return settings


def resolve_database_url(url: str, base: Path) -> str:
    """Make a relative SQLite file path absolute against `base`; other URLs are left alone."""
    prefix, sep, rest = url.partition(":///")
    if (
        not sep
        or not prefix.startswith("sqlite")
        or rest.startswith("/")
        or rest in ("", ":memory:")
    ):
        return url
    path, mark, query = rest.partition("?")
    return f"{prefix}:///{(base / path).resolve()}{mark}{query}"


def _duplicates(values: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    repeated = []
    for value in values:
        if value in seen and value not in repeated:
            repeated.append(value)
        seen.add(value)
    return repeated


def _check_references(settings: Settings) -> Iterable[tuple[str, str]]:
    departments = {d.key for d in settings.departments}
    categories = {c.key for c in settings.categories}
    hours = settings.working_hours
    if hours.end <= hours.start:
        yield "working_hours.end", f"{hours.end} is not after start {hours.start}"
    if not hours.days and not hours.workdays:
        yield (
            "working_hours.days",
            "no working day at all; working-clock deadlines would never fall",
        )
    for key in _duplicates(d.key for d in settings.departments):
        yield "departments", f'key "{key}" is used twice'
    for key in _duplicates(c.key for c in settings.categories):
        yield "categories", f'key "{key}" is used twice'
    for name in _duplicates(r.name for r in settings.roads):
        yield "roads", f'name "{name}" is used twice'
    telegram = settings.telegram
    if telegram.mode == "webhook" and not telegram.webhook_url:
        yield "telegram.webhook_url", "webhook mode needs the public address Telegram posts to"
    if telegram.mode == "webhook" and not telegram.webhook_secret.get_secret_value():
        yield "telegram.webhook_secret", "webhook mode needs a secret to check Telegram's posts"
    if settings.categories and "other" not in categories:
        yield "categories", 'no category with key "other" for reports that match no keyword'
    known_departments = ", ".join(sorted(departments)) or "none"
    for i, category in enumerate(settings.categories):
        if category.department not in departments:
            yield (
                f'categories[{i}] (key "{category.key}").department',
                f'unknown department "{category.department}" (known: {known_departments})',
            )
    bound: dict[tuple[int, int | None], str] = {}
    for i, road in enumerate(settings.roads):
        where = f'roads[{i}] (name "{road.name}")'
        for category_key, department_key in road.departments.items():
            if category_key not in categories:
                yield f"{where}.departments.{category_key}", "unknown category"
            if department_key not in departments:
                yield (
                    f"{where}.departments.{category_key}",
                    f'unknown department "{department_key}" (known: {known_departments})',
                )
        for department_key in road.liaisons:
            if department_key not in departments:
                yield f"{where}.liaisons.{department_key}", "unknown department"
        if road.thread_id is not None and road.chat_id is None:
            yield f"{where}.thread_id", "a forum topic needs the chat_id of its group"
        if road.chat_id is not None:
            place = (road.chat_id, road.thread_id)
            if place in bound:
                yield f"{where}.chat_id", f'the same group is already bound to "{bound[place]}"'
            bound[place] = road.name
