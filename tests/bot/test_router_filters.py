"""Every filter and handler in the bot's router tree runs on the event loop: aiogram sends a
plain function or a magic filter to a worker thread for every update (handlers/filters.py)."""

from __future__ import annotations

import inspect

from aiogram import Router

from handlers import build_router, filters


def walk(router: Router) -> list[tuple[str, str, bool]]:
    """(router, what, awaitable) for every filter and handler under `router`."""
    found = []
    for name, observer in router.observers.items():
        for handler in observer.handlers:
            found.append((router.name, f"{name} handler", handler.awaitable))
            for event_filter in handler.filters or []:
                found.append(
                    (
                        router.name,
                        f"{name} filter {event_filter.callback!r}",
                        event_filter.awaitable,
                    )
                )
    for child in router.sub_routers:
        found += walk(child)
    return found


def test_no_filter_or_handler_leaves_the_event_loop() -> None:
    found = walk(build_router())
    assert len(found) > 20  # the whole tree was walked
    assert [(router, what) for router, what, awaitable in found if not awaitable] == []


def test_the_filters_routers_use_are_coroutines() -> None:
    # The routers' own filters (group chats only, commands only) are these functions.
    used = [filters.in_group, filters.in_private_chat, filters.pressed_in_group, filters.is_command]
    assert [f.__name__ for f in used if not inspect.iscoroutinefunction(f)] == []
