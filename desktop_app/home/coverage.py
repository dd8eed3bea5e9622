"""Coverage, the programme's headline: children with a foster parent / children registered.

Belitung 2025 reported "92 dari 237 anak" (38,8%). Counts only live children who have not left
the programme; one SQL query, ~0.1 s for 100,000 children. Reads only.
"""

from __future__ import annotations

from dataclasses import dataclass

from babel.numbers import format_decimal
from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from desktop_app.core.codes import AssignmentStatus
from desktop_app.core.formatting import format_percent
from desktop_app.core.i18n import _, current_language
from desktop_app.core.search import without_index
from desktop_app.db.models import Assignment, Child

__all__ = ["Coverage", "coverage"]


def _count(value: int) -> str:
    """``1.234`` (thousands separator of the current language)."""
    locale = "id_ID" if current_language() == "id" else "en_GB"
    return format_decimal(value, format="#,##0", locale=locale)


@dataclass(frozen=True)
class Coverage:
    children_total: int  # live children who have not left the programme
    children_with_guardian: int  # of those, with an active assignment

    @property
    def percent(self) -> float | None:
        """Share with a guardian, 0-100; None when no child is registered."""
        if not self.children_total:
            return None
        return 100 * self.children_with_guardian / self.children_total

    @property
    def children_without_guardian(self) -> int:
        return self.children_total - self.children_with_guardian

    def sentence(self) -> str:
        """ "92 dari 237 anak sudah memiliki orang tua asuh (38,8%)"."""
        if not self.children_total:
            return _("Belum ada anak yang terdaftar")
        return _(
            "{with_guardian} dari {total} anak sudah memiliki orang tua asuh ({percent})"
        ).format(
            with_guardian=_count(self.children_with_guardian),
            total=_count(self.children_total),
            percent=format_percent(self.children_with_guardian, self.children_total),
        )


def coverage(session: Session) -> Coverage:
    """Coverage now, over every live child still in the programme; one query, one pass.

    Children are read in table order and each one's active assignment is probed through the
    ``child_id`` index. ``deleted_at`` is tested through ``coalesce`` so that SQLite does not
    walk the (deleted_at, name) index and look every child up from it (measured on 100,000
    children: 95 ms this way, 420 ms for the former two separate counts).
    """
    has_guardian = exists().where(
        Assignment.child_id == Child.id,
        without_index(Assignment.status) == AssignmentStatus.ACTIVE,
        Assignment.deleted_at.is_(None),
    )
    live = func.coalesce(Child.deleted_at, None).is_(None)  # same test, but not indexable
    query = select(func.count(), func.count().filter(has_guardian)).where(
        live, Child.exit_date.is_(None)
    )
    total, with_guardian = session.execute(query).one()
    return Coverage(children_total=total, children_with_guardian=with_guardian)
