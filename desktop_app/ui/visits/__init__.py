"""Screens of the visits section: the visit form and the recent-visits page."""

from __future__ import annotations

from desktop_app.ui.visits.form_dialog import VisitFormDialog
from desktop_app.ui.visits.page import VisitsPage

__all__ = ["VisitFormDialog", "VisitsPage"]
