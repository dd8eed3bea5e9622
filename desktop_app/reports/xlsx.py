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
from desktop_app.core.i18n import _, pgettext
from desktop_app.export.cells import sheet_value
from desktop_app.growth import Skdn
from desktop_app.labels.choices import exit_reason_label
from desktop_app.reports.attention import reason_label, reasons_text
from desktop_app.reports.monthly_model import MonthlySummaryData
from desktop_app.reports.payments_data import PaymentListData, method_label, status_label
from desktop_app.reports.workbook import MonthlyWorkbookData

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


def monthly_summary_xlsx(source: MonthlySummaryData | MonthlyWorkbookData) -> bytes:
    """The workbook as bytes: every section of the PDF (sheets Ringkasan, SKDN, Sebaran status
    gizi (TB/U, BB/U and BB/TB), Wilayah, Posyandu (with desa and kecamatan subtotals), OPD,
    Perlu perhatian (the whole list), Prevalensi, Tren, Hasil program) and, given the month's
    payments, Bantuan per anak: the children behind each aid total."""
    if isinstance(source, MonthlyWorkbookData):
        data, payments = source.summary, source.payments
    else:
        data, payments = source, None
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
        workbook, _("Sebaran status gizi"),
        [_("Indikator"), _("Kategori"), _("Anak")],
        [[d.indicator, label, count] for d in data.distributions for label, count in d.counts],
    )  # fmt: skip
    _sheet(
        workbook, _("Wilayah"),
        [_("Kecamatan"), _("Desa/Kelurahan"), _("Terdaftar"), _("Ada pendamping"), _("Diukur"),
         _("Stunting"), _("Kunjungan"), _("Target kunjungan")],
        [[a.kecamatan, a.desa, a.registered, a.with_guardian, a.measured, a.stunted,
          a.visits_done, a.visits_due] for a in data.areas],
    )  # fmt: skip
    sub = {(t.kecamatan, t.desa): t.skdn for t in data.skdn_subtotals}
    skdn_rows: list[list[Any]] = []
    last_kecamatan = last_desa = None
    for p in data.posyandu:
        if p.kecamatan != last_kecamatan and (p.kecamatan, None) in sub:
            skdn_rows.append(
                _skdn_row(_("Kecamatan"), p.kecamatan, "", "", sub[(p.kecamatan, None)])
            )
        if (p.kecamatan, p.desa) != (last_kecamatan, last_desa) and (p.kecamatan, p.desa) in sub:
            skdn_rows.append(_skdn_row(_("Desa/Kelurahan"), p.kecamatan, p.desa, "",
                                       sub[(p.kecamatan, p.desa)]))  # fmt: skip
        skdn_rows.append(_skdn_row(_("Posyandu"), p.kecamatan, p.desa, p.posyandu, p.skdn))
        last_kecamatan, last_desa = p.kecamatan, p.desa
    _sheet(
        workbook, _("Posyandu"),
        [_("Tingkat"), _("Kecamatan"), _("Desa/Kelurahan"), _("Posyandu"), "S", "K", "D", "N",
         "T", "O", "B", "2T", "BGM", "D/S", "N/D"],
        skdn_rows,
        {13: _PERCENT, 14: _PERCENT},
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
        [_("Nama anak"), _("Umur (bulan)"), _("Kecamatan"), _("Desa/Kelurahan"),
         _("Orang tua asuh"), _("Alasan utama"), _("Alasan (nilai z)")],
        [[a.name, a.age_months, a.kecamatan, a.desa, a.guardian, reason_label(a.reasons[0].code),
          reasons_text(a)] for a in data.attention],
    )  # fmt: skip
    if data.prevalence is not None:
        _prevalence_sheet(workbook, data)
    if data.trend:
        _sheet(
            workbook, _("Tren"),
            [_("Bulan"), _("Diukur TB/U"), _("Stunting"), _("Prevalensi stunting"),
             _("Kunjungan dilakukan"), _("Kunjungan target")],
            [[format_month(t.month.first_day), t.haz_measured, t.stunted,
              t.stunted_rate.fraction, t.visits_done, t.visits_due] for t in data.trend],
            {3: _PERCENT},
        )  # fmt: skip
    if data.outcomes is not None:
        _outcomes_sheet(workbook, data)
    if payments is not None:
        _payments_sheet(workbook, payments)
    summary = workbook[_("Ringkasan")]
    for row in range(16, 19):
        summary.cell(row=row, column=2).number_format = _RUPIAH
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _skdn_row(level: str, kecamatan: str, desa: str, posyandu: str, s: Skdn) -> list[Any]:
    return [level, kecamatan, desa, posyandu, s.s, s.k, s.d, s.n, s.t, s.o, s.b, s.two_t, s.bgm,
            s.d_s, s.n_d]  # fmt: skip


def _prevalence_sheet(workbook: Workbook, data: MonthlySummaryData) -> None:
    assert data.prevalence is not None
    p = data.prevalence
    groups = {"total": _("Semua"), "sex": _("Jenis kelamin"), "age": _("Umur (bulan)"),
              "kecamatan": _("Kecamatan"), "desa": _("Desa/Kelurahan")}  # fmt: skip
    rows = []
    for r in (p.total, *p.by_sex, *p.by_age, *p.by_area):
        line: list[Any] = [groups.get(r.group, r.group), r.kecamatan if r.group == "desa" else "",
                           r.key]  # fmt: skip
        for rate in (r.stunted, r.wasted, r.underweight, r.overweight):
            line += [rate.count, rate.denominator, rate.fraction]
        rows.append(line)
    header = [_("Kelompok"), _("Kecamatan"), _("Nama")]
    for name in (_("Stunting"), _("Gizi kurang"), _("BB kurang"), _("Gizi lebih")):
        header += [name, _("{name}: diukur").format(name=name),
                   _("{name} (persen)").format(name=name)]  # fmt: skip
    _sheet(workbook, _("Prevalensi"), header, rows, {5: _PERCENT, 8: _PERCENT, 11: _PERCENT,
                                                        14: _PERCENT})  # fmt: skip


def _outcomes_sheet(workbook: Workbook, data: MonthlySummaryData) -> None:
    assert data.outcomes is not None
    o = data.outcomes
    month = dict(o.exits_month)
    rows: list[list[Any]] = [
        [_("Keluar: {reason}").format(reason=exit_reason_label(code)), month.get(code, 0), n]
        for code, n in o.exits_to_date
    ]
    rows += [[_("TB/U {before} → {after}").format(before=_(a), after=_(b)), None, n]
             for a, b, n in o.transitions]  # fmt: skip
    rows.append([_("Rata-rata perubahan HAZ (anak ≥ 3 bulan dalam program)"), None,
                 o.haz_change_mean])  # fmt: skip
    rows.append([_("Anak dihitung untuk perubahan HAZ"), None, o.haz_change_children])
    for r in o.aid_to_date:
        name = r.programme or "-"
        rows.append([_("Bantuan direncanakan s.d. bulan ini: {name}").format(name=name), None,
                     r.planned])  # fmt: skip
        rows.append([_("Bantuan dibayar s.d. bulan ini: {name}").format(name=name), None, r.paid])
    _sheet(workbook, _("Hasil program"), [_("Uraian"), _("Bulan ini"), _("Sampai bulan ini")],
           rows)  # fmt: skip


def _payments_sheet(workbook: Workbook, payments: PaymentListData) -> None:
    """Every payment of the month (all statuses), then the totals by status: the rows add up
    to "Bantuan direncanakan" (dibayar + rencana) and "Bantuan sudah dibayar" (dibayar)."""
    rows: list[list[Any]] = [
        [r.child_name, r.desa, r.guardian, r.receiver, status_label(r.status), r.paid_on,
         method_label(r.method) if r.method else "", r.reference, r.amount]
        for r in payments.rows
    ]  # fmt: skip
    rows.append([None] * 9)  # a blank line before the totals
    for t in payments.by_status:
        rows.append([_("Jumlah {status}").format(status=status_label(t.status)), "", "", "", "",
                     None, "", _("{n} anak").format(n=t.children), t.amount])  # fmt: skip
    _sheet(
        workbook, _("Bantuan per anak"),
        [_("Nama anak"), _("Desa/Kelurahan"), _("Orang tua asuh"), _("Penerima"), _("Status"),
         _("Tanggal bayar"), _("Cara"), _("Referensi"), pgettext("uang", "Jumlah")],
        rows,
        {5: "DD/MM/YYYY", 8: _RUPIAH},
    )  # fmt: skip


def write_monthly_summary_xlsx(data: MonthlySummaryData, path: str | Path) -> Path:
    target = Path(path)
    target.write_bytes(monthly_summary_xlsx(data))
    return target
