"""Pengaturan > Umum: typing, Simpan, and what is stored; bad values keep the old settings."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop_app.settings.store import get_settings
from desktop_app.ui.settings.general_tab import GeneralTab
from desktop_app.ui.settings.settings_page import SettingsPage


def open_tab(qtbot, runner, **kwargs) -> GeneralTab:
    tab = GeneralTab(runner, **kwargs)
    qtbot.addWidget(tab)
    tab.show()
    return tab


def type_into(qtbot, widget, text: str) -> None:
    widget.clear()
    qtbot.keyClicks(widget, text)


def save(qtbot, tab: GeneralTab) -> None:
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)


def test_umum_is_the_first_settings_tab(qtbot, runner, database):
    page = SettingsPage(runner, database, role="admin")
    qtbot.addWidget(page)
    assert page.tab_keys()[0] == "general"
    assert page.tabs.tabText(0) == "Umum"
    assert isinstance(page.tabs.widget(0), GeneralTab)


def test_the_stored_settings_are_shown(qtbot, runner):
    tab = open_tab(qtbot, runner)
    assert tab.district.district_name.text() == "Kabupaten Contoh"
    assert tab.district.monthly_aid.text() == "Rp450.000"
    assert tab.language.currentText() == "Bahasa Indonesia"
    assert tab.idle_lock.value() == 10
    assert tab.max_children.value() == 3


def test_saving_stores_every_field(qtbot, runner, database):
    tab = open_tab(qtbot, runner)
    type_into(qtbot, tab.district.district_name, "Kabupaten Alor")
    type_into(qtbot, tab.district.monthly_aid, "600000")
    type_into(qtbot, tab.district.head_title, "Kepala DP3AP2KB")
    tab.language.setCurrentIndex(tab.language.findText("English"))
    for spin, typed in ((tab.idle_lock, "25"), (tab.max_children, "5")):  # typed, as a person does
        spin.lineEdit().selectAll()
        qtbot.keyClicks(spin.lineEdit(), typed)
    save(qtbot, tab)
    with database.sessions() as session:
        settings = get_settings(session)
    assert settings.district_name == "Kabupaten Alor"
    assert settings.default_monthly_aid == 600_000
    assert settings.head_title == "Kepala DP3AP2KB"
    assert (settings.language, settings.idle_lock_minutes) == ("en", 25)
    assert settings.max_children_per_guardian == 5
    assert tab.status.text() == "Pengaturan tersimpan."
    assert tab.idle_lock.text() == "25 menit"


def test_a_bad_nip_is_shown_under_its_field_and_nothing_is_saved(qtbot, runner, database):
    tab = open_tab(qtbot, runner)
    type_into(qtbot, tab.district.district_name, "Kabupaten Alor")
    type_into(qtbot, tab.district.head_nip, "1980")
    save(qtbot, tab)
    assert "NIP" in tab.errors.message("head_nip")
    with database.sessions() as session:
        assert get_settings(session).district_name == "Kabupaten Contoh"


def test_letterhead_contact_and_preparer_nip_are_stored(qtbot, runner, database):
    tab = open_tab(qtbot, runner)
    type_into(qtbot, tab.district.office_address, "Jl. Merdeka No. 1, Tanjungpandan")
    type_into(qtbot, tab.district.office_phone, "(0719) 21234")
    type_into(qtbot, tab.district.office_email, "dppkbpmd@belitungkab.go.id")
    type_into(qtbot, tab.district.prepared_by_nip, "19850202 201001 2 002")
    save(qtbot, tab)
    with database.sessions() as session:
        settings = get_settings(session)
    assert settings.office_address == "Jl. Merdeka No. 1, Tanjungpandan"
    assert settings.office_phone == "(0719) 21234"
    assert settings.office_email == "dppkbpmd@belitungkab.go.id"
    assert settings.prepared_by_nip == "198502022010012002"  # stored without the spaces


def test_a_bad_email_or_phone_is_refused(qtbot, runner, database):
    tab = open_tab(qtbot, runner)
    type_into(qtbot, tab.district.office_email, "dppkbpmd-at-belitung")
    type_into(qtbot, tab.district.office_phone, "telp 21234")
    type_into(qtbot, tab.district.prepared_by_nip, "1985")
    save(qtbot, tab)
    assert "email" in tab.errors.message("office_email")
    assert "Telepon" in tab.errors.message("office_phone")
    assert "NIP" in tab.errors.message("prepared_by_nip")
    with database.sessions() as session:
        assert get_settings(session).office_email == ""


def test_without_admin_rights_the_values_are_read_only(qtbot, runner):
    tab = open_tab(qtbot, runner, editable=False)
    assert not tab.save_button.isVisible()
    assert not tab.district.district_name.isEnabled()
    assert "Hanya Admin" in tab.status.text()


def test_tab_order_follows_the_rows_on_screen(qtbot, runner):
    tab = open_tab(qtbot, runner)
    fields = tab.district
    expected = [
        fields.district_name, fields.coordinating_office, tab.programme_label,
        fields.office_address, fields.office_phone, fields.office_email, fields.monthly_aid,
        fields.visit_target, tab.max_children, fields.head_title, fields.head_name,
        fields.head_nip, fields.prepared_by, fields.prepared_by_nip, fields.logo.edit,
        fields.logo.choose_button,
        tab.language, tab.idle_lock, tab.save_button,
    ]  # fmt: skip
    seen, widget = [], fields.district_name
    for _step in range(500):
        if any(widget is w for w in expected) and not any(widget is s for s in seen):
            seen.append(widget)
        widget = widget.nextInFocusChain()
    assert seen == expected
