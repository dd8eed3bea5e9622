"""How an operation is built from a service: its work, its name and its declared ``Changes``.

The flags always come from the services' own ``@writes`` declarations
(:func:`desktop_app.core.changes.declared_changes`), never from the caller.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from desktop_app.core.changes import Changes, declared_changes
from desktop_app.ui.ops import Operation, Work
from desktop_app.ui.progress import LongOperation, LongWork

Service = Callable[..., Any]


def operation(service: Service, /, **arguments: Any) -> Operation:
    """``service(session, **arguments)`` as an operation named after the service."""
    return Operation(
        service.__name__,
        lambda session: service(session, **arguments),
        declared_changes(service),
    )


def long_operation(service: Service, /, **arguments: Any) -> LongOperation:
    """``service(session, progress=progress, **arguments)`` as a write with a progress dialog."""
    return LongOperation(
        service.__name__,
        lambda session, progress: service(session, progress=progress, **arguments),
        declared_changes(service),
    )


def changes_of(*services: Service) -> Changes:
    """The union of what ``services`` declare: for work that calls several of them."""
    found = Changes.NONE
    for service in services:
        found |= declared_changes(service)
    return found


def calling(work: Work, *services: Service) -> Operation:
    """``work(session)``, which calls ``services`` (and no other write service), as an
    operation named after the first and carrying what they all declare."""
    return Operation(services[0].__name__, work, changes_of(*services))


def long_calling(work: LongWork, *services: Service) -> LongOperation:
    """:func:`calling` for work that reports progress."""
    return LongOperation(services[0].__name__, work, changes_of(*services))
