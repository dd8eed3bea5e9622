"""The coordinator's read-only status page: devices, their syncs, refused rows, open conflicts.

Plain HTML with inline CSS, no script and no external resource: it must read well on any
browser at the district office and print on A4. Every value read from the database passes
through :func:`html.escape` (device names, messages and usernames come from laptops). The
numbers come from :mod:`desktop_app.server.status_queries`. Times are shown in the server's
local time zone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from html import escape

from desktop_app.core.formatting import format_date
from desktop_app.core.i18n import _
from desktop_app.server.status_queries import (
    REFUSAL_WINDOW,
    REFUSALS_SHOWN,
    DeviceStatus,
    StatusReport,
)

_DASH = "\u2013"

_STYLE = """
body { font-family: system-ui, "Segoe UI", Roboto, sans-serif; margin: 1.5rem 2rem;
  color: #1f2933; max-width: 80rem; font-size: 15px; line-height: 1.4; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
h2 { font-size: 1.15rem; margin: 1.75rem 0 .25rem; }
p.meta { color: #52606d; margin: 0 0 1rem; }
ul.totals { list-style: none; display: flex; gap: 1rem; padding: 0; margin: 0 0 .5rem; }
ul.totals li { border: 1px solid #bcccdc; border-radius: 6px; padding: .5rem 1rem;
  min-width: 11rem; }
ul.totals strong { display: block; font-size: 1.6rem; }
ul.totals li.warn strong { color: #b42318; }
table { border-collapse: collapse; width: 100%; margin-top: .5rem; }
th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid #d9e2ec;
  vertical-align: top; }
th { background: #f0f4f8; font-weight: 600; }
td.num, th.num { text-align: right; white-space: nowrap; }
th.num { white-space: normal; width: 6.5rem; }
td.when { white-space: nowrap; }
td.warn { color: #b42318; font-weight: 600; }
p.note { color: #52606d; margin-top: 1.5rem; font-size: .9rem; }
.aktif { color: #1b7f3b; font-weight: 600; }
.dicabut { color: #b42318; font-weight: 600; }
.menunggu { color: #8a5a00; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  th { background: none; border-bottom: 2px solid #1f2933; }
  tr { break-inside: avoid; }
  h2 { break-after: avoid; }
}
"""


def format_when(value: datetime | None) -> str:
    """Naive UTC as local "22 November 2026 14.05"; a dash for never."""
    if value is None:
        return _DASH
    local = value.replace(tzinfo=UTC).astimezone()
    return f"{format_date(local.date())} {local.strftime('%H.%M')}"


def _attr(css: str) -> str:
    return f' class="{css}"' if css else ""


def _cell(value: object, css: str = "") -> str:
    return f"<td{_attr(css)}>{escape(str(value))}</td>"


def _count_cell(count: int) -> str:
    return _cell(count, "num warn" if count else "num")


def _unbroken_brackets(label: str) -> str:
    """ "Ditolak (30 hari)" wraps before the bracket, never inside it (no-break spaces)."""
    return re.sub(r"\([^)]*\)", lambda found: found.group(0).replace(" ", "\u00a0"), label)


def _table(headers: Sequence[tuple[str, str]], rows: Iterable[str], *, empty: str) -> str:
    """A table of ready ``<tr>`` rows under ``headers`` ((label, css class)); ``empty`` when
    there are none."""
    head = "".join(
        f"<th{_attr(css)}>{escape(_unbroken_brackets(label))}</th>" for label, css in headers
    )
    body = "\n".join(rows) or f'<tr><td colspan="{len(headers)}">{escape(empty)}</td></tr>'
    return f"<table><thead><tr>{head}</tr></thead><tbody>\n{body}\n</tbody></table>"


def _device_row(line: DeviceStatus) -> str:
    device = line.device
    return (
        "<tr>"
        + _cell(device.name)
        + _cell(device.status, device.state)
        + _cell(line.scope_text)
        + _cell(format_when(device.last_seen_at), "when")
        + _cell(line.last_sync_user or _DASH)
        + _count_cell(line.refused_recently)
        + _count_cell(line.open_conflicts)
        + "</tr>"
    )


def _devices_table(report: StatusReport) -> str:
    headers = [
        (_("Nama perangkat"), ""),
        (_("Status"), ""),
        (_("Cakupan"), ""),
        (_("Terakhir sinkron"), ""),
        (_("Pengguna sinkron terakhir"), ""),
        (_("Ditolak (30 hari)"), "num"),
        (_("Konflik terbuka"), "num"),
    ]
    rows = (_device_row(line) for line in report.devices)
    return _table(headers, rows, empty=_("Belum ada perangkat terdaftar."))


def _refusals_table(report: StatusReport) -> str:
    headers = [
        (_("Waktu"), ""),
        (_("Perangkat"), ""),
        (_("Tabel"), ""),
        (_("Alasan"), ""),
    ]
    rows = (
        "<tr>"
        + _cell(format_when(line.at), "when")
        + _cell(line.device_name)
        + _cell(line.table_label)
        + _cell(line.message)
        + "</tr>"
        for line in report.refusals
    )
    return _table(headers, rows, empty=_("Belum ada baris yang ditolak."))


def _conflicts_table(report: StatusReport) -> str:
    headers = [
        (_("Waktu"), ""),
        (_("Tabel"), ""),
        (_("Bidang"), ""),
        (_("Versi dipakai dari"), ""),
        (_("Versi kalah dari"), ""),
    ]
    rows = (
        "<tr>"
        + _cell(format_when(line.at), "when")
        + _cell(line.table_label)
        + _cell(line.fields)
        + _cell(line.winner_name)
        + _cell(line.loser_name)
        + "</tr>"
        for line in report.conflicts
    )
    return _table(headers, rows, empty=_("Tidak ada konflik terbuka."))


def _totals(report: StatusReport) -> str:
    items = (
        (report.active_devices, _("perangkat aktif"), False),
        (report.refused_recently, _("baris ditolak (30 hari)"), report.refused_recently > 0),
        (report.open_conflicts, _("konflik terbuka"), report.open_conflicts > 0),
    )
    return (
        '<ul class="totals">'
        + "".join(
            f"<li{_attr('warn' if warn else '')}><strong>{count}</strong>{escape(label)}</li>"
            for count, label, warn in items
        )
        + "</ul>"
    )


def render_status_page(report: StatusReport, *, now: datetime, admin: str) -> str:
    """The whole page for ``report``; ``now`` naive UTC; ``admin`` is who is looking.

    The open conflicts (few, and each waits for someone) come before the long refusal list."""
    title = escape(_("Server sinkronisasi Asuh: status"))
    meta = escape(
        _("Dilihat oleh {admin} pada {when}. {n} perangkat.").format(
            admin=admin, when=format_when(now), n=len(report.devices)
        )
    )
    refusals_title = escape(_("Baris ditolak terbaru (paling banyak {n})").format(n=REFUSALS_SHOWN))
    note = escape(
        _(
            'Halaman ini hanya untuk dibaca. Waktu menurut jam server. "Ditolak" menghitung '
            "baris yang ditolak server dalam {days} hari terakhir; konflik ditinjau di aplikasi "
            "(Sinkronisasi \u203a Konflik data)."
        ).format(days=REFUSAL_WINDOW.days)
    )
    return (
        '<!DOCTYPE html>\n<html lang="id"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{title}</title><style>{_STYLE}</style></head><body>"
        f'<h1>{title}</h1><p class="meta">{meta}</p>'
        f"{_totals(report)}"
        f"<h2>{escape(_('Perangkat'))}</h2>{_devices_table(report)}"
        f"<h2>{escape(_('Konflik terbuka'))}</h2>{_conflicts_table(report)}"
        f"<h2>{refusals_title}</h2>{_refusals_table(report)}"
        f'<p class="note">{note}</p></body></html>'
    )
