"""The coordinator's read-only status page: which laptops are enrolled, seen, revoked.

Plain HTML with inline CSS, no script: it must read well on any browser at the district office.
Times are shown in the server's local time zone.
"""

from __future__ import annotations

from datetime import UTC, datetime
from html import escape

from desktop_app.core.formatting import format_date
from desktop_app.core.i18n import _
from desktop_app.server.devices import DeviceRecord

_STYLE = """
body { font-family: system-ui, sans-serif; margin: 2rem; color: #1f2933; max-width: 72rem; }
h1 { font-size: 1.5rem; margin-bottom: .25rem; }
p.meta { color: #52606d; margin-top: 0; }
table { border-collapse: collapse; width: 100%; margin-top: 1rem; }
th, td { text-align: left; padding: .5rem .75rem; border-bottom: 1px solid #d9e2ec; }
th { background: #f0f4f8; }
td.when { white-space: nowrap; }
p.note { color: #52606d; margin-top: 1.5rem; }
.aktif { color: #1b7f3b; font-weight: 600; }
.dicabut { color: #b42318; font-weight: 600; }
.menunggu { color: #8a5a00; }
"""


def _when(value: datetime | None) -> str:
    """Naive UTC as local "5 Desember 2026, 11.02"; a dash for never."""
    if value is None:
        return "\u2013"
    local = value.replace(tzinfo=UTC).astimezone()
    return f"{format_date(local.date())}, {local.strftime('%H.%M')}"


def _scope(device: DeviceRecord) -> str:
    if "kecamatan" in device.scope:
        return _("{n} kecamatan").format(n=len(device.scope["kecamatan"]))
    if "posyandu" in device.scope:
        return _("{n} posyandu").format(n=len(device.scope["posyandu"]))
    return _("Seluruh kabupaten")


def render_status_page(devices: list[DeviceRecord], *, now: datetime, admin: str) -> str:
    """The whole page for ``devices``; ``now`` naive UTC; ``admin`` is who is looking."""
    rows = "\n".join(
        "<tr>"
        f"<td>{escape(device.name)}</td>"
        f"<td>{escape(_scope(device))}</td>"
        f'<td class="{device.state}">{escape(device.status)}</td>'
        f'<td class="when">{escape(_when(device.enrolled_at))}</td>'
        f'<td class="when">{escape(_when(device.last_seen_at))}</td>'
        f'<td class="when">{escape(_when(device.revoked_at))}</td>'
        "</tr>"
        for device in devices
    )
    if not devices:
        rows = f'<tr><td colspan="6">{escape(_("Belum ada perangkat terdaftar."))}</td></tr>'
    title = escape(_("Server sinkronisasi Asuh: status"))
    meta = escape(
        _("Dilihat oleh {admin} pada {when}. {n} perangkat.").format(
            admin=admin, when=_when(now), n=len(devices)
        )
    )
    headers = "".join(
        f"<th>{escape(label)}</th>"
        for label in (
            _("Nama perangkat"),
            _("Cakupan"),
            _("Status"),
            _("Didaftarkan"),
            _("Terakhir terlihat"),
            _("Dicabut"),
        )
    )
    note = escape(
        _(
            "Halaman ini hanya untuk dibaca. Sinkronisasi data laptop belum melalui server ini "
            "(masih langsung ke PostgreSQL)."
        )
    )
    return (
        '<!DOCTYPE html>\n<html lang="id"><head><meta charset="utf-8">'
        f"<title>{title}</title><style>{_STYLE}</style></head><body>"
        f'<h1>{title}</h1><p class="meta">{meta}</p>'
        f"<table><thead><tr>{headers}</tr></thead><tbody>\n{rows}\n</tbody></table>"
        f'<p class="note">{note}</p></body></html>'
    )
