"""The one configuration file (TOML) with environment overrides, validated before anything starts.

The street office edits one file. A mistake in it must stop start-up with the file, the key and
the reason, all problems at once, so that one edit fixes them: pydantic checks each value, and
`_check_references` checks what refers to what (a category's department, a road's overrides).
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from datetime import time
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

from bot.config_environment import ENV_PREFIX, merged, read_environment
from bot.config_errors import ConfigError, Loc, describe, key_path
from bot.config_references import check_references
from bot.config_values import (
    ConfigDate,
    ConfigDuration,
    ConfigInterval,
    ConfigTime,
    Key,
    UserIds,
    Weekday,
    check_database_url,
    check_timezone,
)
from bot.settings_floods import FloodSettings
from bot.settings_photos import PhotoSettings
from bot.settings_web import Open311Settings, WebSettings
from tickets.calendar import Calendar, WorkingHours
from tickets.chasing import ChasePolicy
from tickets.durations import Duration
from tickets.taxonomy import Category, ClockKind, Department, Road, Taxonomy

DEFAULT_CONFIG_PATH = Path("streetdesk.toml")
PUBLIC_BOT_API = "https://api.telegram.org"


class _Section(BaseModel):
    # A misspelt key silently ignored would be worse than a refusal to start.
    model_config = ConfigDict(extra="forbid", frozen=True)


class TelegramSettings(_Section):
    token: SecretStr = SecretStr("")
    api_base: str = PUBLIC_BOT_API
    # "http://host:port", "socks5://user:password@host:port"; empty: HTTPS_PROXY or none.
    proxy: str = ""
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
    url: Annotated[str, AfterValidator(check_database_url)] = (
        "sqlite+aiosqlite:///streetdesk.sqlite3"
    )
    keep_sent: ConfigDuration = Field(default_factory=lambda: Duration(days=30))


class WorkingHoursSettings(_Section):
    days: list[Weekday] = Field(default_factory=lambda: [1, 2, 3, 4, 5])
    start: ConfigTime = time(9, 0)
    end: ConfigTime = time(18, 0)
    # The State Council's holidays and make-up days (the `holidays` package); the two lists
    # below are the office's own days off and days worked, and win over it.
    official: bool = True
    holidays: list[ConfigDate] = Field(default_factory=list)
    workdays: list[ConfigDate] = Field(default_factory=list)


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
    quiet_start: ConfigTime = time(22, 0)
    quiet_end: ConfigTime = time(7, 0)
    catch_up_summary_from: int = Field(default=3, ge=2)
    stale_after: ConfigDuration = Field(default_factory=lambda: Duration(days=7))


class UnderstandingSettings(_Section):
    # A model retrained with the desk's corrections (`streetdesk understanding --retrain`);
    # empty: the one shipped with StreetDesk. A relative path is beside the config file.
    model: str = ""


class DigestSettings(_Section):
    enabled: bool = True
    at: ConfigTime = time(8, 30)
    private: bool = False
    weekly_day: Weekday = 1
    weekly_at: ConfigTime = time(9, 0)


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
    understanding: UnderstandingSettings = Field(default_factory=UnderstandingSettings)
    floods: FloodSettings = Field(default_factory=FloodSettings)
    photos: PhotoSettings = Field(default_factory=PhotoSettings)
    web: WebSettings = Field(default_factory=WebSettings)
    open311: Open311Settings = Field(default_factory=Open311Settings)
    departments: list[DepartmentSettings] = Field(default_factory=list)
    categories: list[CategorySettings] = Field(default_factory=list)
    roads: list[RoadSettings] = Field(default_factory=list)

    # Where the file was: a relative SQLite path means "beside the config file".
    _config_dir: Path = PrivateAttr(default_factory=Path.cwd)

    @property
    def config_dir(self) -> Path:
        """The folder of the config file: relative paths in it (the SQLite file, the photo
        folder) are taken from there."""
        return self._config_dir

    def photo_folder(self) -> Path:
        """Where this deployment keeps its photos ([photos] folder, beside the file if
        relative)."""
        return self.photos.folder_path(self._config_dir)

    def reader_model(self) -> Path | None:
        """The retrained model the office took in, or None for the shipped one."""
        if not self.understanding.model:
            return None
        path = Path(self.understanding.model).expanduser()
        return path if path.is_absolute() else (self._config_dir / path).resolve()

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
        # load_settings hands in the file with the environment already over it (the environment
        # wins, so a deployment can keep the token out of the file it shares): it reads the
        # variables itself, to read them as the file is written and blame a mistake on them.
        return (init_settings,)

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


def load_settings(
    path: Path | str | None = None,
    *,
    required: bool = True,
    environ: Mapping[str, str] | None = None,
) -> Settings:
    """Read the file at `path` (default ./streetdesk.toml), apply the environment, check it all.

    With `required=False` a missing file means "defaults plus environment", which is what the
    commands that need no taxonomy (parse with built-in defaults, db upgrade) want. Every
    mistake is reported at once, each blamed on the file or on the variable that set the value.
    """
    config_path = Path(path) if path is not None else DEFAULT_CONFIG_PATH
    source = str(config_path)
    data: dict[str, Any] = {}
    if config_path.is_file():
        try:
            with config_path.open("rb") as file:
                data = tomllib.load(file)
        except tomllib.TOMLDecodeError as error:
            raise ConfigError(source, [("", f"not valid TOML: {error}")]) from None
        except OSError as error:
            raise ConfigError(source, [("", f"cannot be read: {error.strerror}")]) from None
    elif config_path.exists():
        raise ConfigError(source, [("", "is not a file (give the path of the .toml file)")])
    elif required:
        raise ConfigError(source, [("", "no such file (copy config.example.toml)")])
    environment = read_environment(os.environ if environ is None else environ, Settings)
    merged_data = merged(data, environment.values)
    problems: list[tuple[Loc, str]] = list(check_references(merged_data))
    settings: Settings | None = None
    try:
        settings = Settings(**merged_data)
    except ValidationError as error:
        problems = describe(error) + problems
    file_problems, variable_problems = [], list(environment.problems)
    for loc, reason in problems:
        variable = environment.variable_for(loc)
        if variable is None:
            file_problems.append((key_path(loc, merged_data), reason))
        elif loc == environment.path_of(variable):
            variable_problems.append((variable, reason))
        else:  # inside a list or table the variable gave: say where in it
            variable_problems.append((variable, f"{key_path(loc, merged_data)}: {reason}"))
    if file_problems or variable_problems or settings is None:
        raise ConfigError(source, file_problems, variable_problems)
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
