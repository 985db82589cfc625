"""Every filter and handler in the bot's router tree runs on the event loop: aiogram sends a
plain function or a magic filter to a worker thread for every update (handlers/filters.py)."""

from __future__ import annotations

from aiogram import Router

from handlers import build_router
from tickets.roads import RoadDirectory


def walk(router: Router) -> list[tuple[str, str, bool]]:
    """(router, what, awaitable) for every filter and handler under `router`."""
    found = []
    for name, observer in router.observers.items():
        for event_filter in observer._handler.filters or []:
            found.append((router.name, f"{name} router filter", event_filter.awaitable))
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
    found = walk(build_router(RoadDirectory({})))
    assert len(found) > 20  # the whole tree was walked
    assert [(router, what) for router, what, awaitable in found if not awaitable] == []
