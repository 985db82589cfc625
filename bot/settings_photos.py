"""The config's `[photos]` section: photos of reports and repairs kept on disk as evidence."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field


class PhotoSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    keep: bool = True  # download every report, resolution and reopening photo
    folder: str = "photos"  # content-addressed; a relative path is beside the config file
    max_bytes: int = Field(default=20 * 1024 * 1024, ge=1)  # the Bot API's getFile limit
    # getFile calls a second at most: downloads share the bot's connection with its messages.
    per_second: float = Field(default=2.0, gt=0, le=30)

    def folder_path(self, config_dir: Path) -> Path:
        """The folder, a relative one taken from the config file's folder."""
        folder = Path(self.folder).expanduser()
        return folder if folder.is_absolute() else (config_dir / folder).resolve()
