"""The follow-up screen: which children need attention this month."""

from __future__ import annotations

from desktop_app.ui.followup.page import FollowUpPage

__all__ = ["FollowUpPage"]
