"""Sections of the Laporan bulanan built from the data model (no queries, no arithmetic beyond
formatting): the 12-month trend, prevalence, SKDN by area, the attention list and the programme
outcomes. Names are wrapped in ``Paragraph`` cells, never cut; each long table is one platypus
``Table`` per kecamatan (a few dozen rows), so splitting stays cheap at 50,000 children.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from desktop_app.core.formatting import format_rupiah
from desktop_app.core.i18n import _
from desktop_app.growth import Indicator, Skdn, format_z
from desktop_app.growth.categories import categories_of
from desktop_app.labels.choices import exit_reason_label
from desktop_app.reports.attention import attention_groups, reasons_text
from desktop_app.reports.base import CONTENT_WIDTH, escape
from desktop_app.reports.fonts import CONDENSED, CONDENSED_BOLD
from desktop_app.reports.monthly_model import (
    MonthlySummaryData,
    PosyanduRow,
    PrevalenceRow,
    Rate,
    SkdnSubtotal,
)
from desktop_app.reports.tables import HEADER_GREY, grid_style, grid_table
from desktop_app.reports.text import fmt_int, fmt_ratio
from desktop_app.reports.trend_chart import trend_chart

__all__ = [
    "attention_section",
    "outcomes_section",
    "prevalence_section",
    "skdn_area_section",
    "trend_section",
]

W = CONTENT_WIDTH
_NO_AREA = "-"
SUBTOTAL_GREY = colors.HexColor("#F0F0F0")
_CELL = ParagraphStyle("cell", fontName=CONDENSED, fontSize=8, leading=9.5)
_CELL_BOLD = ParagraphStyle("cellb", parent=_CELL, fontName=CONDENSED_BOLD)
_CELL_INDENT = ParagraphStyle("celli", parent=_CELL, leftIndent=8)
_CELL_INDENT2 = ParagraphStyle("cellii", parent=_CELL, leftIndent=16)
_HEAD = ParagraphStyle("head", parent=_CELL_BOLD, alignment=1)


def _kecamatan(name: str) -> str:
    return _("Tanpa kecamatan") if name == _NO_AREA else _("Kecamatan {name}").format(name=name)


def _desa(name: str) -> str:
    return _("(tanpa desa/kelurahan)") if name == _NO_AREA else name


def _p(text: str, style: ParagraphStyle = _CELL) -> Paragraph:
    return Paragraph(escape(text), style)


def _head(texts: Sequence[str]) -> list[Paragraph]:
    return [Paragraph(escape(t).replace("\n", "<br/>"), _HEAD) for t in texts]


def _table(rows: list[list], widths: Sequence[float], *, numeric_from: int,
           bold_rows: Sequence[int] = (), shaded: dict[int, colors.Color] | None = None,
           ) -> Table:  # fmt: skip
    table = Table(rows, colWidths=list(widths), repeatRows=1)
    style = grid_style(numeric_from=numeric_from)
    for r in bold_rows:
        style.add("FONT", (0, r), (-1, r), CONDENSED_BOLD, 8)
    for r, colour in (shaded or {}).items():
        style.add("BACKGROUND", (0, r), (-1, r), colour)
    table.setStyle(style)
    return table


# -- trend -----------------------------------------------------------------------------------


def trend_section(data: MonthlySummaryData, heading: Flowable) -> list[Flowable]:
    if not data.trend:
        return []
    return [KeepTogether([heading, trend_chart(data.trend, W)])]


# -- prevalence ------------------------------------------------------------------------------


def _rate(rate: Rate) -> str:
    if not rate.denominator:
        return "-"
    return f"{fmt_ratio(rate.fraction)} ({fmt_int(rate.count)}/{fmt_int(rate.denominator)})"


def _prevalence_header(first: str) -> list[Paragraph]:
    return _head([
        first,
        _("Stunting\nTB/U < −2 SD"),
        _("Gizi kurang (wasting)\nBB/TB < −2 SD"),
        _("BB kurang (underweight)\nBB/U < −2 SD"),
        _("Gizi lebih (overweight)\nBB/TB > +2 SD"),
    ])  # fmt: skip


def _rates(row: PrevalenceRow) -> list[str]:
    return [_rate(row.stunted), _rate(row.wasted), _rate(row.underweight), _rate(row.overweight)]


def prevalence_section(data: MonthlySummaryData, heading: Flowable, note_style: ParagraphStyle
                       ) -> list[Flowable]:  # fmt: skip
    p = data.prevalence
    if p is None or not p.total.stunted.denominator and not p.total.underweight.denominator:
        return [heading, Paragraph(_("Tidak ada data untuk periode ini."), note_style)]
    widths = [W - 4 * 3.1 * cm, *([3.1 * cm] * 4)]
    sexes = {"L": _("Laki-laki"), "P": _("Perempuan")}
    rows: list[list] = [_prevalence_header(_("Kelompok"))]
    rows.append([_p(_("Semua anak diukur"), _CELL_BOLD), *_rates(p.total)])
    rows += [[_p(sexes.get(r.key, r.key), _CELL_INDENT), *_rates(r)] for r in p.by_sex]
    for r in p.by_age:
        assert r.age is not None
        label = _("Umur {low}–{high} bulan").format(low=r.age.low, high=r.age.high)
        rows.append([_p(label, _CELL_INDENT), *_rates(r)])
    groups = _table(rows, widths, numeric_from=1, bold_rows=(1,), shaded={1: SUBTOTAL_GREY})
    note = Paragraph(
        _("Persentase dari anak yang diukur bulan ini dengan nilai z yang sah untuk indikator "
          "itu (pengukuran terakhir bulan ini), dengan jumlah anak / penyebut dalam kurung; "
          "klasifikasi Permenkes No. 2 Tahun 2020."),
        note_style,
    )  # fmt: skip
    area_rows: list[list] = [_prevalence_header(_("Kecamatan / desa/kelurahan"))]
    bold, shaded = [], {}
    for r in p.by_area:
        if r.group == "kecamatan":
            bold.append(len(area_rows))
            shaded[len(area_rows)] = SUBTOTAL_GREY
            area_rows.append([_p(_kecamatan(r.key), _CELL_BOLD), *_rates(r)])
        else:
            area_rows.append([_p(_desa(r.key), _CELL_INDENT), *_rates(r)])
    areas = _table(area_rows, widths, numeric_from=1, bold_rows=bold, shaded=shaded)
    return [heading, note, Spacer(1, 3), groups, Spacer(1, 6), areas]


# -- SKDN by area ----------------------------------------------------------------------------

_SKDN_HEADER = ["S", "K", "D", "N", "T", "O", "B", "2T", "BGM", "D/S", "N/D"]
_COUNT_W, _RATIO_W = 1.1 * cm, 1.25 * cm


def _skdn_cells(skdn: Skdn) -> list[str]:
    s = skdn
    return [*(fmt_int(v) for v in (s.s, s.k, s.d, s.n, s.t, s.o, s.b, s.two_t, s.bgm)),
            fmt_ratio(s.d_s), fmt_ratio(s.n_d)]  # fmt: skip


def skdn_area_section(data: MonthlySummaryData, heading: Flowable, note_style: ParagraphStyle
                      ) -> list[Flowable]:  # fmt: skip
    if not data.posyandu:
        return [heading, Paragraph(_("Tidak ada data untuk periode ini."), note_style)]
    widths = [W - 9 * _COUNT_W - 2 * _RATIO_W, *([_COUNT_W] * 9), _RATIO_W, _RATIO_W]
    header = [*_head([_("Kecamatan / desa / posyandu")]), *_SKDN_HEADER]
    subtotal: dict[tuple[str, str | None], SkdnSubtotal] = {
        (t.kecamatan, t.desa): t for t in data.skdn_subtotals
    }
    by_kecamatan: dict[str, dict[str, list[PosyanduRow]]] = defaultdict(lambda: defaultdict(list))
    for row in data.posyandu:
        by_kecamatan[row.kecamatan][row.desa].append(row)
    story: list[Flowable] = [heading, Paragraph(
        _("S = balita terdaftar dalam program (bukan seluruh balita wilayah); K = yang memiliki "
          "KMS/Buku KIA; D = ditimbang bulan ini; N = naik sesuai KBM; T = tidak naik; O = tidak "
          "ditimbang bulan lalu; B = baru pertama ditimbang; 2T = dua kali berturut-turut tidak "
          "naik; BGM = BB/U di bawah −3 SD. Baris tebal: jumlah kecamatan dan desa/kelurahan."),
        note_style,
    ), Spacer(1, 3)]  # fmt: skip
    for kecamatan, desas in by_kecamatan.items():
        rows: list[list] = [header]
        shaded: dict[int, colors.Color] = {}
        bold: list[int] = []
        total = subtotal.get((kecamatan, None))
        if total is not None:
            bold.append(len(rows))
            shaded[len(rows)] = HEADER_GREY
            rows.append([_p(_kecamatan(kecamatan), _CELL_BOLD), *_skdn_cells(total.skdn)])
        for desa, posyandu in desas.items():
            desa_total = subtotal.get((kecamatan, desa))
            if desa_total is not None and kecamatan != _NO_AREA:
                bold.append(len(rows))
                shaded[len(rows)] = SUBTOTAL_GREY
                rows.append([_p(_desa(desa), _CELL_BOLD), *_skdn_cells(desa_total.skdn)])
            for p in posyandu:
                rows.append([_p(p.posyandu, _CELL_INDENT2), *_skdn_cells(p.skdn)])
        story += [_table(rows, widths, numeric_from=1, bold_rows=bold, shaded=shaded),
                  Spacer(1, 4)]  # fmt: skip
    total_row = [[*_head([""]), *_SKDN_HEADER],
                 [_p(_("Jumlah kabupaten/kota"), _CELL_BOLD), *_skdn_cells(data.skdn)]]  # fmt: skip
    story.append(_table(total_row, widths, numeric_from=1, bold_rows=(1,),
                        shaded={1: HEADER_GREY}))  # fmt: skip
    return story


# -- attention -------------------------------------------------------------------------------


def attention_section(data: MonthlySummaryData, heading: Flowable, note_style: ParagraphStyle,
                      subheading_style: ParagraphStyle) -> list[Flowable]:  # fmt: skip
    if not data.attention:
        return [heading, Paragraph(_("Tidak ada data untuk periode ini."), note_style)]
    note = Paragraph(
        _("Urutan menurut tingkat keparahan: gizi buruk (BB/PB–BB/TB di bawah −3 SD, pengukuran "
          "terakhir dalam tiga bulan) dan BGM (BB/U di bawah −3 SD), lalu 2T, memburuk (TB/U "
          "turun kelas atau turun 0,2 SD atau lebih), lalu belum dikunjungi orang tua asuh bulan "
          "ini. Nilai z yang menjadi alasan ditulis di belakangnya."),
        note_style,
    )  # fmt: skip
    story: list[Flowable] = [heading, note]
    widths = [0.8 * cm, 3.3 * cm, 1.1 * cm, 2.5 * cm, 3.0 * cm]
    widths.append(W - sum(widths))
    header = _head(["No", _("Nama anak"), _("Umur"), _("Desa/Kelurahan"), _("Orang tua asuh"),
                    _("Alasan (nilai z)")])  # fmt: skip
    for group in attention_groups(data.attention):
        title = _("{area}: {n} anak").format(area=_kecamatan(group.kecamatan),
                                              n=fmt_int(group.total))  # fmt: skip
        block: list[Flowable] = [Paragraph(escape(title), subheading_style)]
        if group.truncated:
            block.append(Paragraph(
                _("Ditampilkan {shown} anak dengan alasan paling berat dari {total}; daftar "
                  "lengkap ada di lampiran Excel laporan ini (lembar \"Perlu perhatian\").").format(
                    shown=fmt_int(len(group.rows)), total=fmt_int(group.total)),
                note_style,
            ))  # fmt: skip
        rows: list[list] = [header]
        for i, a in enumerate(group.rows, 1):
            rows.append([fmt_int(i), _p(a.name), _("{n} bln").format(n=a.age_months),
                         _p(_desa(a.desa)),
                         _p(a.guardian), _p(reasons_text(a))])  # fmt: skip
        table = _table(rows, widths, numeric_from=99)
        table.setStyle(TableStyle([("ALIGN", (0, 1), (0, -1), "RIGHT"),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))  # fmt: skip
        story += [KeepTogether([*block, Spacer(1, 2), table]), Spacer(1, 4)]
    return story


# -- outcomes --------------------------------------------------------------------------------


def outcomes_section(data: MonthlySummaryData, heading: Flowable, note_style: ParagraphStyle,
                     subheading_style: ParagraphStyle) -> list[Flowable]:  # fmt: skip
    o = data.outcomes
    if o is None:
        return []
    blocks: list[list[Flowable]] = []
    # Exits
    block: list[Flowable] = [
        Paragraph(_("Anak keluar dari program menurut alasan"), subheading_style)
    ]
    month = dict(o.exits_month)
    to_date = dict(o.exits_to_date)
    if to_date:
        rows = [[exit_reason_label(code), fmt_int(month.get(code, 0)), fmt_int(n)]
                for code, n in o.exits_to_date]  # fmt: skip
        rows.append([_("Jumlah"), fmt_int(sum(month.values())), fmt_int(sum(to_date.values()))])
        block.append(grid_table([_("Alasan keluar"), _("Bulan ini"), _("Sampai bulan ini")],
                                rows, [W - 6 * cm, 3 * cm, 3 * cm], numeric_from=1,
                                total_row=True))  # fmt: skip
    else:
        block.append(Paragraph(_("Belum ada anak yang keluar dari program."), note_style))
    blocks.append(block)
    # Transitions and HAZ change
    block = [Paragraph(_("Perubahan status TB/U sejak pengukuran pertama"), subheading_style)]
    if o.transitions:
        labels = [c.label for c in categories_of(Indicator.TB_U)]
        counts = {(a, b): n for a, b, n in o.transitions}
        header = [_("Pertama \\ terakhir"), *(_(lab) for lab in labels), _("Jumlah")]
        rows = []
        for a in labels:
            line = [counts.get((a, b), 0) for b in labels]
            if any(line):
                rows.append([_(a), *(fmt_int(n) for n in line), fmt_int(sum(line))])
        totals = [sum(counts.get((a, b), 0) for a in labels) for b in labels]
        rows.append([_("Jumlah"), *(fmt_int(n) for n in totals), fmt_int(sum(totals))])
        width = 2.6 * cm
        block.append(grid_table(header, rows, [W - 5 * width, *([width] * 5)], numeric_from=1,
                                total_row=True))  # fmt: skip
        block.append(Paragraph(
            _("Baris: kategori pada pengukuran TB/U pertama yang sah; kolom: kategori pada "
              "pengukuran terakhir sampai bulan ini. Anak yang baru diukur sekali tidak "
              "dihitung."),
            note_style,
        ))  # fmt: skip
    else:
        block.append(Paragraph(_("Belum ada anak yang diukur dua kali atau lebih."), note_style))
    if o.haz_change_mean is not None:
        sign = "+" if o.haz_change_mean > 0 else ""
        text = _(
            "Rata-rata perubahan TB/U (HAZ) sejak pengukuran pertama pada anak yang sudah "
            "{months} bulan atau lebih dalam program: <b>{change} SD</b> ({n} anak)."
        ).format(
            months=3, change=sign + format_z(o.haz_change_mean), n=fmt_int(o.haz_change_children)
        )
    else:
        text = _("Belum ada anak dengan 3 bulan atau lebih dalam program yang diukur dua kali.")
    block += [Spacer(1, 3), Paragraph(text, note_style)]
    blocks.append(block)
    # Aid to date
    block = [Paragraph(_("Bantuan sampai bulan ini: dibayar dibanding rencana"), subheading_style)]
    if o.aid_to_date:
        rows = [
            [
                r.programme or "-",
                fmt_int(r.children),
                format_rupiah(r.planned),
                format_rupiah(r.paid),
                format_rupiah(r.outstanding),
                fmt_ratio(r.paid / r.planned if r.planned else None),
            ]
            for r in o.aid_to_date
        ]
        planned = sum(r.planned for r in o.aid_to_date)
        paid = sum(r.paid for r in o.aid_to_date)
        rows.append(
            [
                _("Jumlah"),
                "",
                format_rupiah(planned),
                format_rupiah(paid),
                format_rupiah(planned - paid),
                fmt_ratio(paid / planned if planned else None),
            ]
        )
        fixed = [1.4 * cm, 2.8 * cm, 2.8 * cm, 2.8 * cm, 1.6 * cm]
        block.append(
            grid_table(
                [
                    _("Program"),
                    _("Jumlah\nanak"),
                    _("Direncanakan"),
                    _("Dibayar"),
                    _("Belum dibayar"),
                    _("Dibayar\n(%)"),
                ],
                rows,
                [W - sum(fixed), *fixed],
                numeric_from=1,
                total_row=True,
                wrap=(0,),  # a programme's name whole
            )
        )
        block.append(
            Paragraph(
                _(
                    "Semua bulan bantuan sampai bulan laporan; bantuan yang dibatalkan tidak "
                    "dihitung."
                ),
                note_style,
            )
        )
    else:
        block.append(Paragraph(_("Tidak ada data untuk periode ini."), note_style))
    blocks.append(block)
    return [heading, *(KeepTogether(b) for b in blocks)]
