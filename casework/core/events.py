"""A small in-process registry of domain events.

Services publish what happened (`publish("case.assigned", case=..., actor=...)`); apps that must react but that the
publisher may not import (notifications, reports, outcomes) subscribe. Handlers run synchronously, inside the
publisher's transaction, so their writes commit or roll back with the change that caused them, and an error a
handler raises (a DomainError) aborts the whole use case.
"""

from collections import defaultdict
from collections.abc import Callable
from typing import Any

Handler = Callable[..., None]
_handlers: dict[str, list[Handler]] = defaultdict(list)


def subscribe(event: str) -> Callable[[Handler], Handler]:
    """Decorator: call the function with the event's keyword payload each time `event` is published."""

    def register(handler: Handler) -> Handler:
        if handler not in _handlers[event]:
            _handlers[event].append(handler)
        return handler

    return register


def publish(event: str, **payload: Any) -> None:
    for handler in list(_handlers.get(event, ())):
        handler(**payload)


def subscribers(event: str) -> list[Handler]:
    return list(_handlers.get(event, ()))
