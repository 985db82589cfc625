"""The config's `[photos]` section: photos of reports and repairs kept on disk as evidence."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class PhotoSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    keep: bool = True  # download every report, resolution and reopening photo
    folder: str = "photos"  # content-addressed; a relative path is beside the config file
    max_bytes: int = Field(default=20 * 1024 * 1024, ge=1)  # the Bot API's getFile limit
