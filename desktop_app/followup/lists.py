"""Follow-up lists: which children need attention this month.

Five lists over the children in the programme (live, not exited, with an active guardian):

* not visited this month (with the date of their last visit);
* status worsened: the stunting trend from the previous to the latest visit with a HAZ is
  "memburuk" (:func:`desktop_app.growth.stunting_trend`);
* BGM (weight-for-age below -3 SD at the month's last weighing) and 2T (not gaining weight two
  months running, by the KBM table) this month;
* guardian overdue: the active guardian has not visited the child in 30 days or more;

and one over the data: children with more than one active guardian, which only sync can bring
about (:mod:`desktop_app.assignments.integrity`; exited children too, since an exit ends only one
assignment). Such a child appears once in the other lists, with the guardian that counts.

One query serves the first five lists, never one per child: the programme's children with
their visit facts (:mod:`desktop_app.followup.facts`, probes of a covering index), which the
lists then test in memory; 2T applies the register's rule to each month's last weighing. The
sixth is one grouped query (about 0.1 s for 100,000 assignments). Read-only; runs on the DB
worker thread. With 100,000 children and 946,000 visits: 0.85-0.95 s on a busy 2-core machine
(``bench/bench_province.py``; 3.3-6 s before the covering index, 1.4-2.4 s before the memory
map and the collector pause), so the page shows "Memuat…" meanwhile.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

from sqlalchemy.orm import Session

from desktop_app.assignments.integrity import (
    ChildWithSeveralGuardians,
    find_children_with_several_guardians,
    uncounted_assignment_ids,
)
from desktop_app.core import clock
from desktop_app.core.collector import collector_paused
from desktop_app.core.formatting import format_count, format_date
from desktop_app.core.i18n import _, ngettext
from desktop_app.core.month import Month
from desktop_app.followup.facts import NO_PLACE, ChildFacts, Place, load_child_facts, load_places
from desktop_app.growth import (
    Indicator,
    KbmTable,
    Trend,
    Weighing,
    completed_months,
    format_z,
    indicator_short_name,
    stunting_trend,
)
from desktop_app.settings.kbm import load_kbm_table

__all__ = ["OVERDUE_DAYS", "FollowUpLists", "FollowUpRow", "follow_up_lists"]

OVERDUE_DAYS = 30
BGM_BELOW = -3.0


class FollowUpRow(NamedTuple):
    """One child in a list: ``on`` the relevant date, ``value`` the relevant figure as text.

    A named tuple: a province's lists hold some 45,000 rows (32,000 children not visited), which
    a frozen dataclass builds at less than half the speed."""

    child_id: uuid.UUID
    child_name: str
    desa_name: str | None
    guardian_name: str
    on: date | None
    value: str  # the reason the child is on the list (Keterangan)
    place: Place = NO_PLACE


@dataclass(frozen=True)
class FollowUpLists:
    month: date  # first day
    not_visited: tuple[FollowUpRow, ...]
    worsened: tuple[FollowUpRow, ...]
    bgm: tuple[FollowUpRow, ...]
    two_t: tuple[FollowUpRow, ...]
    guardian_overdue: tuple[FollowUpRow, ...]
    several_guardians: tuple[FollowUpRow, ...]


def _is_bgm(zwei: float | None) -> bool:
    """BGM: weight-for-age below -3 SD. Stored z-scores are rounded to 2 decimals already, so
    the plain comparison classifies exactly as :func:`desktop_app.growth.classify` does."""
    return zwei is not None and zwei < BGM_BELOW


def _not_visited(children: list[ChildFacts], today: date) -> list[FollowUpRow]:
    """The reason says how long ago the last visit was (or that there was none)."""
    never = _("Belum pernah dikunjungi")
    rows = []
    for c in children:
        if c.visited:
            continue
        if c.last_visit is None:
            rows.append(FollowUpRow(*c.row, None, never, c.place))
            continue
        days = max((today - c.last_visit).days, 0)
        text = ngettext(
            "Terakhir dikunjungi {n} hari lalu", "Terakhir dikunjungi {n} hari lalu", days
        ).format(n=format_count(days))
        rows.append(FollowUpRow(*c.row, c.last_visit, text, c.place))
    return rows


def _worsened(children: list[ChildFacts]) -> list[FollowUpRow]:
    rows = []
    for c in children:
        if c.haz_on is None or stunting_trend(c.haz_before, c.haz_latest) is not Trend.MEMBURUK:
            continue
        name = indicator_short_name(Indicator.TB_U, (c.haz_on - c.birth).days)
        text = _("{name} {before} → {after}").format(
            name=name, before=format_z(c.haz_before), after=format_z(c.haz_latest)
        )
        rows.append(FollowUpRow(*c.row, c.haz_on, text, c.place))
    return rows


def _month_lists(
    children: list[ChildFacts], month: Month, kbm: KbmTable
) -> tuple[list[FollowUpRow], list[FollowUpRow]]:
    """BGM and 2T rows of ``month`` from the last weighing of each of the last three months
    (all the register's rule reads of them)."""
    bgm, two_t = [], []
    for c in children:
        items = list(c.weighings)
        if not items or items[-1].on < month.first_day:
            continue
        last = items[-1]
        if _is_bgm(last.zwei):
            text = _("BB/U {z}").format(z=format_z(last.zwei))
            bgm.append(FollowUpRow(*c.row, last.on, text, c.place))
        shortfall = _two_t(c.birth, items, kbm)
        if shortfall is not None:
            two_t.append(FollowUpRow(*c.row, last.on, _gain_text(*shortfall), c.place))
    return bgm, two_t


def _gain_text(gain_g: int, kbm_g: int) -> str:
    """``naik 100 g``, ``tetap`` or ``turun 300 g``, with the KBM it fell short of."""
    if gain_g > 0:
        change = _("naik {g} g").format(g=format_count(gain_g))
    elif gain_g < 0:
        change = _("turun {g} g").format(g=format_count(-gain_g))
    else:
        change = _("tetap")
    return _("{change} (KBM {kbm} g)").format(change=change, kbm=format_count(kbm_g))


def _two_t(birth: date, items: Sequence[Weighing], kbm: KbmTable) -> tuple[int, int] | None:
    """(gain, KBM) in grams of the month's weighing if it is 2T, else None.

    ``items`` are the last weighings of the last three months, oldest first, of those months
    weighed. This is the register's rule (:func:`~desktop_app.growth.weighing_history`) for them:
    the oldest month is the first of the history (baru), and 2T needs the next two each to gain
    less than the KBM for the age at their weighing. Evaluated directly because the register
    also classifies every weighing (about 0.1 ms each, seconds for a province's month);
    ``tests/domain/test_month_figures_recount.py`` checks both agree.
    """
    if len(items) < 3:
        return None
    shortfall = None
    for before, after in zip(items, items[1:], strict=False):
        gain = round((after.weight_kg - before.weight_kg) * 1000)  # whole grams, as the register
        needed = kbm.grams_for(completed_months(birth, after.on))
        if gain >= needed:
            return None
        shortfall = (gain, needed)
    return shortfall


def _guardian_overdue(children: list[ChildFacts], today: date) -> list[FollowUpRow]:
    limit = today - timedelta(days=OVERDUE_DAYS)
    rows = []
    for c in children:
        last = c.last_guardian_visit
        if c.assigned_on <= limit and (last is None or last <= limit):
            days = (today - (last or c.assigned_on)).days
            n = format_count(days)
            text = (
                ngettext("{n} hari", "{n} hari", days).format(n=n)
                if last
                else ngettext("belum pernah ({n} hari)", "belum pernah ({n} hari)", days).format(
                    n=n
                )
            )
            rows.append(FollowUpRow(*c.row, last, text, c.place))
    return rows


def _several_guardians(
    doubled: list[ChildWithSeveralGuardians], places: dict[uuid.UUID, Place]
) -> list[FollowUpRow]:
    """One row per child: every guardian's name (the one that counts first), the day the child
    came to have several, and each assignment's institution and start for choosing which to end."""
    rows = []
    for child in doubled:
        details = [
            (
                _("{guardian} ({institution}) sejak {date}")
                if a.institution
                else _("{guardian} sejak {date}")
            ).format(
                guardian=a.guardian_name, institution=a.institution, date=format_date(a.start_date)
            )
            for a in child.assignments
        ]
        names = ", ".join(a.guardian_name for a in child.assignments)
        rows.append(
            FollowUpRow(
                child.child_id,
                child.child_name,
                child.desa_name,
                names,
                child.doubled_since,
                "; ".join(details),
                places.get(child.child_id, NO_PLACE),
            )
        )
    return rows


def follow_up_lists(session: Session, *, today: date | None = None) -> FollowUpLists:
    """The six lists for the month of ``today`` (default: the real today).

    Built with the cyclic collector paused (:mod:`desktop_app.core.collector`: 0.3-0.4 s of
    1.4 s at province scale); the children's facts are freed before it resumes, so its first
    collection walks only the lists."""
    with collector_paused():
        return _lists(session, today or clock.today())


def _lists(session: Session, today: date) -> FollowUpLists:
    month = Month.of(today)
    doubled = find_children_with_several_guardians(session)
    children = load_child_facts(
        session,
        month=month,
        overdue_limit=today - timedelta(days=OVERDUE_DAYS),
        uncounted=uncounted_assignment_ids(doubled),
    )
    bgm, two_t = _month_lists(children, month, load_kbm_table(session))
    return FollowUpLists(
        month=month.first_day,
        not_visited=tuple(_not_visited(children, today)),
        worsened=tuple(_worsened(children)),
        bgm=tuple(bgm),
        two_t=tuple(two_t),
        guardian_overdue=tuple(_guardian_overdue(children, today)),
        several_guardians=tuple(
            _several_guardians(
                doubled, load_places(session, child_ids=[c.child_id for c in doubled])
            )
        ),
    )
