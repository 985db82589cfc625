"""Who a person is in one liaison group. Roles decide what their words can do to a ticket."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    PUBLIC = "public"  # shopkeepers and residents: they report, confirm and reopen
    LIAISON = (
        "liaison"  # a department's liaison: acknowledges and resolves that department's tickets
    )
    CHIEF = "chief"  # the street chief (街长/路长): may do anything on the road's tickets
