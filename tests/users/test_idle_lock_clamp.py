"""The idle lock cannot be switched off nor set longer than 30 minutes, by any path."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWidget

from desktop_app.core.errors import ValidationError
from desktop_app.db.models import Setting
from desktop_app.settings.district import GeneralSettingsForm, update_general_settings
from desktop_app.settings.store import get_settings, idle_lock_minutes, update_settings
from desktop_app.ui.auth.idle_lock import IdleLock


@pytest.mark.parametrize(("given", "used"), [(0, 1), (-5, 1), (1, 1), (12, 12), (30, 30),
                                             (31, 30), (240, 30)])  # fmt: skip
def test_clamp(given, used):
    assert idle_lock_minutes(given) == used


def test_the_settings_form_refuses_zero_and_more_than_thirty(session):
    for minutes in (0, 31):
        form = GeneralSettingsForm(
            district_name="Kabupaten Kupang", programme_label="Gerakan", monthly_aid=450_000,
            visit_target_per_month=1, idle_lock_minutes=minutes,
        )  # fmt: skip
        with pytest.raises(ValidationError) as refused:
            update_general_settings(session, form=form)
        assert refused.value.for_field("idle_lock_minutes") == (
            "Kunci otomatis harus antara 1 dan 30 menit"
        )


def test_stored_never_or_hours_are_clamped(session):
    update_settings(session, idle_lock_minutes=0)
    assert get_settings(session).idle_lock_minutes == 1
    session.merge(Setting(key="idle_lock_minutes", value=240))  # an older file's value
    session.flush()
    assert get_settings(session).idle_lock_minutes == 30


def test_the_lock_itself_cannot_be_switched_off(qtbot, runner):
    window = QWidget()
    qtbot.addWidget(window)
    now = [0.0]
    lock = IdleLock(window, runner, timeout_minutes=0, clock=lambda: now[0])
    assert lock.timeout_seconds == 60
    lock.set_timeout(600)
    assert lock.timeout_seconds == 30 * 60
    now[0] = 30 * 60 - 1
    lock.check()
    assert not lock.is_locked
    now[0] = 30 * 60
    lock.check()
    assert lock.is_locked
