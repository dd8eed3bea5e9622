"""Growth assessment: WHO 2006 z-scores, Permenkes 2/2020 categories, posyandu monthly status.

Pure Python + NumPy; no Qt, no database. Modules, from the inside out:

* ``tables``: WHO LMS tables, loaded once, lazily.
* ``lms``, ``rounding``: the formulas and the half-away-from-zero rounding users see.
* ``bulk``: every WHO rule, vectorised (``assess_many``); ``zscores``: the typed one-child API.
* ``categories``: Permenkes labels, colour keys and footnote hints.
* ``kbm``, ``monthly``, ``skdn``, ``trend``: KBM table, N/T/O/B/2T/BGM, SKDN, membaik/memburuk.
* ``batch`` (+ ``batch_fields``): the CSV batch behind ``asuh zscore``.

The names below are imported lazily (PEP 562): ``from desktop_app.growth import assess`` loads
``zscores`` (and NumPy) on first use, so ``desktop_app.growth.age`` alone stays NumPy-free for
the start-up path (ChildRow.age_months imports it).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

#: Public name -> the submodule that defines it.
_SOURCES = {
    "age_days_between": "age",
    "completed_months": "age",
    "assess_many": "bulk",
    "Category": "categories",
    "Indicator": "categories",
    "Severity": "categories",
    "classify": "categories",
    "indicator_short_name": "categories",
    "is_stunted": "categories",
    "KbmTable": "kbm",
    "MonthStatus": "monthly",
    "Weighing": "monthly",
    "WeighStatus": "monthly",
    "month_status": "monthly",
    "weighing_history": "monthly",
    "format_z": "rounding",
    "round_z": "rounding",
    "Skdn": "skdn",
    "SkdnChild": "skdn",
    "skdn_for_month": "skdn",
    "Sex": "tables",
    "Trend": "trend",
    "ZChanges": "trend",
    "category_change": "trend",
    "stunting_trend": "trend",
    "z_changes": "trend",
    "Assessment": "zscores",
    "Measurement": "zscores",
    "assess": "zscores",
    "assess_all": "zscores",
}

__all__ = [
    "Assessment",
    "Category",
    "Indicator",
    "KbmTable",
    "Measurement",
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


def __getattr__(name: str) -> Any:
    """Import the submodule defining ``name`` on first access and cache the value here."""
    module = _SOURCES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


if TYPE_CHECKING:  # static checkers and IDEs see the eager imports
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
