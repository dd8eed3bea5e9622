"""Excel export of the monthly summary's tables, for offices that re-use the numbers.

Same :class:`MonthlySummaryData` as the PDF, so both always agree. Cells hold numbers (counts as
integers, ratios as fractions formatted ``0.0%``, money as integer rupiah formatted with a
thousands separator), not text, so a spreadsheet can sum them; text goes through the one inert
cell writer (a name starting with "=" is never a formula). No NIK is exported.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from desktop_app.core.formatting import format_date, format_month
from desktop_app.core.i18n import _
from desktop_app.export.cells import sheet_value
from desktop_app.reports.monthly_model import MonthlySummaryData

__all__ = ["monthly_summary_xlsx", "write_monthly_summary_xlsx"]

_BOLD = Font(bold=True)
_GREY = PatternFill("solid", fgColor="E6E6E6")
_RUPIAH = '"Rp"#,##0'
_PERCENT = "0.0%"


def _sheet(workbook: Workbook, title: str, header: Sequence[str], rows: Sequence[Sequence[Any]],
           formats: dict[int, str] | None = None) -> None:  # fmt: skip
    sheet = workbook.create_sheet(title)
    sheet.append([sheet_value(sheet, name) for name in header])
    for cell in sheet[1]:
        cell.font, cell.fill = _BOLD, _GREY
    for row in rows:  # names of children, desa and posyandu are typed by people: kept inert
        sheet.append([sheet_value(sheet, value) for value in row])
    for column, number_format in (formats or {}).items():
        for (cell,) in sheet.iter_rows(min_row=2, min_col=column + 1, max_col=column + 1):
            cell.number_format = number_format
    for i, name in enumerate(header, 1):
        width = max([len(str(name))] + [len(str(r[i - 1])) for r in rows[:500]])
        sheet.column_dimensions[get_column_letter(i)].width = min(max(width + 2, 8), 45)
    sheet.freeze_panes = "A2"


def _month_status(data: MonthlySummaryData) -> str:
    """The PDF's SEMENTARA banner or closing stamp, as one cell."""
    header = data.header
    if header.provisional_until is not None:
        return _("LAPORAN SEMENTARA - data s.d. {date}").format(
            date=format_date(header.provisional_until)
        )
    if header.closure is not None:
        return _("Bulan ditutup {date} · sidik SHA-256 {hash}").format(
            date=format_date(header.closure.closed_at), hash=header.closure.sha256[:16]
        )
    return _("Bulan sudah selesai, belum ditutup")


def monthly_summary_xlsx(data: MonthlySummaryData) -> bytes:
    """The workbook as bytes (sheets Ringkasan, SKDN, Wilayah, Posyandu, OPD, Perlu perhatian)."""
    workbook = Workbook()
    default_sheet = workbook.active
    assert default_sheet is not None  # a new workbook opens on one empty worksheet
    workbook.remove(default_sheet)
    f, s = data.figures, data.skdn
    running = data.header.provisional_until is not None  # no month-on-month change then
    coverage = f.with_guardian / f.registered if f.registered else None
    _sheet(workbook, _("Ringkasan"), [_("Uraian"), _("Jumlah")], [
        (_("Periode"), format_month(data.month.first_day)),
        (_("Status"), _month_status(data)),
        (_("Program"), data.programme_name or _("Semua program")),
        (_("Anak berisiko stunting terdaftar"), f.registered),
        (_("Anak dengan orang tua asuh"), f.with_guardian),
        (_("Cakupan pendampingan (%)"), round(100 * coverage, 1) if coverage is not None else None),
        (_("Penugasan baru bulan ini"), f.new_assignments),
        (_("Penugasan berakhir bulan ini"), f.ended_assignments),
        (_("Kunjungan dilakukan"), f.visits_done),
        (_("Kunjungan target"), f.visits_due),
        (_("Anak diukur bulan ini"), f.measured),
        (_("Anak stunting"), f.stunted),
        (_("Anak stunting bulan lalu"), None if running else f.stunted_last_month),
        (_("Anak sangat pendek"), f.severely_stunted),
        (_("Anak sangat pendek bulan lalu"),
         None if running else f.severely_stunted_last_month),
        (_("Bantuan direncanakan (Rp)"), f.aid_planned),
        (_("Bantuan sudah dibayar (Rp)"), f.aid_paid),
        (_("Bantuan belum dibayar (Rp)"), f.aid_outstanding),
    ])  # fmt: skip
    _sheet(
        workbook, "SKDN",
        ["S", "K", "D", "N", "T", "O", "B", "2T", "BGM", "K/S", "D/S", "D/K", "N/D", "N/D'",
         "N/S", "BGM/D", "2T/D", "T/D"],
        [[s.s, s.k, s.d, s.n, s.t, s.o, s.b, s.two_t, s.bgm, s.k_s, s.d_s, s.d_k, s.n_d,
          s.n_d_prime, s.n_s, s.bgm_d, s.two_t_d, s.t_d]],
        dict.fromkeys(range(9, 18), _PERCENT),
    )  # fmt: skip
    _sheet(
        workbook, _("Wilayah"),
        [_("Kecamatan"), _("Desa/Kelurahan"), _("Terdaftar"), _("Ada pendamping"), _("Diukur"),
         _("Stunting"), _("Kunjungan"), _("Target kunjungan")],
        [[a.kecamatan, a.desa, a.registered, a.with_guardian, a.measured, a.stunted,
          a.visits_done, a.visits_due] for a in data.areas],
    )  # fmt: skip
    _sheet(
        workbook, _("Posyandu"),
        [_("Posyandu"), _("Desa/Kelurahan"), "S", "K", "D", "N", "T", "O", "B", "2T", "BGM",
         "D/S", "N/D"],
        [[p.posyandu, p.desa, p.skdn.s, p.skdn.k, p.skdn.d, p.skdn.n, p.skdn.t, p.skdn.o,
          p.skdn.b, p.skdn.two_t, p.skdn.bgm, p.skdn.d_s, p.skdn.n_d] for p in data.posyandu],
        {11: _PERCENT, 12: _PERCENT},
    )  # fmt: skip
    _sheet(
        workbook, "OPD",
        [_("Kode"), _("Nama OPD"), _("ASN terdaftar"), _("ASN pendamping"), _("Anak asuh"),
         _("Kunjungan")],
        [[o.code, o.name, o.asn_registered, o.asn_fostering, o.children, o.visits_done]
         for o in data.opds],
    )  # fmt: skip
    _sheet(
        workbook, _("Perlu perhatian"),
        [_("Nama anak"), _("Umur (bulan)"), _("Desa/Kelurahan"), _("Orang tua asuh"),
         _("TB/U (z)"), _("Alasan")],
        [[a.name, a.age_months, a.desa, a.guardian, a.zlen, ", ".join(a.reasons)]
         for a in data.attention],
    )  # fmt: skip
    summary = workbook[_("Ringkasan")]
    for row in range(16, 19):
        summary.cell(row=row, column=2).number_format = _RUPIAH
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def write_monthly_summary_xlsx(data: MonthlySummaryData, path: str | Path) -> Path:
    target = Path(path)
    target.write_bytes(monthly_summary_xlsx(data))
    return target
