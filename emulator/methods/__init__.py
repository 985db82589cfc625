"""The Bot API methods the emulator implements; importing the package registers them all."""

from emulator.methods import (  # noqa: F401  (imported for their @api_method registrations)
    account,
    callbacks,
    chats,
    delivery,
    editing,
    files,
    sending,
)
from emulator.methods.registry import METHODS, MethodContext, find_method

__all__ = ["METHODS", "MethodContext", "find_method"]
