"""Screenshots for the user guide (docs/), taken from the real app on demo data.

Headless and deterministic: an offscreen Qt platform, a temporary data folder, a demo district of
300 children (seed 7, "today" 23 November 2026) and a synchronous operation runner, so every page
is populated before it is grabbed. Each language gets its own fresh database and windows, because
labels are translated when a widget is built.

Usage::

    python scripts/make_guide_screenshots.py [--lang id|en|all] [--out docs/img] [--only NAME ...]

Writes ``OUT/LANG/NAME.png`` (1366x768 for the main window, dialogs at their own size). The guide
(docs/panduan-pengguna.md, docs/user-guide.md) links these files; tests/docs/test_guide.py checks
that the links and :data:`SHOTS` agree.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

#: The demo district's size, seed and "today": the same pixels at every run.
DEMO_CHILDREN = 300
DEMO_SEED = 7
DEMO_TODAY = date(2026, 11, 23)
WINDOW_SIZE = (1366, 768)
LANGUAGES = ("id", "en")
#: Password of the demo accounts (never shown; only needed to create them).
DEMO_PASSWORD = "panduan-asuh-2026"


@dataclass(frozen=True)
class Shot:
    """One screenshot: ``take(studio)`` returns the widget to grab (already shown and filled)."""

    name: str
    take: Callable[[Studio], Any]


def shot_names() -> list[str]:
    """File names (without ``.png``) of every shot, in the guide's order."""
    return [shot.name for shot in SHOTS]


class Studio:
    """The app opened on a demo database for one language; helpers the shots share.

    GUI thread only. ``close()`` disposes the windows and the database.
    """

    def __init__(self, language: str, workdir: Path) -> None:
        from desktop_app.core.database import open_database
        from desktop_app.core.i18n import set_language
        from desktop_app.demo import fill_demo_database
        from desktop_app.ui.app import make_application, open_main_window
        from desktop_app.ui.ops import OperationRunner

        set_language(language)
        self.language = language
        self.workdir = workdir
        self.app = make_application()
        self.database = open_database(f"sqlite:///{workdir / 'asuh.sqlite3'}")
        fill_demo_database(self.database, children=DEMO_CHILDREN, seed=DEMO_SEED, today=DEMO_TODAY)
        self.runner = OperationRunner(self.database.sessions)
        self.runner.synchronous = True
        self._make_users()
        self.window = open_main_window(self.database, self.runner, role=None)
        self.window.resize(*WINDOW_SIZE)
        self.window.show()
        self._open_dialogs: list[Any] = []
        self._make_backups()
        self.settle()

    def _make_users(self) -> None:
        """An Admin (signed in, so the audit trail names her), an Operator and a Pimpinan."""
        from desktop_app.core.permissions import OPERATOR, PIMPINAN
        from desktop_app.ui.auth.identity import sign_in
        from desktop_app.users.accounts import authenticate, create_first_admin, create_user

        with self.database.sessions() as session:
            admin = create_first_admin(
                session, username="admin", full_name="Rina Kartika", password=DEMO_PASSWORD
            )
            session.commit()
        sign_in(self.runner, admin)
        for username, full_name, role in (
            ("budi.s", "Budi Santoso", OPERATOR),
            ("kadis", "Hendra Wijaya", PIMPINAN),
        ):
            self.write(
                lambda s, u=username, n=full_name, r=role: create_user(
                    s, username=u, full_name=n, role=r, password=DEMO_PASSWORD
                )
            )
        self.write(lambda s: authenticate(s, username="admin", password=DEMO_PASSWORD))

    def write(self, work: Callable[[Any], Any]) -> None:
        """Run one change through the app's runner; a failure stops the script."""
        from desktop_app.core.changes import Changes

        def fail(error: Exception) -> None:
            raise RuntimeError(f"demo set-up failed: {error}") from error

        self.runner.write(work, changes=Changes.NONE, on_error=fail)

    def _make_backups(self) -> None:
        """Backups at fixed times, so Pengaturan > Cadangan lists some (and the same ones)."""
        from datetime import datetime

        from desktop_app.backup.backup import make_backup
        from desktop_app.backup.lifecycle import backup_at, configured_backup_folder

        morning = datetime.combine(DEMO_TODAY, datetime.min.time()).replace(hour=7, minute=45)
        backup_at(self.database, event="startup", now=morning)
        backup_at(self.database, event="startup", now=morning.replace(minute=46))
        folder = configured_backup_folder(self.database.path)
        make_backup(self.database, folder=folder, now=morning.replace(hour=12, minute=10))

    # -- helpers ------------------------------------------------------------------------------
    def settle(self, rounds: int = 6) -> None:
        """Let queued events (layouts, lazy fetches, deferred loads) run."""
        for _round in range(rounds):
            self.app.processEvents()
            time.sleep(0.01)
        self.app.processEvents()

    def section(self, key: str) -> Any:
        self.window.show_section(key)
        self.settle()
        return self.window

    def dialog(self, dialog: Any) -> Any:
        """Show a dialog without running its event loop (it is grabbed, then closed)."""
        dialog.show()
        self._open_dialogs.append(dialog)
        self.settle()
        return dialog

    def close_dialogs(self) -> None:
        for dialog in self._open_dialogs:
            dialog.close()
            dialog.deleteLater()
        self._open_dialogs.clear()
        self.settle(2)

    def query(self, fn: Callable[[Any], Any]) -> Any:
        with self.database.sessions() as session:
            return fn(session)

    def showcase_child(self) -> Any:
        """A child with an active guardian and the most visits: a full child page."""
        from sqlalchemy import func, select

        from desktop_app.db.models import Assignment, Child, Visit

        def pick(session: Any) -> Any:
            visits = func.count(Visit.id)
            stmt = (
                select(Child.id)
                .join(Assignment, Assignment.child_id == Child.id)
                .join(Visit, Visit.child_id == Child.id)
                .where(Assignment.status == "aktif", Child.deleted_at.is_(None))
                .where(Visit.deleted_at.is_(None))
                .group_by(Child.id)
                .order_by(visits.desc(), Child.name)
                .limit(1)
            )
            return session.scalar(stmt)

        return self.query(pick)

    def unassigned_child(self) -> Any:
        """An enrolled child without an active guardian (for the assignment dialog)."""
        from sqlalchemy import select

        from desktop_app.db.models import Assignment, Child

        active = select(Assignment.child_id).where(
            Assignment.status == "aktif", Assignment.deleted_at.is_(None)
        )
        stmt = (
            select(Child.id)
            .where(Child.id.not_in(active), Child.deleted_at.is_(None))
            .where(Child.exit_date.is_(None))
            .order_by(Child.name)
            .limit(1)
        )
        return self.query(lambda s: s.scalar(stmt))

    def close(self) -> None:
        self.close_dialogs()
        self.window.close()
        self.window.deleteLater()
        self.settle(2)
        self.database.dispose()


# -- the shots ----------------------------------------------------------------------------------
def _login(studio: Studio) -> Any:
    from desktop_app.ui.auth.login_dialog import LoginDialog

    district = studio.window.windowTitle().split("\u2014")[-1].strip()
    dialog = LoginDialog(studio.runner, username="admin", district=district)
    return studio.dialog(dialog)


def _first_admin(studio: Studio) -> Any:
    from desktop_app.ui.auth.first_admin import FirstAdminDialog

    return studio.dialog(FirstAdminDialog(studio.runner, recovery_folder=studio.workdir))


def _setup_wizard(studio: Studio) -> Any:
    from desktop_app.ui.setup.wizard import FirstRunWizard

    return studio.dialog(FirstRunWizard(studio.runner))


def _home(studio: Studio) -> Any:
    return studio.section("home")


def _children(studio: Studio) -> Any:
    return studio.section("children")


def _child_editor(studio: Studio) -> Any:
    from desktop_app.ui.children.editor import ChildEditorDialog

    dialog = ChildEditorDialog(studio.runner, parent=studio.window)
    dialog.name.setText("Aisyah Putri Ramadhani")
    dialog.nik.setText("1902014506250003")
    dialog.sex.setValue("P")
    dialog.birth_date.setValue(date(2025, 6, 5))
    dialog.birth_weight.setValue(2.4)
    dialog.birth_length.setValue(46.0)
    dialog.mother_name.setText("Siti Nurhaliza")
    dialog.father_name.setText("Budi Santoso")
    dialog.phone.setText("081234567890")
    dialog.address.setText("Jl. Merdeka No. 12")
    dialog.rt.setText("003")
    dialog.rw.setText("001")
    studio.settle()
    for combo in (dialog.wilayah.kecamatan, dialog.wilayah.desa, dialog.wilayah.posyandu):
        combo.setCurrentIndex(1)
        studio.settle()
    dialog.consent_date.setValue(DEMO_TODAY)
    dialog.consent_by.setText("Siti Nurhaliza")
    dialog.consent_relation.setCurrentIndex(1)
    dialog.resize(1000, 720)  # room for every hint under its field
    return studio.dialog(dialog)


def _child_page(studio: Studio) -> Any:
    studio.window.open_child(studio.showcase_child())
    studio.settle()
    return studio.window


def _growth_chart(studio: Studio) -> Any:
    from PySide6.QtWidgets import QScrollArea

    studio.window.open_child(studio.showcase_child())
    studio.settle()
    page = studio.window.current_page()
    for scroll in page.findChildren(QScrollArea):
        bar = scroll.verticalScrollBar()
        bar.setValue(bar.maximum())
    studio.settle()
    return studio.window


def _guardians(studio: Studio) -> Any:
    return studio.section("guardians")


def _assign(studio: Studio) -> Any:
    from desktop_app.ui.assignments.dialogs import AssignDialog

    dialog = AssignDialog(studio.runner, parent=studio.window)
    studio.settle()
    dialog.child.results.setCurrentRow(0)
    dialog.guardian.results.setCurrentRow(1)
    return studio.dialog(dialog)


def _assignments(studio: Studio) -> Any:
    return studio.section("assignments")


def _visit_form(studio: Studio) -> Any:
    from desktop_app.ui.visits.form_dialog import VisitFormDialog

    dialog = VisitFormDialog(studio.runner, child_id=studio.showcase_child(), parent=studio.window)
    studio.settle()
    dialog.place.setValue("posyandu")
    dialog.weight.setValue(14.1)
    dialog.lenhei.setValue(96.0)
    dialog.measure.setValue("h")
    dialog.topics.set_values(["asi_mpasi", "gizi_seimbang", "cuci_tangan"])
    dialog.help_given.set_values(["susu"])
    return studio.dialog(dialog)


def _visits(studio: Studio) -> Any:
    return studio.section("visits")


def _followup(studio: Studio) -> Any:
    return studio.section("followup")


def _aid_page(studio: Studio) -> Any:
    """The aid page on the demo's month (it opens on the real month, which may have no plan)."""
    page = studio.window.show_section("aid")
    page.month.setValue(DEMO_TODAY.replace(day=1))
    studio.settle()
    return page


def _aid(studio: Studio) -> Any:
    _aid_page(studio)
    return studio.window


def _mark_paid(studio: Studio) -> Any:
    page = _aid_page(studio)
    planned = (r for r in range(page.model.rowCount()) if page.model.row_at(r).status == "rencana")
    page.table.selectRow(next(planned, 0))  # early in a month the first rows may be paid already
    studio.settle()
    dialog = page.open_mark_paid()
    if dialog is None:
        raise RuntimeError("no planned payment to mark paid")
    return studio.dialog(dialog)


def _reports(studio: Studio) -> Any:
    page = studio.window.show_section("reports")
    studio.settle()
    page.build()
    studio.settle()
    return studio.window


def _settings_tab(key: str) -> Callable[[Studio], Any]:
    def take(studio: Studio) -> Any:
        page = studio.window.show_section("settings")
        page.show_tab(key)
        studio.settle()
        return studio.window

    return take


def _audit(studio: Studio) -> Any:
    """Some real work through the dialogs first, so the trail shows a typical day."""
    visit = _visit_form(studio)
    visit.save()
    studio.settle()
    paid = _mark_paid(studio)
    paid.reference.setText("TRF-2026-11-0001")
    paid.save()
    studio.settle()
    studio.close_dialogs()
    return _settings_tab("audit")(studio)


def _about(studio: Studio) -> Any:
    from desktop_app.ui.about import AboutDialog

    database = str(studio.database.path.name) if studio.database.path else "asuh.sqlite3"
    dialog = AboutDialog(
        database=database, shortcuts=studio.window.shortcut_list(), parent=studio.window
    )
    return studio.dialog(dialog)


SHOTS: tuple[Shot, ...] = (
    Shot("01-masuk", _login),
    Shot("02-admin-pertama", _first_admin),
    Shot("03-wizard-awal", _setup_wizard),
    Shot("04-beranda", _home),
    Shot("05-daftar-anak", _children),
    Shot("06-daftarkan-anak", _child_editor),
    Shot("07-halaman-anak", _child_page),
    Shot("08-grafik-pertumbuhan", _growth_chart),
    Shot("09-orang-tua-asuh", _guardians),
    Shot("10-tugaskan", _assign),
    Shot("11-penugasan", _assignments),
    Shot("12-catat-kunjungan", _visit_form),
    Shot("13-kunjungan", _visits),
    Shot("14-tindak-lanjut", _followup),
    Shot("15-bantuan", _aid),
    Shot("16-tandai-dibayar", _mark_paid),
    Shot("17-laporan", _reports),
    Shot("18-cadangan", _settings_tab("backup")),
    Shot("19-sinkronisasi", _settings_tab("sync")),
    Shot("20-pengaturan-umum", _settings_tab("general")),
    Shot("21-pengguna", _settings_tab("users")),
    Shot("22-riwayat-perubahan", _audit),
    Shot("23-tentang", _about),
)


def save_png(pixmap: Any, path: Path) -> bool:
    """Save a grab as a small PNG (about a quarter of Qt's own PNG).

    Screens have few colours, so an adaptive 256-colour palette without dithering (which would
    speckle flat areas) looks the same; Pillow (installed with ReportLab) picks the palette.
    """
    from io import BytesIO

    from PIL import Image
    from PySide6.QtCore import QBuffer, QIODevice

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not pixmap.save(buffer, "PNG"):
        return False
    with Image.open(BytesIO(bytes(buffer.data()))) as image:
        palette = image.convert("RGB").quantize(
            colors=256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE
        )
        palette.save(path, optimize=True)
    return True


def take_shots(
    language: str,
    out: Path,
    *,
    only: Iterable[str] | None = None,
    workdir: Path | None = None,
) -> list[Path]:
    """Write the shots of one language into ``out/language/``; returns the files written.

    ``workdir`` holds the demo database and backups while the shots are taken (default: a fixed
    ``Asuh`` folder in the temp dir, emptied before and after, so the paths the window shows are
    the same at every run). The language in force before the call is restored afterwards.
    """
    from desktop_app.core.i18n import current_language, set_language

    wanted = set(only) if only else None
    unknown = (wanted or set()) - set(shot_names())
    if unknown:
        raise ValueError(f"unknown shot(s): {', '.join(sorted(unknown))}")
    folder = out / language
    folder.mkdir(parents=True, exist_ok=True)
    if wanted is None:  # a full run leaves no screenshot of a shot that no longer exists
        for stale in folder.glob("*.png"):
            stale.unlink()
    written: list[Path] = []
    workdir = workdir or Path(tempfile.gettempdir()) / "Asuh"
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir(parents=True)
    previous_language, previous_data_dir = current_language(), os.environ.get("ASUH_DATA_DIR")
    os.environ["ASUH_DATA_DIR"] = str(workdir)
    try:
        studio = Studio(language, workdir)
        try:
            for shot in SHOTS:
                if wanted is not None and shot.name not in wanted:
                    continue
                widget = shot.take(studio)
                studio.settle()
                path = folder / f"{shot.name}.png"
                if not save_png(widget.grab(), path):
                    raise RuntimeError(f"could not save {path}")
                written.append(path)
                studio.close_dialogs()
        finally:
            studio.close()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
        set_language(previous_language)
        if previous_data_dir is None:
            os.environ.pop("ASUH_DATA_DIR", None)
        else:
            os.environ["ASUH_DATA_DIR"] = previous_data_dir
    return written


def _laptop_screen_config() -> Path:
    """A virtual screen of an office laptop (Qt's offscreen default is 800 x 800): dialogs size
    themselves to the screen, and the guide should show what a user sees."""
    config = Path(tempfile.gettempdir()) / "asuh-guide-screen.json"
    width, height = WINDOW_SIZE
    screen = {"name": "laptop", "x": 0, "y": 0, "width": width, "height": height,
              "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}  # fmt: skip
    config.write_text(json.dumps({"screens": [screen]}))
    return config


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=(*LANGUAGES, "all"), default="all")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "img")
    parser.add_argument("--only", nargs="*", help="shot names (default: all)")
    args = parser.parse_args(argv)
    from desktop_app.db import cipher

    # The demo files are encrypted like the app's, under a fixed screenshot-only key (no login
    # to script). Set here, not on import: the tests load this module beside their own key.
    cipher.set_fallback_key(bytes(range(64, 96)))
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_laptop_screen_config()}"
    languages = LANGUAGES if args.lang == "all" else (args.lang,)
    for language in languages:
        started = time.perf_counter()
        written = take_shots(language, args.out, only=args.only)
        elapsed = time.perf_counter() - started
        print(f"{language}: {len(written)} screenshots in {elapsed:.1f} s -> {args.out / language}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
