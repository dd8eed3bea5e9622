"""What merged data asks a person to look at, after any sync (server or file).

Both counts cover the whole laptop after the merge, not only what this sync brought: a NIK
registered twice ("kemungkinan anak ganda", Konflik data) and a child with more than one active
foster parent (Tindak lanjut). One sentence tail, so the server sync and the file import say it
the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from desktop_app.assignments.integrity import count_children_with_several_guardians
from desktop_app.core.formatting import format_count
from desktop_app.core.i18n import _, ngettext
from desktop_app.sync.merge import find_duplicate_nik_groups


@dataclass(frozen=True)
class ToReview:
    duplicates: int = 0
    several_guardians: int = 0

    def sentence_tail(self) -> str:
        """``", 2 kemungkinan anak ganda, 1 anak memiliki ..."``, or "" when all is well."""
        text = ""
        if self.duplicates:
            text += _(", {count} kemungkinan anak ganda").format(
                count=format_count(self.duplicates)
            )
        if self.several_guardians:
            text += ngettext(
                ", {count} anak memiliki lebih dari satu orang tua asuh aktif "
                "(lihat Tindak lanjut)",
                ", {count} anak memiliki lebih dari satu orang tua asuh aktif "
                "(lihat Tindak lanjut)",
                self.several_guardians,
            ).format(count=format_count(self.several_guardians))
        return text


def to_review(session: Session) -> ToReview:
    return ToReview(
        duplicates=len(find_duplicate_nik_groups(session)),
        several_guardians=count_children_with_several_guardians(session),
    )
