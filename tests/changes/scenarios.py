"""One realistic call of every write service declared with ``@writes``, on the known district.

``SCENARIOS[name](ctx)`` prepares what the call needs (committed, outside the measurement) and
returns the call itself, ``work(session)``, which the test runs while recording the tables the
engine writes. Services declared ``Changes.ALL`` need none: every table is covered by ``ALL``.
"""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.aid import service as aid
from desktop_app.assignments import service as assignments
from desktop_app.assignments.service import assign_guardian
from desktop_app.backup import backup, encryption
from desktop_app.children import growth, privacy
from desktop_app.children import service as children
from desktop_app.children.form import ChildForm
from desktop_app.core import clock
from desktop_app.core.database import Database, open_database
from desktop_app.core.month import Month
from desktop_app.core.paths import sqlite_url
from desktop_app.db.models import AidPayment, Assignment, Child, SyncConflict
from desktop_app.guardians import service as guardians
from desktop_app.guardians.service import GuardianForm
from desktop_app.importing import run as importing
from desktop_app.reports import service as reports
from desktop_app.server import devices as server_devices
from desktop_app.settings import area_setup, district, kbm, opd, programmes, store, wilayah
from desktop_app.settings.district import FirstRunForm, GeneralSettingsForm
from desktop_app.sync import conflicts, files, identity, merge, scope
from desktop_app.users import accounts, recovery
from desktop_app.visits import service as visits
from desktop_app.visits.service import VisitForm
from tests.importing.sheets import nik, nip, write_sheet
from tests.listing.builders import World, months_ago
from tests.sync.enrolment import CODE, FINGERPRINT, SERVER, FakeServer, add_device, enrol

Work = Callable[[Session], Any]
TODAY = clock.today()
PASSWORD = "rahasia-panjang-1"
SYNC_FILE_PASSWORD = "kunci-berkas-sinkron-7"
NEXT_MONTH = Month.of(Month.of(TODAY).last_day + timedelta(days=1)).first_day


@dataclass
class Ctx:
    database: Database
    world: World
    tmp_path: Path

    def commit(self, work: Work) -> Any:
        """Run ``work`` in its own committed transaction (preparation, not measured)."""
        with self.database.sessions() as session:
            result = work(session)
            session.commit()
            return result

    def programme(self) -> uuid.UUID:
        return self.commit(
            lambda s: programmes.create_programme(
                s, name="OTA 2026", start_month=Month.of(TODAY).previous().first_day,
                end_month=NEXT_MONTH, monthly_aid=450_000,
            ).id
        )  # fmt: skip

    def fostered_with_planned_aid(self, child: str = "Siti Rahma") -> uuid.UUID:
        """``child`` fostered by Budi Santoso in a programme, next month's aid planned."""
        programme_id = self.programme()
        self.commit(
            lambda s: assign_guardian(
                s, child_id=self.world[child], guardian_id=self.world["Budi Santoso"],
                programme_id=programme_id, start_date=TODAY,
            )
        )  # fmt: skip
        self.commit(lambda s: aid.plan_month_aid(s, month=NEXT_MONTH, programme_id=programme_id))
        return self.commit(
            lambda s: s.scalars(select(Assignment.id).where(
                Assignment.child_id == self.world[child], Assignment.end_date.is_(None)
            )).one()
        )  # fmt: skip

    def planned_payments(self) -> list[uuid.UUID]:
        self.fostered_with_planned_aid()
        return self.commit(lambda s: list(s.scalars(select(AidPayment.id))))

    def visit(self) -> uuid.UUID:
        return self.commit(lambda s: visits.record_visit(s, form=visit_form(self.world)).id)

    def new_guardian(self) -> uuid.UUID:
        return self.commit(
            lambda s: guardians.register_guardian(s, form=guardian_form(self.world)).id
        )

    def admin(self) -> str:
        """The first Admin ``admin`` and a recovery key for it (returned)."""
        self.commit(
            lambda s: accounts.create_first_admin(
                s, username="admin", full_name="Rina Admin", password=PASSWORD
            )
        )
        return self.commit(recovery.issue_recovery_key)

    def operator(self) -> uuid.UUID:
        return self.commit(
            lambda s: (
                accounts.create_user(
                    s, username="budi", full_name="Budi", role="operator", password=PASSWORD
                ).id
            )
        )


def visit_form(world: World, *, child: str = "Siti Aminah", weight_kg: float = 9.0) -> VisitForm:
    return VisitForm(
        child_id=world[child], visit_date=TODAY, weight_kg=weight_kg, lenhei_cm=75.0, measure="l"
    )


SCENARIOS: dict[str, Callable[[Ctx], Work]] = {}


def scenario(name: str) -> Callable[[Callable[[Ctx], Work]], Callable[[Ctx], Work]]:
    """Register the scenario of service ``name`` (``module.service``, ``[variant]`` if several)."""

    def register(prepare: Callable[[Ctx], Work]) -> Callable[[Ctx], Work]:
        SCENARIOS[name] = prepare
        return prepare

    return register


# -- children ---------------------------------------------------------------------------------
def child_form(w: World) -> ChildForm:
    born = months_ago(10)
    return ChildForm(
        name="Putri Ayu", nik=nik(born, "P", 7), sex="P", birth_date=born, mother_name="Lina",
        desa_id=w["Air Saga"], posyandu_id=w["Melati"],
    )  # fmt: skip


@scenario("children.service.register_child")
def _register_child(ctx: Ctx) -> Work:
    return lambda s: children.register_child(s, form=child_form(ctx.world))


@scenario("children.service.update_child")
def _update_child(ctx: Ctx) -> Work:
    child_id = ctx.world["Bayu Pratama"]
    return lambda s: children.update_child(s, child_id=child_id, form=child_form(ctx.world))


@scenario("children.service.exit_child")
def _exit_child(ctx: Ctx) -> Work:
    ctx.fostered_with_planned_aid()
    child_id = ctx.world["Siti Rahma"]
    return lambda s: children.exit_child(s, child_id=child_id, exit_date=TODAY, reason="pindah")


@scenario("children.privacy.reveal_identifier")
def _reveal(ctx: Ctx) -> Work:
    child_id = ctx.world["Siti Aminah"]
    return lambda s: privacy.reveal_identifier(s, child_id=child_id, field="nik")


@scenario("children.growth.record_chart_export")
def _chart_export(ctx: Ctx) -> Work:
    child_id = ctx.world["Siti Aminah"]
    return lambda s: growth.record_chart_export(s, child_id=child_id, chart_title="BB/U")


# -- guardians and assignments ----------------------------------------------------------------
def guardian_form(w: World) -> GuardianForm:
    return GuardianForm(kind="asn", name="Andi Wijaya", nip=nip(5), opd_id=w["BAPPEDA"],
                        position="Analis")  # fmt: skip


@scenario("guardians.service.register_guardian")
def _register_guardian(ctx: Ctx) -> Work:
    return lambda s: guardians.register_guardian(s, form=guardian_form(ctx.world))


@scenario("guardians.service.update_guardian")
def _update_guardian(ctx: Ctx) -> Work:
    guardian_id = ctx.world["Budi Santoso"]
    return lambda s: guardians.update_guardian(
        s, guardian_id=guardian_id, form=guardian_form(ctx.world)
    )


@scenario("guardians.service.deactivate_guardian")
def _deactivate(ctx: Ctx) -> Work:
    guardian_id = ctx.new_guardian()
    return lambda s: guardians.deactivate_guardian(s, guardian_id=guardian_id)


@scenario("guardians.service.reactivate_guardian")
def _reactivate(ctx: Ctx) -> Work:
    guardian_id = ctx.new_guardian()
    ctx.commit(lambda s: guardians.deactivate_guardian(s, guardian_id=guardian_id))
    return lambda s: guardians.reactivate_guardian(s, guardian_id=guardian_id)


@scenario("assignments.service.assign_guardian")
def _assign(ctx: Ctx) -> Work:
    child_id, guardian_id = ctx.world["Bayu Pratama"], ctx.world["Sri Wahyuni"]
    return lambda s: assignments.assign_guardian(s, child_id=child_id, guardian_id=guardian_id)


@scenario("assignments.service.transfer_assignment")
def _transfer(ctx: Ctx) -> Work:
    ctx.fostered_with_planned_aid()
    child_id, guardian_id = ctx.world["Siti Rahma"], ctx.world["Sri Wahyuni"]
    return lambda s: assignments.transfer_assignment(
        s, child_id=child_id, new_guardian_id=guardian_id, on=TODAY, reason="Orang tua asuh pensiun"
    )


@scenario("assignments.service.end_assignment")
def _end(ctx: Ctx) -> Work:
    assignment_id = ctx.fostered_with_planned_aid()
    return lambda s: assignments.end_assignment(
        s, assignment_id=assignment_id, on=TODAY, reason="Anak sudah membaik"
    )


# -- visits and aid ---------------------------------------------------------------------------
@scenario("visits.service.record_visit")
def _record_visit(ctx: Ctx) -> Work:
    return lambda s: visits.record_visit(s, form=visit_form(ctx.world))


@scenario("visits.service.update_visit")
def _update_visit(ctx: Ctx) -> Work:
    visit_id = ctx.visit()
    form = visit_form(ctx.world, weight_kg=9.2)
    return lambda s: visits.update_visit(s, visit_id=visit_id, form=form)


@scenario("visits.service.delete_visit")
def _delete_visit(ctx: Ctx) -> Work:
    visit_id = ctx.visit()
    return lambda s: visits.delete_visit(s, visit_id=visit_id)


@scenario("aid.service.plan_month_aid")
def _plan(ctx: Ctx) -> Work:
    programme_id = ctx.programme()
    child_id, guardian_id = ctx.world["Siti Rahma"], ctx.world["Budi Santoso"]
    ctx.commit(lambda s: assign_guardian(s, child_id=child_id, guardian_id=guardian_id,
                                         programme_id=programme_id, start_date=TODAY))  # fmt: skip
    return lambda s: aid.plan_month_aid(s, month=NEXT_MONTH, programme_id=programme_id)


@scenario("aid.service.mark_paid")
def _paid(ctx: Ctx) -> Work:
    ids = ctx.planned_payments()
    return lambda s: aid.mark_paid(
        s, payment_ids=ids, paid_on=TODAY, method="transfer", reference="TRX-001"
    )


@scenario("aid.service.cancel_payment")
def _cancel(ctx: Ctx) -> Work:
    [payment_id] = ctx.planned_payments()
    return lambda s: aid.cancel_payment(s, payment_id=payment_id, reason="salah catat")


@scenario("reports.closing.close_month")
def _close_month(ctx: Ctx) -> Work:
    from desktop_app.core.month import Month
    from desktop_app.reports.closing import close_month

    return lambda s: close_month(s, month=Month.of(TODAY).previous())


# -- users ------------------------------------------------------------------------------------
@scenario("users.accounts.create_first_admin")
def _first_admin(ctx: Ctx) -> Work:
    return lambda s: accounts.create_first_admin(
        s, username="admin", full_name="Rina Admin", password=PASSWORD
    )


@scenario("users.accounts.create_user")
def _create_user(ctx: Ctx) -> Work:
    return lambda s: accounts.create_user(
        s, username="sari", full_name="Sari", role="operator", password=PASSWORD
    )


@scenario("users.accounts.update_user")
def _update_user(ctx: Ctx) -> Work:
    user_id = ctx.operator()
    return lambda s: accounts.update_user(s, user_id=user_id, full_name="Budi S.", role="operator")


@scenario("users.accounts.set_password")
def _set_password(ctx: Ctx) -> Work:
    user_id = ctx.operator()
    return lambda s: accounts.set_password(s, user_id=user_id, password=PASSWORD + "-baru")


@scenario("users.accounts.login_or_refusal")
def _log_in(ctx: Ctx) -> Work:
    ctx.operator()
    return lambda s: accounts.login_or_refusal(s, username="budi", password="salah-sandi-99")


@scenario("users.recovery.recover_admin_password")
def _recover(ctx: Ctx) -> Work:
    key = ctx.admin()
    return lambda s: recovery.recover_admin_password(
        s, recovery_key=key, username="admin", new_password=PASSWORD + "-baru"
    )


@scenario("users.recovery.issue_recovery_key")
def _issue_key(ctx: Ctx) -> Work:
    ctx.admin()
    return recovery.issue_recovery_key


# -- settings ---------------------------------------------------------------------------------
@scenario("settings.district.complete_first_run")
def _first_run(ctx: Ctx) -> Work:
    form = FirstRunForm(district_name="Kabupaten Belitung", programme_name="OTA",
                        province_code="19", regency_code="19.02",
                        start_month=Month.of(TODAY).first_day, end_month=NEXT_MONTH,
                        backup_dir=str(ctx.tmp_path / "cadangan"))  # fmt: skip
    return lambda s: district.complete_first_run(s, form=form)


@scenario("settings.district.update_general_settings")
def _general(ctx: Ctx) -> Work:
    form = GeneralSettingsForm(district_name="Kabupaten Belitung", programme_label="OTA")
    return lambda s: district.update_general_settings(s, form=form)


@scenario("settings.store.update_settings")
def _update_settings(ctx: Ctx) -> Work:
    return lambda s: store.update_settings(s, keep_daily=5)


@scenario("settings.kbm.update_kbm_rows")
def _kbm(ctx: Ctx) -> Work:
    rows = [(age, grams + 50) for age, grams in kbm.DEFAULT_KBM]
    return lambda s: kbm.update_kbm_rows(s, rows=rows)


@scenario("settings.opd.create_opd")
def _create_opd(ctx: Ctx) -> Work:
    return lambda s: opd.create_opd(s, code="DINSOS", name="Dinas Sosial")


@scenario("settings.opd.update_opd")
def _update_opd(ctx: Ctx) -> Work:
    opd_id = ctx.world["BAPPEDA"]
    return lambda s: opd.update_opd(s, opd_id=opd_id, code="BAPPEDA", name="Bappeda Kabupaten")


@scenario("settings.opd.delete_opd")
def _delete_opd(ctx: Ctx) -> Work:
    opd_id = ctx.world["BAPPEDA"]
    return lambda s: opd.delete_opd(s, opd_id=opd_id)


@scenario("settings.programmes.create_programme")
def _create_programme(ctx: Ctx) -> Work:
    return lambda s: programmes.create_programme(
        s, name="OTA 2027", start_month=Month.of(TODAY).first_day, end_month=NEXT_MONTH,
        monthly_aid=450_000,
    )  # fmt: skip


@scenario("settings.programmes.update_programme")
def _update_programme(ctx: Ctx) -> Work:
    programme_id = ctx.programme()
    return lambda s: programmes.update_programme(s, programme_id=programme_id, monthly_aid=500_000)


@scenario("settings.area_setup.load_district_areas")
def _load_areas(ctx: Ctx) -> Work:
    entry = area_setup.PosyanduEntry("19.02.02.2001", "Kenanga")
    return lambda s: area_setup.load_district_areas(s, regency_code="19.02", posyandu=[entry])


@scenario("settings.area_setup.fill_district_from_list")
def _fill_from_list(ctx: Ctx) -> Work:
    return lambda s: area_setup.fill_district_from_list(s, province_code="19", regency_code="19.02")


@scenario("settings.wilayah.create_kecamatan")
def _kecamatan(ctx: Ctx) -> Work:
    return lambda s: wilayah.create_kecamatan(s, name="Badau")


@scenario("settings.wilayah.create_desa")
def _desa(ctx: Ctx) -> Work:
    kecamatan_id = ctx.world["Membalong"]
    return lambda s: wilayah.create_desa(s, kecamatan_id=kecamatan_id, name="Lassar")


@scenario("settings.wilayah.create_posyandu")
def _posyandu(ctx: Ctx) -> Work:
    desa_id = ctx.world["Air Saga"]
    return lambda s: wilayah.create_posyandu(s, desa_id=desa_id, name="Anggrek")


@scenario("settings.wilayah.rename_area")
def _rename_area(ctx: Ctx) -> Work:
    area_id = ctx.world["Melati"]
    return lambda s: wilayah.rename_area(s, area_id=area_id, name="Melati Indah")


@scenario("sync.scope.set_sync_scope")
def _scope(ctx: Ctx) -> Work:
    kecamatan_id = ctx.world["Membalong"]
    return lambda s: scope.set_sync_scope(s, kecamatan_id=kecamatan_id)


@scenario("backup.encryption.set_backup_password")
def _backup_password(ctx: Ctx) -> Work:
    return lambda s: encryption.set_backup_password(s, password="sandi-cadangan-1")


@scenario("backup.encryption.clear_backup_password")
def _clear_backup_password(ctx: Ctx) -> Work:
    ctx.commit(lambda s: encryption.set_backup_password(s, password="sandi-cadangan-1"))
    return encryption.clear_backup_password


# -- files: import, sync, backup, reports -----------------------------------------------------
def _import(kind: str, header: list[str], row: Callable[[], list[Any]]) -> None:
    @scenario(f"importing.run.import_file[{kind}]")
    def prepare(ctx: Ctx) -> Work:
        path = write_sheet(ctx.tmp_path / f"{kind}.xlsx", header, [row()])
        return lambda s: importing.import_file(s, kind=kind, path=path)


def _dmy(day: date) -> str:
    return day.strftime("%d/%m/%Y")


_import("children", ["NAMA BALITA", "NIK ANAK", "L/P", "TGL. LAHIR", "NAMA IBU", "KECAMATAN",
                     "DESA/KELURAHAN", "POSYANDU"],
        lambda: ["Rina", nik(months_ago(12), "P", 8), "P", _dmy(months_ago(12)), "Wati", "Badau",
                 "Air Batu", "Anggrek"])  # fmt: skip
_import("guardians", ["Nama Pegawai", "NIP", "Unit Kerja"],
        lambda: ["Dedi", nip(6), "Dinas Sosial"])  # fmt: skip
_import("visits", ["NAMA ANAK", "TGL LAHIR", "TANGGAL KUNJUNGAN", "BB", "TB"],
        lambda: ["Siti Aminah", _dmy(months_ago(14)), _dmy(TODAY), 9.1, 75.5])  # fmt: skip


@scenario("sync.files.export_sync_file")
def _export(ctx: Ctx) -> Work:
    enrol(ctx.database, "Laptop Kantor")
    path = ctx.tmp_path / "keluar.asuhsync"
    return lambda s: files.export_sync_file(s, path=path, password=SYNC_FILE_PASSWORD)


@scenario("sync.identity.enrol_laptop")
def _enrol_laptop(ctx: Ctx) -> Work:
    scope = {"kecamatan": [str(ctx.world["Membalong"])]}
    return lambda s: identity.enrol_laptop(s, server=SERVER, fingerprint=FINGERPRINT, code=CODE,
                                           client_factory=FakeServer(scope=scope))  # fmt: skip


@scenario("sync.files.prepare_sync_export")
def _prepare_export(ctx: Ctx) -> Work:
    enrol(ctx.database, "Laptop Kantor")
    return lambda s: files.prepare_sync_export(s)


@scenario("sync.files.record_sync_export")
def _record_export(ctx: Ctx) -> Work:
    enrol(ctx.database, "Laptop Kantor")
    prepared = ctx.commit(lambda s: files.prepare_sync_export(s))
    return lambda s: files.record_sync_export(s, prepared, path=ctx.tmp_path / "keluar.asuhsync")


@scenario("sync.conflicts.accept_conflict")
def _accept_conflict(ctx: Ctx) -> Work:
    conflict_id = conflict(ctx)
    return lambda s: conflicts.accept_conflict(s, conflict_id=conflict_id, username="admin")


@scenario("sync.merge.merge_children")
def _merge(ctx: Ctx) -> Work:
    keep = ctx.world["Siti Aminah"]
    record = ctx.commit(lambda s: children.get_child(s, child_id=keep, full_identifiers=True))

    # The same NIK registered on another laptop offline, as sync brings it (the registry itself
    # refuses a second live child with a NIK).
    def offline_twin(session: Session) -> uuid.UUID:
        twin = Child(
            name=record.name, nik=record.nik, sex=record.sex, birth_date=record.birth_date,
            mother_name="Nur", desa_id=ctx.world["Air Saga"], posyandu_id=ctx.world["Melati"],
            enrolment_status="berisiko", enrolled_on=TODAY,
            consent_date=record.birth_date, consent_by="Nur",
        )  # fmt: skip
        session.add(twin)
        session.flush()
        return twin.id

    twin = ctx.commit(offline_twin)
    ctx.commit(lambda s: visits.record_visit(s, form=VisitForm(
        child_id=twin, visit_date=TODAY, weight_kg=9.0, lenhei_cm=75.0, measure="l")))  # fmt: skip
    return lambda s: merge.merge_children(s, keep_id=keep, duplicate_ids=[twin])


@scenario("backup.backup.back_up_now")
def _back_up(ctx: Ctx) -> Work:
    return lambda s: backup.back_up_now(s, database=ctx.database, folder=ctx.tmp_path / "cadangan")


@scenario("reports.service.record_report_export")
def _record_report(ctx: Ctx) -> Work:
    read = ctx.commit(
        lambda s: reports.read_report(s, kind=reports.ReportKind.MONTHLY, month=Month.of(TODAY))
    )
    return lambda s: reports.record_report_export(s, read)


@scenario("followup.round_sheet.record_round_sheet_export")
def _record_round_sheet(ctx: Ctx) -> Work:
    from desktop_app.followup.lists import follow_up_lists
    from desktop_app.followup.round_sheet import build_round_sheet, record_round_sheet_export

    def sheet(s):
        lists = follow_up_lists(s, today=TODAY)
        return build_round_sheet(
            s, rows=lists.not_visited, list_title="Belum dikunjungi bulan ini",
            date_title="Kunjungan terakhir", month=lists.month, area_label="Semua wilayah",
        )  # fmt: skip

    built = ctx.commit(sheet)
    return lambda s: record_round_sheet_export(s, built, file_kind="pdf")


@scenario("reports.service.build_report")
def _report(ctx: Ctx) -> Work:
    return lambda s: reports.build_report(s, kind=reports.ReportKind.MONTHLY, month=Month.of(TODAY))


def conflict_from_another_laptop(ctx: Ctx) -> Work:
    """A sync conflict on Siti Aminah's name: another laptop (a copy of this database with its
    own device id) renamed her after this one did. Returns the import of its sync file."""
    child_id = ctx.world["Siti Aminah"]
    other_path = ctx.tmp_path / "laptop-lain.sqlite3"
    ctx.database.dispose()  # the copy must hold what the write-ahead log still held
    shutil.copyfile(ctx.database.path, other_path)
    other = open_database(sqlite_url(other_path))
    add_device(ctx.database, enrol(other, "Laptop Lain"))  # as a sync with the server would

    def rename(database: Database, name: str) -> None:
        with database.sessions() as session:
            session.get(Child, child_id).name = name
            session.commit()

    rename(ctx.database, "Siti (di sini)")
    rename(other, "Siti (laptop lain)")
    with other.sessions() as session:
        files.export_sync_file(session, path=ctx.tmp_path / "lain.asuhsync", everything=True,
                               password=SYNC_FILE_PASSWORD)  # fmt: skip
        session.commit()
    other.dispose()
    return lambda s: files.import_sync_file(
        s, path=ctx.tmp_path / "lain.asuhsync", password=SYNC_FILE_PASSWORD
    )


@scenario("sync.files.import_sync_file")
def _import_sync_file(ctx: Ctx) -> Work:
    return conflict_from_another_laptop(ctx)


@scenario("sync.files.apply_sync_file")
def _apply_sync_file(ctx: Ctx) -> Work:
    """The GUI's import: the file is read off the DB worker, then applied on it."""
    conflict_from_another_laptop(ctx)
    devices = ctx.commit(files.known_devices)
    manifest, tables = files.read_sync_file(
        ctx.tmp_path / "lain.asuhsync", password=SYNC_FILE_PASSWORD, devices=devices
    )
    return lambda s: files.apply_sync_file(s, manifest=manifest, tables=tables, name="lain")


def conflict(ctx: Ctx) -> uuid.UUID:
    ctx.commit(conflict_from_another_laptop(ctx))
    return ctx.commit(lambda s: s.scalars(select(SyncConflict.id)).one())


@scenario("sync.conflicts.restore_loser")
def _restore_loser(ctx: Ctx) -> Work:
    conflict_id = conflict(ctx)
    return lambda s: conflicts.restore_loser(s, conflict_id=conflict_id, username="admin")


@scenario("audit.integrity.verify_audit_log")
def _verify_audit_log(ctx: Ctx) -> Work:
    from desktop_app.audit import integrity

    return integrity.verify_audit_log


@scenario("children.data_subject.anonymise_child")
def _anonymise_child(ctx: Ctx) -> Work:
    from desktop_app.children import data_subject

    child_id = ctx.world["Siti Rahma"]
    ctx.fostered_with_planned_aid()  # an assignment to end, aid to cancel
    return lambda s: data_subject.anonymise_child(s, child_id=child_id, reason="permintaan ibu")


@scenario("reports.child_data_bundle.export_child_bundle")
def _export_child_bundle(ctx: Ctx) -> Work:
    from desktop_app.reports.child_data_bundle import export_child_bundle

    child_id, path = ctx.world["Siti Aminah"], ctx.tmp_path / "data-anak.zip"
    return lambda s: export_child_bundle(s, child_id=child_id, path=path, password="sandi-keluarga")


# -- the district sync server (asuh server) ---------------------------------------------------
def _pending_device(ctx: Ctx) -> server_devices.EnrolmentCode:
    with ctx.database.sessions() as session:
        made = server_devices.enrol_device(session, name="Laptop Puskesmas")
        session.commit()
    return made


@scenario("server.devices.enrol_device")
def _enrol_device(ctx: Ctx) -> Work:
    return lambda s: server_devices.enrol_device(s, name="Laptop Puskesmas")


@scenario("server.devices.claim_enrolment")
def _claim_enrolment(ctx: Ctx) -> Work:
    from desktop_app.server.client import new_device_key
    from desktop_app.server.signing import public_key_b64

    made, key = _pending_device(ctx), public_key_b64(new_device_key())
    return lambda s: server_devices.claim_enrolment(s, code=made.code, public_key=key)


@scenario("server.devices.revoke_device")
def _revoke_device(ctx: Ctx) -> Work:
    device_id = _pending_device(ctx).device_id
    return lambda s: server_devices.revoke_device(s, device_id=device_id)
