"""Build the Laporan bulanan's data from the database (definitions: ``month_scope``).

Figures beyond those definitions:

* **visits due**: for each assignment in the month, its programme's visit target per month
  (the settings' target without a programme); **visits done**: guardian visits to the children
  of those assignments.
* **stunted / severely stunted**: among children measured in the month, the latest measurement
  of the month with a plausible stored 2-decimal HAZ, ``zlen < -2`` / ``< -3``
  (Permenkes classes *Pendek* / *Sangat pendek*); the same for the previous month gives the
  change.
* **a programme chosen**: children registered stay the whole district's (coverage is against
  all children at risk); assignments, visits due and done, and aid count that programme only.
* **SKDN, 2T, BGM**: :mod:`desktop_app.growth` over the children's weighings of the window
  (``month_scope``, ``monthly_facts``).
* **memburuk**: :func:`desktop_app.growth.stunting_trend` from the latest plausible HAZ of the two
  months before to the latest of the month.
* **aid**: payments of the month, cancelled ones excluded; planned = not cancelled, paid =
  status ``dibayar``.
* **prevalence**: :mod:`desktop_app.reports.prevalence` on each measured child's latest
  measurement of the month; **trend and outcomes**: :mod:`desktop_app.reports.monthly_history`.
* **SKDN per area**: posyandu rows under the posyandu's desa; children without a posyandu
  form a "(tanpa posyandu)" row under their own desa; desa and kecamatan subtotals add up the
  rows under them, so the kecamatan subtotals add up to the district's SKDN.
* **attention**: one row per child with every reason, most severe first: gizi buruk (latest
  plausible BB/PB-BB/TB of the window below -3 SD), BGM, 2T, memburuk, not visited; sorted by
  kecamatan, then severity, then the z of the most severe reason.

Runs on the DB worker thread inside the caller's transaction (read only).
"""

from __future__ import annotations

import uuid
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import fields
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_app.core import clock
from desktop_app.core.codes import PaymentStatus
from desktop_app.core.collector import collector_paused
from desktop_app.core.errors import NotFoundError
from desktop_app.core.i18n import N_, _
from desktop_app.core.month import Month
from desktop_app.core.progress import ProgressFn, no_progress
from desktop_app.db.models import AidPayment, Guardian, Opd, Programme
from desktop_app.growth import (
    Indicator,
    Skdn,
    Trend,
    completed_months,
    stunting_trend,
)
from desktop_app.growth.categories import bands_of, categories_of
from desktop_app.growth.rounding import round_z
from desktop_app.reports.common import reference_day
from desktop_app.reports.figures import CSR_OTHER_LABEL, active_asn, aid_of_month
from desktop_app.reports.header_data import build_report_header
from desktop_app.reports.month_scope import (
    ChildRow,
    IdKey,
    MonthScope,
    id_key,
    load_month_scope,
    window_start,
)
from desktop_app.reports.monthly_facts import ChildFacts, child_facts, plausible
from desktop_app.reports.monthly_history import load_outcomes, load_trend, past_months
from desktop_app.reports.monthly_model import (
    AreaRow,
    AttentionReason,
    AttentionRow,
    KeyFigures,
    MonthlySummaryData,
    OpdRow,
    PosyanduRow,
    SkdnSubtotal,
    StatusDistribution,
    TrendPoint,
)
from desktop_app.reports.prevalence import MeasuredChild, prevalence
from desktop_app.reports.visit_history import read_visit_history
from desktop_app.settings.kbm import load_kbm_table
from desktop_app.settings.store import get_settings

__all__ = ["build_monthly_summary"]

_NO_AREA = "-"  # children without a desa: listed last
_SKDN_COUNTS = tuple(f.name for f in fields(Skdn) if f.name != "month")
_DISTRIBUTION: tuple[tuple[Indicator, str, Callable[[ChildFacts], int]], ...] = (
    (Indicator.TB_U, N_("PB/U–TB/U"), lambda f: f.tbu_band),
    (Indicator.BB_U, N_("BB/U"), lambda f: f.bbu_band),
    (Indicator.BB_TB, N_("BB/PB–BB/TB"), lambda f: f.bbtb_band),
)


def build_monthly_summary(
    session: Session,
    *,
    month: date | Month,
    programme_id: uuid.UUID | None = None,
    today: date | None = None,
    progress: ProgressFn = no_progress,
) -> MonthlySummaryData:
    """Everything the monthly summary prints, for ``month`` (any day of it)."""
    with collector_paused():
        return _build(session, month, programme_id, today, progress)


def _build(
    session: Session,
    month: date | Month,
    programme_id: uuid.UUID | None,
    today: date | None,
    progress: ProgressFn,
) -> MonthlySummaryData:
    period = month if isinstance(month, Month) else Month.of(month)
    today = today or clock.today()
    programme_name = _programme_name(session, programme_id)
    settings = get_settings(session)
    progress(0, 4, _("Membaca data"))
    reference = reference_day(period, today)
    history = read_visit_history(session, past_months(period), reference, window_start(period))
    scope = load_month_scope(
        session,
        month=period,
        reference=reference,
        programme_id=programme_id,
        default_visit_target=settings.visit_target_per_month,
        first_weighings=history.first_weighing,
        window_visits=history.window,
    )
    progress(1, 4, _("Menghitung status gizi"))
    per_child = child_facts(scope, load_kbm_table(session))
    progress(2, 4, _("Menyusun rincian wilayah dan OPD"))
    aid = _aid(session, period, programme_id)
    figures = _figures(scope, per_child, aid)
    extras = _child_extras(per_child)
    posyandu, subtotals = _posyandu(scope, per_child)
    data = MonthlySummaryData(
        header=build_report_header(session, today=today),
        month=period,
        programme_name=programme_name,
        figures=figures,
        skdn=total_skdn(period, (f.skdn for f in per_child.values())),
        areas=_areas(scope, per_child),
        posyandu=posyandu,
        opds=_opds(session, scope, per_child),
        attention=_attention(scope, per_child),
        distributions=_distributions(per_child),
        skdn_subtotals=subtotals,
        prevalence=prevalence(_measured_children(scope, per_child, extras)),
        trend=load_trend(
            session, period, current=_current_point(period, per_child, figures), history=history,
            programme_id=programme_id, default_visit_target=settings.visit_target_per_month,
        ),
        outcomes=load_outcomes(
            session, period, scope.reference_day,
            enrolled={key: enrolled for key, (_sex, enrolled) in extras.items()},
            history=history, programme_id=programme_id,
        ),
    )  # fmt: skip
    progress(3, 4, _("Data laporan siap"))
    return data


def total_skdn(month: Month, parts: Iterable[Skdn]) -> Skdn:
    """The sum of many children's SKDN (``Skdn.__add__`` field by field, in one pass)."""
    sums = dict.fromkeys(_SKDN_COUNTS, 0)
    for part in parts:
        for name in _SKDN_COUNTS:
            sums[name] += getattr(part, name)
    return Skdn(month, **sums)


def _programme_name(session: Session, programme_id: uuid.UUID | None) -> str | None:
    if programme_id is None:
        return None
    programme = session.get(Programme, programme_id)
    if programme is None or programme.deleted_at is not None:
        raise NotFoundError(_("Program yang dipilih tidak ditemukan."))
    return programme.name


def _aid(session: Session, month: Month, programme_id: uuid.UUID | None) -> tuple[int, ...]:
    query = (
        select(AidPayment.status, func.count(), func.coalesce(func.sum(AidPayment.amount), 0))
        .where(aid_of_month(month))
        .group_by(AidPayment.status)
    )
    if programme_id is not None:
        query = query.where(AidPayment.programme_id == programme_id)
    planned = paid = planned_n = paid_n = 0
    for status, count, amount in session.execute(query):
        planned, planned_n = planned + int(amount), planned_n + count
        if status == PaymentStatus.PAID:
            paid, paid_n = int(amount), count
    return planned, paid, planned_n, paid_n


def _figures(scope: MonthScope, facts: dict[IdKey, ChildFacts], aid: tuple[int, ...]) -> KeyFigures:
    first, ref = scope.month.first_day, scope.reference_day
    values = facts.values()
    return KeyFigures(
        registered=len(facts),
        with_guardian=sum(f.assigned for f in values),
        new_assignments=sum(first <= a.start_date <= ref for a in scope.assignments),
        ended_assignments=sum(
            a.end_date is not None and first <= a.end_date <= ref for a in scope.assignments
        ),
        visits_done=sum(f.guardian_visits for f in values),
        visits_due=sum(f.visits_due for f in values),
        measured=sum(f.measured for f in values),
        stunted=sum(f.stunted() for f in values),
        severely_stunted=sum(f.stunted(severe=True) for f in values),
        stunted_last_month=sum(f.stunted(last_month=True) for f in values),
        severely_stunted_last_month=sum(f.stunted(severe=True, last_month=True) for f in values),
        aid_planned=aid[0],
        aid_paid=aid[1],
        aid_children_planned=aid[2],
        aid_children_paid=aid[3],
    )


def _area_of(scope: MonthScope, child: ChildRow) -> tuple[str, str]:
    """``(kecamatan, desa)``; ``("-", "-")`` for a child without a (known) desa."""
    if child.desa_id is None:
        return _NO_AREA, _NO_AREA
    return scope.desa_names.get(child.desa_id, (_NO_AREA, _NO_AREA))


def _areas(scope: MonthScope, facts: dict[IdKey, ChildFacts]) -> tuple[AreaRow, ...]:
    groups: dict[tuple[str, str], list[ChildFacts]] = defaultdict(list)
    for f in facts.values():
        groups[_area_of(scope, f.child)].append(f)
    return tuple(
        AreaRow(
            kecamatan, desa,
            registered=len(group),
            with_guardian=sum(f.assigned for f in group),
            measured=sum(f.measured for f in group),
            stunted=sum(f.stunted() for f in group),
            visits_done=sum(f.guardian_visits for f in group),
            visits_due=sum(f.visits_due for f in group),
        )
        for (kecamatan, desa), group in sorted(
            groups.items(), key=lambda item: (item[0][0] == _NO_AREA, item[0])
        )
    )  # fmt: skip


def _posyandu(
    scope: MonthScope, facts: dict[IdKey, ChildFacts]
) -> tuple[tuple[PosyanduRow, ...], tuple[SkdnSubtotal, ...]]:
    """Posyandu rows (kecamatan, desa, name order) and the desa and kecamatan subtotals."""
    no_posyandu = _("(tanpa posyandu)")
    groups: dict[tuple[str, str, str], list[Skdn]] = defaultdict(list)
    for f in facts.values():
        known = scope.posyandu_names.get(f.child.posyandu_id) if f.child.posyandu_id else None
        if known is None:
            kecamatan, desa = _area_of(scope, f.child)
            groups[(kecamatan, desa, no_posyandu)].append(f.skdn)
        else:
            name, desa_id = known
            kecamatan, desa = scope.desa_names.get(desa_id, (_NO_AREA, _NO_AREA))
            groups[(kecamatan, desa, name)].append(f.skdn)

    def order(key: tuple[str, str, str]) -> tuple:
        kecamatan, desa, name = key
        return (kecamatan == _NO_AREA, kecamatan, desa == _NO_AREA, desa, name == no_posyandu,
                name)  # fmt: skip

    rows: list[PosyanduRow] = []
    by_desa: dict[tuple[str, str], list[Skdn]] = defaultdict(list)
    by_kecamatan: dict[str, list[Skdn]] = defaultdict(list)
    for key in sorted(groups, key=order):
        kecamatan, desa, name = key
        skdn = total_skdn(scope.month, groups[key])
        rows.append(PosyanduRow(name, desa, skdn, kecamatan))
        by_desa[(kecamatan, desa)].append(skdn)
        by_kecamatan[kecamatan].append(skdn)
    subtotals = [SkdnSubtotal(k, d, total_skdn(scope.month, parts))
                 for (k, d), parts in by_desa.items()]  # fmt: skip
    subtotals += [SkdnSubtotal(k, None, total_skdn(scope.month, parts))
                  for k, parts in by_kecamatan.items()]  # fmt: skip
    return tuple(rows), tuple(subtotals)


def _opds(
    session: Session, scope: MonthScope, facts: dict[IdKey, ChildFacts]
) -> tuple[OpdRow, ...]:
    asn = dict(
        session.execute(
            select(id_key(Guardian.opd_id), func.count())
            .where(active_asn())
            .group_by(Guardian.opd_id)
        ).all()
    )
    fostering: dict[IdKey | None, set[IdKey]] = defaultdict(set)
    children: dict[IdKey | None, set[IdKey]] = defaultdict(set)
    for a in scope.assignments:
        opd_id = scope.guardian_names.get(a.guardian_id, ("", None))[1]
        fostering[opd_id].add(a.guardian_id)  # None: CSR sponsors and other guardians
        children[opd_id].add(a.child_id)
    visits: Counter[IdKey | None] = Counter()
    first = scope.month.first_day
    for child_id, f in facts.items():
        if not f.assigned:
            continue
        for v in scope.visits_by_child.get(child_id, ()):
            if v.on >= first and v.guardian_id is not None:
                visits[scope.guardian_names.get(v.guardian_id, ("", None))[1]] += 1
    opds = session.execute(
        select(id_key(Opd.id), Opd.code, Opd.name)
        .where(Opd.deleted_at.is_(None))
        .order_by(Opd.name)
    ).all()
    rows = [
        OpdRow(code, name, asn.get(opd_id, 0), len(fostering[opd_id]), len(children[opd_id]),
               visits[opd_id])
        for opd_id, code, name in opds
    ]  # fmt: skip
    listed = {opd_id for opd_id, _code, _name in opds}
    other = [key for key in set(fostering) | set(visits) if key not in listed]
    if other:  # CSR sponsors, guardians without (or with a deleted) OPD: one row, so the
        # table's total reconciles with the headline
        rows.append(OpdRow("-", _(CSR_OTHER_LABEL), 0,
                           len(set().union(*(fostering[k] for k in other))),
                           len(set().union(*(children[k] for k in other))),
                           sum(visits[k] for k in other)))  # fmt: skip
    return tuple(rows)


def _attention(scope: MonthScope, facts: dict[IdKey, ChildFacts]) -> tuple[AttentionRow, ...]:
    rows = []
    for f in facts.values():
        reasons = _attention_reasons(scope, f)
        if not reasons:
            continue
        guardian = scope.guardian_names.get(f.guardian_id, ("-", None))[0] if f.guardian_id else "-"
        birth, ref = f.child.birth_date, scope.reference_day
        kecamatan, desa = _area_of(scope, f.child)
        rows.append(
            AttentionRow(
                name=f.child.name,
                age_months=completed_months(birth, ref) if birth <= ref else 0,
                kecamatan=kecamatan,
                desa=desa,
                guardian=guardian,
                reasons=reasons,
            )
        )
    return tuple(sorted(rows, key=attention_order))


def attention_order(row: AttentionRow) -> tuple:
    """Kecamatan (no area last), then the most severe reason, its z (lowest first), name."""
    z = row.reasons[0].z
    return (row.kecamatan == _NO_AREA, row.kecamatan, row.severity,
            z if z is not None else 0.0, row.desa, row.name)  # fmt: skip


def _attention_reasons(scope: MonthScope, f: ChildFacts) -> tuple[AttentionReason, ...]:
    reasons = []
    wasting = _latest_whz(scope, f.child.id)
    shown = round_z(wasting)
    if shown is not None and shown < -3:  # Permenkes: gizi buruk below -3 SD, as shown
        reasons.append(AttentionReason("gizi_buruk", "BB/TB", wasting))
    if f.bgm:
        reasons.append(AttentionReason("bgm", "BB/U", f.month_weighing_zwei))
    if f.two_t:
        reasons.append(AttentionReason("2t"))
    latest_z = f.latest_zlen
    # Only a fall can be "memburuk" (the stored z-scores are already rounded), so the rule
    # is asked only then: it costs ~20 us a call and most children do not fall.
    falling = latest_z is not None and f.before_zlen is not None and latest_z < f.before_zlen
    if falling and stunting_trend(f.before_zlen, latest_z) is Trend.MEMBURUK:
        reasons.append(AttentionReason("memburuk", "TB/U", latest_z, f.before_zlen))
    if f.assigned and f.guardian_visits == 0:
        reasons.append(AttentionReason("belum_dikunjungi"))
    return tuple(reasons)


def _latest_whz(scope: MonthScope, child_id: IdKey) -> float | None:
    """The latest plausible BB/PB-BB/TB z of the window (this month or the two before)."""
    for visit in reversed(scope.visits_by_child.get(child_id, ())):
        z = plausible(visit, "zwfl", "fwfl")
        if z is not None:
            return z
    return None


def _child_extras(facts: dict[IdKey, ChildFacts]) -> dict[IdKey, tuple[str, date]]:
    """Sex and enrolment date of the registered children."""
    return {key: (f.child.sex, f.child.enrolled_on) for key, f in facts.items()}


def _measured_children(
    scope: MonthScope, facts: dict[IdKey, ChildFacts], extras: dict[IdKey, tuple[str, date]]
) -> list[MeasuredChild]:
    measured = []
    for key, f in facts.items():
        if f.latest is None:
            continue
        kecamatan, desa = _area_of(scope, f.child)
        birth = f.child.birth_date
        age = completed_months(birth, f.latest.on) if birth <= f.latest.on else 0
        sex = extras.get(key, ("", date.min))[0]
        measured.append(MeasuredChild(sex, age, kecamatan, desa, f.tbu_band, f.bbu_band,
                                      f.bbtb_band))  # fmt: skip
    return measured


def _current_point(month: Month, facts: dict[IdKey, ChildFacts], figures: KeyFigures) -> TrendPoint:
    """The report month's trend point, from the same facts as the headline."""
    haz_measured = sum(f.tbu_band >= 0 for f in facts.values())
    return TrendPoint(month, haz_measured, figures.stunted, figures.visits_done, figures.visits_due)


def _distributions(facts: dict[IdKey, ChildFacts]) -> tuple[StatusDistribution, ...]:
    result = []
    for indicator, label, band_of in _DISTRIBUTION:
        counts: Counter[str] = Counter()
        scale = bands_of(indicator)
        for f in facts.values():
            band = band_of(f)
            if band >= 0:
                counts[scale[band].label] += 1
        ordered = tuple((_(c.label), counts[c.label]) for c in categories_of(indicator))
        result.append(StatusDistribution(_(label), ordered))
    return tuple(result)
