"""A Telegram Bot API emulator for tests, benchmarks and the demo.

It speaks the Bot API wire format on loopback, so the real bot (aiogram with
`AiohttpSession(api=TelegramAPIServer.from_base(emu.base_url))`) runs against it unchanged, and it
has a control API to play the users, read what the bot sent and inject faults or flood limits.
"""

from emulator.chats import ChatMessage, Revision
from emulator.journal import AnsweredCallback, ApiCall, Stats
from emulator.server import Emulator

__all__ = ["AnsweredCallback", "ApiCall", "ChatMessage", "Emulator", "Revision", "Stats"]
