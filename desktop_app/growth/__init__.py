"""Growth assessment: WHO 2006 z-scores, Permenkes 2/2020 categories, posyandu monthly status.

Pure Python + NumPy; no Qt, no database. Modules, from the inside out:

* ``tables``: WHO LMS tables, loaded once, lazily.
* ``lms``, ``rounding``: the formulas and the half-away-from-zero rounding users see.
* ``bulk``: every WHO rule, vectorised (``assess_many``); ``zscores``: the typed one-child API.
* ``categories``: Permenkes labels, colour keys and footnote hints.
* ``kbm``, ``monthly``, ``skdn``, ``trend``: KBM table, N/T/O/B/2T/BGM, SKDN, membaik/memburuk.
* ``batch`` (+ ``batch_fields``): the CSV batch behind ``asuh zscore``.
"""

from __future__ import annotations

from desktop_app.growth.age import age_days_between, completed_months
from desktop_app.growth.bulk import assess_many
from desktop_app.growth.categories import (
    Category,
    Indicator,
    Severity,
    classify,
    indicator_short_name,
    is_stunted,
)
from desktop_app.growth.kbm import KbmTable
from desktop_app.growth.monthly import (
    Month,
    MonthStatus,
    Weighing,
    WeighStatus,
    month_status,
    weighing_history,
)
from desktop_app.growth.rounding import format_z, round_z
from desktop_app.growth.skdn import Skdn, SkdnChild, skdn_for_month
from desktop_app.growth.tables import Sex
from desktop_app.growth.trend import Trend, ZChanges, category_change, stunting_trend, z_changes
from desktop_app.growth.zscores import Assessment, Measurement, assess, assess_all

__all__ = [
    "Assessment",
    "Category",
    "Indicator",
    "KbmTable",
    "Measurement",
    "Month",
    "MonthStatus",
    "Severity",
    "Sex",
    "Skdn",
    "SkdnChild",
    "Trend",
    "WeighStatus",
    "Weighing",
    "ZChanges",
    "age_days_between",
    "assess",
    "assess_all",
    "assess_many",
    "category_change",
    "classify",
    "completed_months",
    "format_z",
    "indicator_short_name",
    "is_stunted",
    "month_status",
    "round_z",
    "skdn_for_month",
    "stunting_trend",
    "weighing_history",
    "z_changes",
]
