"""A user's place in a group: the statuses, and the rights getChatMember reports for each.

Plain records, no I/O. `Membership.to_json` renders the Bot API's `ChatMember` around the user.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

MEMBER_STATUSES = ("creator", "administrator", "member", "restricted", "left", "kicked")

# An administrator's rights as getChatMember reports them; everything but promoting by default.
ADMIN_RIGHTS = (
    "can_manage_chat",
    "can_delete_messages",
    "can_manage_video_chats",
    "can_restrict_members",
    "can_promote_members",
    "can_change_info",
    "can_invite_users",
    "can_post_stories",
    "can_edit_stories",
    "can_delete_stories",
    "can_send_welcome_messages",
    "can_pin_messages",
    "can_manage_topics",
)
RESTRICTED_RIGHTS = (
    "can_send_messages",
    "can_send_audios",
    "can_send_documents",
    "can_send_photos",
    "can_send_videos",
    "can_send_video_notes",
    "can_send_voice_notes",
    "can_send_polls",
    "can_send_other_messages",
    "can_add_web_page_previews",
    "can_react_to_messages",
    "can_edit_tag",
    "can_change_info",
    "can_invite_users",
    "can_pin_messages",
    "can_manage_topics",
)


@dataclass
class Membership:
    user_id: int
    status: str
    custom_title: str | None = None
    rights: dict[str, bool] = field(default_factory=dict)

    def to_json(self, user: dict[str, Any]) -> dict[str, Any]:
        member: dict[str, Any] = {"status": self.status, "user": user}
        if self.status == "creator":
            member["is_anonymous"] = False
        elif self.status == "administrator":
            member["can_be_edited"] = False
            member["is_anonymous"] = False
            for right in ADMIN_RIGHTS:
                member[right] = self.rights.get(right, right != "can_promote_members")
        elif self.status == "restricted":
            member["is_member"] = self.rights.get("is_member", True)
            for right in RESTRICTED_RIGHTS:
                member[right] = self.rights.get(right, False)
            member["until_date"] = 0
        elif self.status == "kicked":
            member["until_date"] = 0
        if self.custom_title and self.status in ("creator", "administrator"):
            member["custom_title"] = self.custom_title
        return member

    @property
    def present(self) -> bool:
        return self.status not in ("left", "kicked")

    @property
    def is_admin(self) -> bool:
        return self.status in ("creator", "administrator")
