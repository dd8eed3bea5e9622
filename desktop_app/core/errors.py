"""Typed domain errors. Their messages are already translated and shown to users as they are.

Services raise these instead of returning None or a bool, so callers (the GUI's operation runner,
the CLI, importers) can show the message and roll the transaction back.
"""

from __future__ import annotations

from dataclasses import dataclass, field


class DomainError(Exception):
    """Any refusal by a domain rule; ``str(error)`` is the user-facing message."""


@dataclass(frozen=True)
class FieldError:
    """One problem with one form field: ``field`` is the form attribute, ``message`` is shown."""

    field: str
    message: str


@dataclass
class ValidationError(DomainError):
    """One or more fields are invalid; nothing was saved."""

    errors: list[FieldError] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(self.__str__())

    def __str__(self) -> str:
        return "\n".join(e.message for e in self.errors)

    def for_field(self, name: str) -> str | None:
        return next((e.message for e in self.errors if e.field == name), None)


class NotFoundError(DomainError):
    """The record asked for does not exist (or was deleted)."""


class ConflictError(DomainError):
    """The change would break a rule about other records (e.g. a second active guardian)."""


class PermissionDeniedError(DomainError):
    """The current user's role does not allow this action."""
