"""The district's fields, built once and shared by the first-run wizard and Pengaturan > Umum.

Each ``add_*`` method puts one group of rows into the caller's ``FormRows``/``FormSection`` (the
wizard spreads them over pages, the tab over sections); :meth:`values` returns the keyword
arguments of :class:`desktop_app.settings.district.DistrictForm`, whose service validates them.
"""

from __future__ import annotations

from typing import TypedDict

from PySide6.QtWidgets import QLineEdit, QSpinBox

from desktop_app.core.i18n import _
from desktop_app.settings.district import VISIT_TARGET_RANGE
from desktop_app.settings.store import AppSettings
from desktop_app.ui.setup.path_field import PathField
from desktop_app.ui.widgets import RupiahEdit
from desktop_app.ui.widgets.form_row import FormRows


class DistrictValues(TypedDict):
    """The fields as typed, named as ``DistrictForm``'s (the forms take them with ``**``)."""

    district_name: str
    coordinating_office: str
    monthly_aid: int | None
    visit_target_per_month: int
    head_title: str
    head_name: str
    head_nip: str
    prepared_by: str
    prepared_by_nip: str
    office_address: str
    office_phone: str
    office_email: str
    logo_file: str


class DistrictFields:
    """Widgets for the district settings; GUI thread."""

    def __init__(self) -> None:
        self.district_name = QLineEdit()
        self.district_name.setPlaceholderText(_("mis. Kabupaten Sumba Barat"))
        self.coordinating_office = QLineEdit()
        self.coordinating_office.setPlaceholderText(_("mis. DPPKBPMD"))
        self.monthly_aid = RupiahEdit()
        self.visit_target = QSpinBox()
        self.visit_target.setRange(*VISIT_TARGET_RANGE)
        self.visit_target.setSuffix(_("× per bulan"))
        self.head_title = QLineEdit()
        self.head_name = QLineEdit()
        self.head_nip = QLineEdit()
        self.head_nip.setPlaceholderText(_("18 angka, boleh dikosongkan"))
        self.head_nip.setMaxLength(24)
        self.prepared_by = QLineEdit()
        self.prepared_by_nip = QLineEdit()
        self.prepared_by_nip.setPlaceholderText(_("18 angka, boleh dikosongkan"))
        self.prepared_by_nip.setMaxLength(24)
        self.office_address = QLineEdit()
        self.office_address.setPlaceholderText(_("mis. Jl. Merdeka No. 1, Tanjungpandan 33411"))
        self.office_phone = QLineEdit()
        self.office_phone.setPlaceholderText(_("mis. (0719) 21234"))
        self.office_email = QLineEdit()
        self.office_email.setPlaceholderText(_("mis. dppkbpmd@belitungkab.go.id"))
        self.logo = PathField(
            file_filter=_("Gambar") + " (*.png *.jpg *.jpeg)", placeholder=_("Tanpa logo")
        )

    # -- rows ---------------------------------------------------------------------------------
    def add_identity(self, rows: FormRows, *, name_label: str = "", name_hint: str = "") -> None:
        rows.add(
            name_label or _("Kabupaten/kota"),
            self.district_name,
            field="district_name",
            required=True,
            hint=name_hint,
        )
        rows.add(
            _("Dinas koordinator"),
            self.coordinating_office,
            field="coordinating_office",
            hint=_("Perangkat daerah yang mengoordinasikan program"),
        )

    def add_contact(self, rows: FormRows) -> None:
        """The letterhead's address line: address, telephone, email (each may stay empty)."""
        rows.add(
            _("Alamat kantor"),
            self.office_address,
            field="office_address",
            hint=_("Dicetak di kop surat laporan"),
        )
        rows.add(_("Telepon kantor"), self.office_phone, field="office_phone")
        rows.add(_("Email kantor"), self.office_email, field="office_email")

    def add_aid(self, rows: FormRows) -> None:
        rows.add(
            _("Bantuan per bulan"),
            self.monthly_aid,
            field="monthly_aid",
            required=True,
            hint=_("Per anak, dalam rupiah (bawaan Rp450.000)"),
        )
        rows.add(
            _("Target kunjungan"), self.visit_target, field="visit_target_per_month", required=True
        )

    def add_signatories(self, rows: FormRows) -> None:
        rows.add(_("Jabatan penandatangan"), self.head_title, field="head_title")
        rows.add(_("Nama penandatangan"), self.head_name, field="head_name")
        rows.add(_("NIP penandatangan"), self.head_nip, field="head_nip")
        rows.add(
            _("Disiapkan oleh"),
            self.prepared_by,
            field="prepared_by",
            hint=_("Nama petugas yang menyusun laporan"),
        )
        rows.add(_("NIP penyusun"), self.prepared_by_nip, field="prepared_by_nip")

    def add_logo(self, rows: FormRows) -> None:
        rows.add(
            _("Logo kop surat"),
            self.logo,
            field="logo_file",
            hint=_("PNG atau JPG, tidak wajib; disalin ke folder data Asuh"),
        )

    # -- values -------------------------------------------------------------------------------
    def fill(self, settings: AppSettings) -> None:
        self.district_name.setText(settings.district_name)
        self.coordinating_office.setText(settings.coordinating_office)
        self.monthly_aid.setValue(settings.default_monthly_aid)
        self.visit_target.setValue(settings.visit_target_per_month)
        self.head_title.setText(settings.head_title)
        self.head_name.setText(settings.head_name)
        self.head_nip.setText(settings.head_nip)
        self.prepared_by.setText(settings.prepared_by)
        self.prepared_by_nip.setText(settings.prepared_by_nip)
        self.office_address.setText(settings.office_address)
        self.office_phone.setText(settings.office_phone)
        self.office_email.setText(settings.office_email)
        self.logo.setText(settings.logo_path)

    def values(self) -> DistrictValues:
        return {
            "district_name": self.district_name.text(),
            "coordinating_office": self.coordinating_office.text(),
            "monthly_aid": self.monthly_aid.value(),
            "visit_target_per_month": self.visit_target.value(),
            "head_title": self.head_title.text(),
            "head_name": self.head_name.text(),
            "head_nip": self.head_nip.text(),
            "prepared_by": self.prepared_by.text(),
            "prepared_by_nip": self.prepared_by_nip.text(),
            "office_address": self.office_address.text(),
            "office_phone": self.office_phone.text(),
            "office_email": self.office_email.text(),
            "logo_file": self.logo.text(),
        }
