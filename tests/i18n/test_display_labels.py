"""Stored codes are shown by their labels, in the current language (audit trail, child page,
the consent relation, aid cancellation reasons, the CLI), and the visit form fits English text.

A few English strings are new and not yet in the catalog: ``english`` here adds them as a
fallback (the catalog's own entry wins once it exists), so these tests check the code path now
and the catalog's wording later.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from uuid import UUID

import pytest
from sqlalchemy import select

from desktop_app.aid.service import EXIT_CANCEL_REASON, plan_month_aid
from desktop_app.assignments.service import assign_guardian
from desktop_app.children.service import exit_child
from desktop_app.core import clock
from desktop_app.core.i18n import set_language
from desktop_app.core.month import Month
from desktop_app.db.models import AidPayment, Assignment, AuditEntry
from desktop_app.labels.stored_codes import code_for_label, code_label
from desktop_app.settings.programmes import create_programme
from tests.ui.conftest import runner  # noqa: F401 - the synchronous runner fixture
from tests.ui.form_fixtures import (
    BIRTH,
    make_child,
    make_guardian,
    make_opd,
    make_wilayah,
    message_boxes,  # noqa: F401 - the fixture
    run,
)

pytestmark = pytest.mark.usefixtures("message_boxes")


@pytest.fixture
def english() -> Iterator[None]:
    set_language("en")
    yield
    set_language("id")


# -- the audit trail ---------------------------------------------------------------------------
def _audit_page(qtbot, runner, database, entity: str, changes: dict):  # noqa: F811
    from desktop_app.ui.audit.page import AuditPage

    with database.sessions() as session:
        session.add(AuditEntry(at=datetime(2026, 11, 22, 3, 0), username="ani", action="update",
                               entity=entity, entity_id="x", changes=changes))  # fmt: skip
        session.commit()
    page = AuditPage(runner)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.populated):
        page.show()
    page.entity_filter.set_value(entity)
    page.user_filter.set_value("ani")
    return page


AID_CHANGE = {"status": ["rencana", "dibayar"], "method": [None, "tunai"]}


def test_the_audit_trail_shows_aid_statuses_by_their_english_labels(
    qtbot,
    runner,  # noqa: F811
    database,
    english,
):
    page = _audit_page(qtbot, runner, database, "aid_payments", AID_CHANGE)
    assert page.details.visible_changes() == [
        ("Status", "Planned", "Paid"),
        ("Payment method", "\u2014", "Cash"),
    ]


def test_the_audit_trail_shows_aid_statuses_by_their_indonesian_labels(
    qtbot,
    runner,  # noqa: F811
    database,
):
    page = _audit_page(qtbot, runner, database, "aid_payments", AID_CHANGE)
    assert page.details.visible_changes() == [
        ("Status", "Rencana", "Dibayar"),
        ("Cara bayar", "\u2014", "Tunai"),
    ]


def test_the_same_column_name_is_read_per_table_and_unknown_values_stay(english) -> None:
    from desktop_app.audit.trail import display_value

    assert display_value("status", "batal", entity="aid_payments") == "Cancelled"
    assert display_value("status", "selesai", entity="assignments") == "Ended"
    assert display_value("status", "dialihkan", entity="assignments") == "Transferred"
    assert display_value("status", "selesai", entity="aid_payments") == "selesai"  # not aid's
    assert display_value("end_reason", "Pindah domisili", entity="assignments") == "Moved away"
    assert display_value("sex", "P", entity="children") == "Female"
    assert display_value("place", "rumah", entity="visits") == "Home"
    assert display_value("risk_factors", ["air_bersih", "x"], entity="children") == (
        "No access to clean water, x"
    )
    assert display_value("consent_relation", "Nenek", entity="children") == "Nenek"


# -- the child: consent relation, exit, history, aid -----------------------------------------
@dataclass(frozen=True)
class Fostered:
    id: UUID
    programme_id: UUID


@pytest.fixture
def exited(database) -> Fostered:
    """Rina, consent given by her mother ("Ibu"), fostered by Budi in a programme."""
    wilayah = make_wilayah(database)
    child = make_child(database, wilayah)
    budi = make_guardian(database, make_opd(database), "Budi Santoso", 1)
    today = clock.today()
    programme_id = run(database, lambda s: create_programme(
        s, name="Genting", start_month=today - timedelta(days=62),
        end_month=date(today.year + 1, today.month, 1), monthly_aid=450_000,
    ).id)  # fmt: skip
    start = max(BIRTH, today - timedelta(days=60))
    run(database, lambda s: assign_guardian(
        s, child_id=child.id, guardian_id=budi.id, programme_id=programme_id, start_date=start
    ))  # fmt: skip
    return Fostered(child.id, programme_id)


def _detail(qtbot, runner, child_id):  # noqa: F811
    from desktop_app.ui.children.detail import ChildDetailPage

    page = ChildDetailPage(runner)
    qtbot.addWidget(page)
    page.show()
    page.show_child(child_id)
    return page


def _exit(database, child_id) -> None:
    run(database, lambda s: exit_child(s, child_id=child_id, exit_date=clock.today(),
                                       reason="pindah"))  # fmt: skip


def test_the_child_page_shows_the_consent_relation_and_history_in_english(
    qtbot,
    runner,  # noqa: F811
    database,
    exited,
    english,
):
    _exit(database, exited.id)
    page = _detail(qtbot, runner, exited.id)
    assert page.boxes["enrolment"].values["consent"].text().endswith("by Sari Dewi, Mother")
    assert "(Moved away)" in page.boxes["enrolment"].values["status"].text()
    history = page.history
    assert [history.item(0, c).text() for c in (5, 6)] == ["Ended", "Moved away"]


def test_the_child_page_shows_the_consent_relation_in_indonesian(
    qtbot,
    runner,  # noqa: F811
    database,
    exited,
):
    _exit(database, exited.id)
    page = _detail(qtbot, runner, exited.id)
    assert page.boxes["enrolment"].values["consent"].text().endswith("oleh Sari Dewi, Ibu")
    history = page.history
    assert [history.item(0, c).text() for c in (5, 6)] == ["Selesai", "Pindah domisili"]


def test_a_relation_typed_by_the_user_is_kept_and_shown_as_typed(english) -> None:
    assert code_for_label("children", "consent_relation", "Mother") == "Ibu"
    assert code_for_label("children", "consent_relation", "Nenek") == "Nenek"
    assert code_label("children", "consent_relation", "Nenek") == "Nenek"


def test_the_english_child_editor_offers_translated_relations_and_stores_the_code(
    qtbot,
    runner,  # noqa: F811
    database,
    exited,
    english,
):
    from desktop_app.ui.children.editor import ChildEditorDialog

    dialog = ChildEditorDialog(runner, child_id=exited.id)
    qtbot.addWidget(dialog)
    dialog.show()
    combo = dialog.consent_relation
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "",
        "Mother",
        "Father",
        "Legal guardian",
    ]
    assert combo.currentText() == "Mother"  # stored "Ibu"
    combo.setCurrentText("Father")
    assert dialog.form().consent_relation == "Ayah"
    dialog.reject()


def test_an_aid_plan_cancelled_by_an_exit_is_stored_in_indonesian_and_shown_translated(
    database, exited, english
) -> None:
    next_month = Month.of(clock.today()).last_day + timedelta(days=1)
    run(database, lambda s: plan_month_aid(s, month=next_month, programme_id=exited.programme_id))
    _exit(database, exited.id)
    with database.sessions() as session:
        [payment] = session.scalars(select(AidPayment)).all()
    assert (payment.status, payment.cancel_reason) == ("batal", EXIT_CANCEL_REASON)
    shown = code_label("aid_payments", "cancel_reason", payment.cancel_reason)
    assert shown == "Child left the programme"


def test_a_listed_end_reason_picked_in_english_is_stored_in_indonesian(
    qtbot,
    runner,  # noqa: F811
    database,
    exited,
    english,
):
    from PySide6.QtCore import Qt

    from desktop_app.ui.assignments.dialogs import EndAssignmentDialog

    [assignment] = run(database, lambda s: list(s.scalars(select(Assignment))))
    dialog = EndAssignmentDialog(runner, assignment_id=assignment.id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.reason.setCurrentText("Foster parent withdrew")
    with qtbot.waitSignal(dialog.saved):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    [stored] = run(database, lambda s: list(s.scalars(select(Assignment.end_reason))))
    assert stored == "Orang tua asuh mengundurkan diri"
    page = _detail(qtbot, runner, exited.id)
    assert page.history.item(0, 6).text() == "Foster parent withdrew"


# -- the visit form ---------------------------------------------------------------------------
def _visit_form(qtbot, runner, child_id):  # noqa: F811
    from desktop_app.ui.visits import VisitFormDialog

    dialog = VisitFormDialog(runner, child_id=child_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.wait(10)
    return dialog


def _assert_guardian_line_fits(dialog) -> None:
    from PySide6.QtWidgets import QScrollArea

    label = dialog.child_info
    assert label.text()
    assert label.height() >= label.heightForWidth(label.width())  # no line cut off below
    viewport = label.window().findChildren(QScrollArea)[-1].viewport()
    right_edge = label.mapTo(viewport, label.rect().topRight()).x()
    assert right_edge <= viewport.width()  # nor at the right


@pytest.mark.parametrize("language", ["en", "id"])
def test_the_guardian_line_of_the_visit_form_is_not_cut(
    qtbot,
    runner,  # noqa: F811
    database,
    exited,
    language,
):
    set_language(language)
    try:
        dialog = _visit_form(qtbot, runner, exited.id)
        _assert_guardian_line_fits(dialog)
        dialog.reject()
    finally:
        set_language("id")


# -- the command line -------------------------------------------------------------------------
def test_a_cli_message_speaks_the_current_language(tmp_path, capsys, english) -> None:
    from desktop_app.cli import main

    out = tmp_path / "anak.xlsx"
    assert main(["import", "template", "children", str(out)]) == 0
    assert capsys.readouterr().out.strip() == f"Template written to {out}"
