"""Beranda's monthly panel: KPI tiles and small charts."""

from __future__ import annotations

from desktop_app.ui.dashboard.panel import MonthlyPanel

__all__ = ["MonthlyPanel"]
