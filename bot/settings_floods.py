"""The config's `[floods]` section: how much one member or one group may ask of the sender, so
that one person posting a hundred reports cannot hold up the others' cards or the reminders."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class FloodSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    per_person_per_hour: int = Field(default=20, ge=1)  # reports one member may file an hour
    per_group_per_hour: int = Field(default=200, ge=1)  # reports one group may file an hour
