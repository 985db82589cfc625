"""What a message does, whoever says it (its speech act), and what that act does to a ticket
once the sender's role and the reply context are known.

The statistical model reads the act from the words alone; the role and the reply are rules,
because they are facts the bot knows for certain: "修好了" is the same act (the work is done)
from a liaison and from a shopkeeper, but it resolves a ticket from the first and confirms it
from the second; "好的" means nothing in the open and says yes as a reply to a ticket card.
"""

from __future__ import annotations

from enum import StrEnum

from tickets.roles import Role
from tickets.understanding.reading import Intent


class Act(StrEnum):
    REPORT = "report"  # something is wrong in the street, or a fix is asked for
    ACK = "ack"  # I have it: a receipt, a plan, a time, a forward
    DONE = "done"  # the work is done, said as the work or as its result
    CONFIRM = "confirm"  # the fix is seen and accepted
    REOPEN = "reopen"  # it is not fixed, or it came back
    YES = "yes"  # a bare yes or thanks: it means something only as a reply
    NONE = "none"  # chatter, notices, questions, jokes


def intent_of(act: Act, role: Role, *, replying: bool, thanks: bool = False) -> Intent:
    """The ticket intent of `act` from `role`; `thanks` says whether a bare yes thanks someone
    (from the chief, a thank-you closes the ticket and a plain yes takes it on)."""
    if act is Act.REPORT:
        # A liaison answering a ticket card talks about that ticket ("明天派人去修路灯"): what
        # reads like a report is their account of the work they have taken on.
        return Intent.ACK if role is Role.LIAISON and replying else Intent.REPORT
    if act is Act.NONE:
        return Intent.NONE
    if role is Role.LIAISON:
        return _LIAISON[act] if act is not Act.YES or replying else Intent.NONE
    if role is Role.CHIEF:
        if act is Act.YES:
            if not replying:
                return Intent.NONE
            return Intent.CONFIRM if thanks else Intent.ACK
        return _CHIEF[act]
    if act is Act.YES:
        return Intent.CONFIRM if replying else Intent.NONE
    return _PUBLIC[act]


# A liaison cannot confirm or reopen their own work: their "确认" is a report of the fix.
_LIAISON = {
    Act.ACK: Intent.ACK,
    Act.DONE: Intent.RESOLVED,
    Act.CONFIRM: Intent.RESOLVED,
    Act.REOPEN: Intent.NONE,
    Act.YES: Intent.ACK,
}
# A shopkeeper cannot take a ticket on or resolve it: their "收到" is just chat, their
# "已经好了" confirms what they see.
_PUBLIC = {
    Act.ACK: Intent.NONE,
    Act.DONE: Intent.CONFIRM,
    Act.CONFIRM: Intent.CONFIRM,
    Act.REOPEN: Intent.REOPEN,
}
# The chief may do anything: take on, resolve for a department, confirm, send back.
_CHIEF = {
    Act.ACK: Intent.ACK,
    Act.DONE: Intent.RESOLVED,
    Act.CONFIRM: Intent.CONFIRM,
    Act.REOPEN: Intent.REOPEN,
}
