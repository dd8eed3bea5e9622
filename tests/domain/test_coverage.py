"""Coverage: children with an active guardian among children still in the programme."""

from __future__ import annotations

from datetime import date

from desktop_app.assignments.service import assign_guardian, end_assignment
from desktop_app.children.service import exit_child
from desktop_app.db.base import utcnow
from desktop_app.db.models import Child
from desktop_app.home.coverage import Coverage, coverage
from desktop_app.settings.store import update_settings
from tests.domain.conftest import TODAY, add_child, add_guardian


def test_belitung_figure_92_of_237(session, opd) -> None:
    """240 registered: 2 deleted (invisible) and 1 exited leave 237 in the programme; of the 93
    assigned, the exited child and one whose assignment ended are not covered: 91, then one more
    assignment makes Belitung's 92."""
    update_settings(session, max_children_per_guardian=100)
    guardian = add_guardian(session, opd.id)
    kids = [
        add_child(session, name=f"Anak {i}", mother_name=f"Ibu {i}", sequence=i)
        for i in range(1, 241)
    ]
    assigned = [
        assign_guardian(
            session, child_id=k.id, guardian_id=guardian.id, start_date=date(2026, 10, 1)
        )
        for k in kids[:93]
    ]
    end_assignment(session, assignment_id=assigned[0].id, on=TODAY, reason="Selesai")
    exit_child(session, child_id=kids[1].id, exit_date=TODAY, reason="pindah", today=TODAY)
    for kid in kids[200:202]:
        session.get(Child, kid.id).deleted_at = utcnow()
    assert coverage(session) == Coverage(children_total=237, children_with_guardian=91)

    assign_guardian(session, child_id=kids[0].id, guardian_id=guardian.id, start_date=TODAY)
    result = coverage(session)
    assert result == Coverage(children_total=237, children_with_guardian=92)
    assert round(result.percent, 4) == 38.8186
    assert result.children_without_guardian == 145
    assert result.sentence() == "92 dari 237 anak sudah memiliki orang tua asuh (38,8%)"


def test_empty_and_large_numbers() -> None:
    assert Coverage(0, 0).percent is None
    assert Coverage(0, 0).sentence() == "Belum ada anak yang terdaftar"
    assert Coverage(5000, 1234).sentence() == (
        "1.234 dari 5.000 anak sudah memiliki orang tua asuh (24,7%)"
    )
    assert Coverage(3, 3).sentence() == "3 dari 3 anak sudah memiliki orang tua asuh (100,0%)"
