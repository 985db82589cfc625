"""The config's `[web]` and `[open311]` sections: the office's web desk and the city's API."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, SecretStr

from bot.config_values import ConfigInterval
from tickets.durations import Duration


class WebSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    enabled: bool = False  # `streetdesk run` serves the desk too; `streetdesk web` serves it alone
    host: str = "127.0.0.1"  # the desk listens on this machine only unless told otherwise
    port: int = Field(default=8080, ge=1, le=65535)
    public_url: str = ""  # how people reach it (sign-in links, Open311 media_url)
    # A session lasts a working day; a one-time link (and a Login Widget answer) a few minutes.
    session_for: ConfigInterval = Field(default_factory=lambda: Duration(seconds=12 * 3600))
    link_for: ConfigInterval = Field(default_factory=lambda: Duration(seconds=10 * 60))


class Open311Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    api_keys: list[SecretStr] = Field(default_factory=list)  # posting a request needs one
    jurisdiction_id: str = ""
