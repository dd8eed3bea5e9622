"""The main window: a sidebar of sections and a stack of pages built on first visit.

Only Beranda is built at start-up; every other page's module is imported when its section is
first opened (start-up speed). Shortcuts (listed in Tentang by :meth:`MainWindow.shortcut_list`):
Ctrl+1..9 switch sections, Ctrl+F focuses the current list's search box, Ctrl+N starts a new
record on the current list, Ctrl+K records a visit from anywhere (the cursor in the form's child
search), F1 shows Tentang, Ctrl+Q quits. "Anak" (click or Ctrl+2) always shows the child list, not
a child page left open. The top bar keeps the signed-in user's name, "Kunci sekarang" and
"Keluar" in view on every page. On a screen too small for 1280 x 800 (the 1366 x 768 office
laptop) the first window opens maximised.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.database import Database
from desktop_app.core.i18n import N_, _, pgettext
from desktop_app.ui.common.icons import icon
from desktop_app.ui.ops import OperationRunner

if TYPE_CHECKING:
    from desktop_app.ui.auth.idle_lock import IdleLock
    from desktop_app.ui.children.list_page import ChildrenSection
    from desktop_app.ui.home.page import HomePage

log = logging.getLogger(__name__)

#: (key sequence, action) of the window-wide shortcuts besides Ctrl+1..9, in Tentang's order.
SHORTCUTS = (
    ("Ctrl+F", N_("Cari di daftar yang terbuka")),
    ("Ctrl+N", N_("Data baru di daftar yang terbuka (anak, orang tua asuh, ...)")),
    ("Ctrl+K", N_("Catat kunjungan")),
    ("F1", N_("Tentang Asuh dan pintasan keyboard")),
    ("Ctrl+Q", N_("Keluar dari Asuh")),
)

#: The first size of the main window (before any saved geometry), bounded by the screen.
DEFAULT_SIZE = QSize(1280, 800)
#: Title bar and borders the window manager adds around the client area.
FRAME_ALLOWANCE = QSize(16, 48)


#: Rows a table looks at when it sizes columns to their contents (Qt's default, 1,000, takes
#: ~0.3 s on a month of visits: the window would freeze on opening Kunjungan or Bantuan).
COLUMN_SIZING_ROWS = 100


def limit_column_sizing(page: QWidget) -> None:
    """Size the page's table columns from the visible rows plus ``COLUMN_SIZING_ROWS``."""
    for table in page.findChildren(QTableView):
        table.horizontalHeader().setResizeContentsPrecision(COLUMN_SIZING_ROWS)


@dataclass(frozen=True)
class PageContext:
    """The narrow dependencies a page may need (no global app handle)."""

    runner: OperationRunner
    database: Database
    role: str | None  # None: the system (no login, e.g. a benchmark); otherwise admin/...


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    icon_name: str
    build: Callable[[PageContext], QWidget]


def _home(ctx: PageContext) -> QWidget:
    from desktop_app.ui.home.page import HomePage

    return HomePage(ctx.runner)


def _children(ctx: PageContext) -> QWidget:
    from desktop_app.ui.children.list_page import ChildrenSection

    return ChildrenSection(ctx.runner)


def _guardians(ctx: PageContext) -> QWidget:
    from desktop_app.ui.guardians.list_page import GuardianListPage

    return GuardianListPage(ctx.runner)


def _assignments(ctx: PageContext) -> QWidget:
    from desktop_app.ui.assignments.list_page import AssignmentListPage

    return AssignmentListPage(ctx.runner)


def _visits(ctx: PageContext) -> QWidget:
    from desktop_app.ui.common.empty_overlay import add_empty_overlay
    from desktop_app.ui.visits.page import VisitsPage

    page = VisitsPage(ctx.runner)
    add_empty_overlay(
        page.table,
        _("Tidak ada kunjungan pada bulan dan desa ini"),
        _("Klik “Catat kunjungan” atau tekan Ctrl+K untuk mencatat kunjungan."),
    )
    return page


def _followup(ctx: PageContext) -> QWidget:
    from desktop_app.ui.common.empty_overlay import add_empty_overlay
    from desktop_app.ui.followup.page import FollowUpPage

    page = FollowUpPage(ctx.runner)
    for view in page.views.values():
        add_empty_overlay(
            view, _("Tidak ada anak di daftar ini"), _("Tidak ada yang perlu ditindaklanjuti.")
        )
    return page


def _aid(ctx: PageContext) -> QWidget:
    from desktop_app.ui.aid.page import AidLedgerPage
    from desktop_app.ui.common.empty_overlay import add_empty_overlay

    page = AidLedgerPage(ctx.runner)
    add_empty_overlay(
        page.table,
        _("Belum ada rencana bantuan untuk program dan bulan ini"),
        _("Klik “Buat rencana bantuan bulan ini” untuk menyusunnya."),
    )
    return page


def _reports(ctx: PageContext) -> QWidget:
    from desktop_app.ui.reports import ReportsPage

    return ReportsPage(ctx.runner)


def _settings(ctx: PageContext) -> QWidget:
    from desktop_app.ui.settings.settings_page import SettingsPage

    return SettingsPage(ctx.runner, ctx.database, role=ctx.role)


def sections() -> list[Section]:
    return [
        Section("home", _("Beranda"), "home", _home),
        Section("children", pgettext("bagian menu", "Anak"), "child", _children),
        Section("guardians", _("Orang Tua Asuh"), "guardian", _guardians),
        Section("assignments", _("Penugasan"), "link", _assignments),
        Section("visits", _("Kunjungan"), "visit", _visits),
        Section("followup", _("Tindak lanjut"), "followup", _followup),
        Section("aid", _("Bantuan"), "aid", _aid),
        Section("reports", _("Laporan"), "report", _reports),
        Section("settings", _("Pengaturan"), "settings", _settings),
    ]  # fmt: skip


class MainWindow(QMainWindow):
    """The shell. ``page_shown(str)`` fires with a section key after it becomes current."""

    page_shown = Signal(str)

    def __init__(
        self,
        database: Database,
        runner: OperationRunner,
        parent: QWidget | None = None,
        *,
        role: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.database = database
        self.runner = runner
        self.context = PageContext(runner=runner, database=database, role=role)
        self.idle_lock: IdleLock | None = None  # set by desktop_app.ui.app for a signed-in user
        self.visit_dialog: QWidget | None = None  # the last Ctrl+K form
        self.sections = sections()
        self._pages: dict[str, QWidget] = {}
        self.opens_maximised = False

        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setIconSize(QSize(20, 20))
        self.sidebar.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.sidebar.setUniformItemSizes(True)
        self.sidebar.setSpacing(2)
        for number, section in enumerate(self.sections, start=1):
            item = QListWidgetItem(icon(section.icon_name), section.title)
            item.setToolTip(f"{section.title} (Ctrl+{number})")
            item.setSizeHint(QSize(0, 38))
            self.sidebar.addItem(item)
        self.stack = QStackedWidget()
        self.stack.setObjectName("content")

        brand = QLabel("Asuh")
        brand.setObjectName("brand")
        tagline = QLabel(_("Orang tua asuh\ncegah stunting"))
        tagline.setObjectName("brandTagline")
        side = QWidget()
        side.setObjectName("sidePanel")
        side.setFixedWidth(184)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(12, 18, 12, 12)
        side_layout.setSpacing(4)
        side_layout.addWidget(brand)
        side_layout.addWidget(tagline)
        side_layout.addSpacing(14)
        side_layout.addWidget(self.sidebar, 1)
        self.about_button = QPushButton(icon("info"), _("Tentang"))
        self.about_button.setObjectName("linkButton")
        self.about_button.setToolTip(_("Tentang Asuh dan pintasan keyboard (F1)"))
        self.about_button.clicked.connect(self.show_about)
        side_layout.addWidget(self.about_button, 0, Qt.AlignmentFlag.AlignLeft)

        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self._build_top_bar())
        column.addWidget(self.stack, 1)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(side)
        layout.addWidget(content, 1)
        self.setCentralWidget(central)

        self.db_label = QLabel(self._database_text())
        self.db_label.setObjectName("statusDatabase")
        self.statusBar().addPermanentWidget(self.db_label)
        runner.failed.connect(self._show_failure)
        runner.busy.connect(self._show_busy)

        self._install_shortcuts()
        self.sidebar.currentRowChanged.connect(self._switch_to)
        self.sidebar.itemClicked.connect(lambda item: self._section_chosen(self.sidebar.row(item)))
        self.sidebar.setCurrentRow(0)
        self._fit_first_size()

    def _build_top_bar(self) -> QWidget:
        from desktop_app.ui.top_bar import TopBar

        self.top_bar = TopBar()
        self.top_bar.lock_requested.connect(self.lock_now)
        self.top_bar.quit_requested.connect(self.close)
        self.refresh_user()
        return self.top_bar

    def refresh_user(self) -> None:
        """Show who is signed in (after a sign-in that changed the runner's user)."""
        self.top_bar.set_user(self.runner.actor_name or self.runner.actor, self.context.role)

    def lock_now(self) -> None:
        """Cover the window and ask for the password again (the idle lock, at once)."""
        if self.idle_lock is not None:
            self.idle_lock.lock()

    def _fit_first_size(self) -> None:
        """1280 x 800 where there is room. On the common 1366 x 768 office laptop that is taller
        than the screen, so the window is sized to the screen and opens maximised (see
        :meth:`opens_maximised`; saved geometry, restored by ``show_main_window``, wins)."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        room = screen.availableGeometry() if screen is not None else None
        if room is None or room.isEmpty():
            self.resize(DEFAULT_SIZE)
            return
        needed = DEFAULT_SIZE + FRAME_ALLOWANCE
        self.opens_maximised = needed.width() > room.width() or needed.height() > room.height()
        self.resize(DEFAULT_SIZE.boundedTo(room.size() - FRAME_ALLOWANCE))
        if self.opens_maximised:
            self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)

    # -- navigation ---------------------------------------------------------------------------
    def show_section(self, key: str) -> QWidget:
        """Make the section current (building its page on first use) and return its page."""
        index = next(i for i, s in enumerate(self.sections) if s.key == key)
        self.sidebar.setCurrentRow(index)
        return self._pages[key]

    def page(self, key: str) -> QWidget | None:
        """The page of ``key`` if it was built already."""
        return self._pages.get(key)

    def current_key(self) -> str:
        return self.sections[self.sidebar.currentRow()].key

    def current_page(self) -> QWidget:
        return self._pages[self.current_key()]

    def open_child(self, child_id) -> None:
        """Show one child's page (from any list that names a child)."""
        self._show_children().show_child(child_id)

    def show_unassigned_children(self) -> None:
        """Beranda's "lihat semua": the child list filtered to children without a guardian."""
        section = self._show_children()
        section.show_list()
        section.list_page.show_unassigned()

    def _show_children(self) -> ChildrenSection:
        # The "children" section always builds a ChildrenSection (see the sections table).
        return cast("ChildrenSection", self.show_section("children"))

    def _section_chosen(self, row: int) -> None:
        """A section picked by the user (sidebar click, Ctrl+number): "Anak" shows the list
        even when a child's page was left open there."""
        self.sidebar.setCurrentRow(row)
        if self.sections[row].key == "children":
            self._show_children().show_list()

    def _switch_to(self, row: int) -> None:
        if row < 0:
            return
        section = self.sections[row]
        page = self._pages.get(section.key)
        if page is None:
            page = section.build(self.context)
            self._pages[section.key] = page
            self.stack.addWidget(page)
            limit_column_sizing(page)
            if section.key == "home":
                cast("HomePage", page).show_unassigned_requested.connect(
                    self.show_unassigned_children
                )
            if hasattr(page, "open_child"):  # visit and follow-up lists open the child page
                page.open_child.connect(self.open_child)
        self.stack.setCurrentWidget(page)
        self.page_shown.emit(section.key)

    # -- shortcuts ----------------------------------------------------------------------------
    def _install_shortcuts(self) -> None:
        for number in range(1, len(self.sections) + 1):
            shortcut = QShortcut(QKeySequence(f"Ctrl+{number}"), self)
            shortcut.activated.connect(lambda row=number - 1: self._section_chosen(row))
        QShortcut(QKeySequence.StandardKey.Find, self).activated.connect(self.focus_search)
        QShortcut(QKeySequence.StandardKey.New, self).activated.connect(self.new_record)
        QShortcut(QKeySequence("Ctrl+K"), self).activated.connect(self.record_visit)
        QShortcut(QKeySequence("F1"), self).activated.connect(self.show_about)
        QShortcut(QKeySequence("Ctrl+Q"), self).activated.connect(self.close)

    def shortcut_list(self) -> list[tuple[str, str]]:
        """(keys, action) of every window shortcut, translated now (for Tentang)."""
        count = len(self.sections)
        sections = [(f"Ctrl+1 … Ctrl+{count}", _("Pindah bagian (Beranda … Pengaturan)"))]
        return sections + [(keys, _(action)) for keys, action in SHORTCUTS]

    def record_visit(self) -> None:
        """Ctrl+K: the visit form, for any child, with the cursor in its child search (type a
        name at once)."""
        from desktop_app.ui.common.announce import announce_visit_saves
        from desktop_app.ui.visits.form_dialog import VisitFormDialog

        dialog = VisitFormDialog(self.runner, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        announce_visit_saves(dialog)
        self.visit_dialog = dialog
        dialog.open()
        dialog.activateWindow()
        dialog.picker.search.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def show_about(self) -> None:
        from desktop_app.ui.about import AboutDialog

        database = self.database.path or self.database.engine.url.render_as_string()
        dialog = AboutDialog(database=database, shortcuts=self.shortcut_list(), parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def focus_search(self) -> None:
        page = self.current_page()
        if hasattr(page, "focus_search"):
            page.focus_search()

    def new_record(self) -> None:
        page = self.current_page()
        if hasattr(page, "new_record"):
            page.new_record()

    # -- status -------------------------------------------------------------------------------
    def _database_text(self) -> str:
        path = self.database.path
        if path is not None:
            return _("Basis data: {name}").format(name=path.name)
        return _("Basis data: {url}").format(url=self.database.engine.url.render_as_string())

    def _show_busy(self, busy: bool) -> None:
        if busy:
            self.statusBar().showMessage(_("Memuat data…"))
        else:
            self.statusBar().clearMessage()

    def _show_failure(self, message: str) -> None:
        from desktop_app.ui.widgets.messages import show_error

        show_error(self, message, title=_("Kesalahan"))
