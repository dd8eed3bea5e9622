"""Is the audit trail whole? The verification behind "Periksa keutuhan" and ``asuh audit verify``.

The hash chain (:mod:`desktop_app.db.audit_chain`) is checked row by row; the answer is one
sentence a district officer can act on: "utuh" with the number of rows, or the first row that
does not follow from the one before it (its number, time and summary), which is where somebody
changed, removed or inserted audit rows outside the app. The check itself is audited.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from desktop_app.core.changes import Changes, writes
from desktop_app.core.formatting import format_date
from desktop_app.core.i18n import N_, _
from desktop_app.core.permissions import ADMIN, PIMPINAN, require_role
from desktop_app.db.audit_chain import ChainReport, verify_chain
from desktop_app.db.audit_hook import record_event

__all__ = ["AuditIntegrity", "verify_audit_log"]

_REASONS = {
    "content": N_("isinya diubah setelah dicatat"),
    "link": N_("rantainya tidak bersambung dengan baris sebelumnya (baris diubah atau disisipkan)"),
    "gap": N_("ada baris yang hilang sebelum baris ini"),
}


def _count(n: int) -> str:
    return f"{n:,}".replace(",", ".")


@dataclass(frozen=True)
class AuditIntegrity:
    report: ChainReport

    @property
    def intact(self) -> bool:
        return self.report.intact

    @property
    def message(self) -> str:
        """One Indonesian sentence (translated for English users) saying what was found."""
        report = self.report
        if report.broken_seq is not None:
            reason = _(_REASONS[report.reason or "link"])
            when = format_date(report.broken_at) if report.broken_at else "-"
            return _(
                "Riwayat perubahan TIDAK utuh: baris #{seq} ({when}, \"{summary}\") {reason}. "
                "{rows} baris sebelumnya utuh."
            ).format(
                seq=_count(report.broken_seq), when=when, summary=report.broken_summary or "-",
                reason=reason, rows=_count(report.rows),
            )  # fmt: skip
        if report.unchained:
            return _(
                "Riwayat perubahan TIDAK utuh: {n} baris tidak tercatat dalam rantai (ditambahkan "
                "di luar aplikasi)."
            ).format(n=_count(report.unchained))
        text = _("Riwayat perubahan utuh: {rows} baris diperiksa, rantai tidak terputus.").format(
            rows=_count(report.rows)
        )
        if report.redacted:
            text += " " + _(
                "{n} baris disamarkan atas permintaan subjek data (isi lama dihapus, rantai tetap)."
            ).format(n=_count(report.redacted))
        return text


@writes(Changes.NONE)
def verify_audit_log(session: Session) -> AuditIntegrity:
    """Walk the whole chain (Admin and Pimpinan: checking is reading) and record the check."""
    require_role(session, ADMIN, PIMPINAN)
    result = AuditIntegrity(
        verify_chain(session.connection(), own_device=session.info.get("device_id"))
    )
    record_event(
        session,
        action="verify",
        entity="audit_log",
        entity_id=None,
        summary=_("Pemeriksaan keutuhan riwayat: {verdict}").format(
            verdict=_("utuh") if result.intact else _("tidak utuh")
        ),
    )
    session.flush()
    return result
