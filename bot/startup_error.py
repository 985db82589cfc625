"""The error that stops the bot's start, apart from the start itself: commands that only may
start the Telegram side (`streetdesk digest --send`) name it without importing aiogram."""

from __future__ import annotations


class StartupError(Exception):
    """The bot cannot start; the message says what to fix."""
