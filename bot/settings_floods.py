"""The config's `[floods]` section: how many reports one member, or one group, may file in an
hour with a message of their own in the group (a card, or "already reported as #N").

Past a limit a report is still kept (a ticket, or a note on the open ticket of the same problem,
in the ledger, /status and the digests) but gets no card of its own, and the group is told once
(tickets/floods.py). Repeats of the same problem are answered once per person and ticket
whatever the limits; the street chief is not limited.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class FloodSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    per_person_per_hour: int = Field(default=20, ge=1)  # reports with a card, per member
    per_group_per_hour: int = Field(default=200, ge=1)  # reports with a card, per group
