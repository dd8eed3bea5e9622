"""Two laptops assign the same child offline and exchange sync files (SQLite to SQLite).

Each assignment passes the service's one-active-guardian check on its own laptop; after the
exchange both laptops hold both rows. The child must be found, planned once (the same
assignment on both laptops) and named in the sync summary.
"""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path

from sqlalchemy import select

from desktop_app.aid.service import plan_month_aid
from desktop_app.assignments.integrity import find_children_with_several_guardians
from desktop_app.assignments.service import assign_guardian
from desktop_app.core.database import Database
from desktop_app.db.models import AidPayment
from desktop_app.guardians.service import GuardianForm, register_guardian
from desktop_app.settings.opd import create_opd
from desktop_app.settings.programmes import create_programme
from desktop_app.sync.service import SyncSummary
from desktop_app.validation import make_nip
from tests.sync.conftest import add_area, add_child
from tests.sync.enrolment import device_id_of
from tests.sync.test_files import export, import_

MARCH = date(2025, 3, 1)


def register(database: Database) -> dict[str, uuid.UUID]:
    """The office's data that both laptops share before going offline."""
    area = add_area(database)
    ids = {"child": add_child(database, name="Siti Aminah", area=area)}
    with database.sessions() as session:
        for code, opd_name, guardian, sequence in (
            ("DINKES", "Dinas Kesehatan", "Budi Santoso", 1),
            ("DISDIK", "Dinas Pendidikan", "Sri Wahyuni", 2),
        ):
            opd = create_opd(session, code=code, name=opd_name)
            nip = make_nip(
                birth_date=date(1985, 3, 12), appointment_month=date(2010, 1, 1), sex="L",
                sequence=sequence,
            )  # fmt: skip
            form = GuardianForm(kind="asn", name=guardian, nip=nip, opd_id=opd.id)
            ids[guardian] = register_guardian(session, form=form).id
        ids["programme"] = create_programme(
            session,
            name="Genting 2025",
            start_month=date(2025, 1, 1),
            end_month=date(2025, 12, 1),
            monthly_aid=450_000,
        ).id
        session.commit()
    return ids


def assign(database: Database, ids: dict[str, uuid.UUID], guardian: str, start: date) -> uuid.UUID:
    with database.sessions() as session:
        record = assign_guardian(
            session,
            child_id=ids["child"],
            guardian_id=ids[guardian],
            programme_id=ids["programme"],
            start_date=start,
        )
        session.commit()
        return record.id


def plan_march(database: Database, programme_id: uuid.UUID):
    with database.sessions() as session:
        summary = plan_month_aid(
            session, month=MARCH, programme_id=programme_id, today=date(2025, 3, 15)
        )
        session.commit()
    return summary


def test_two_laptops_assigning_one_child_offline(make_laptop, tmp_path: Path):
    office, field = make_laptop("kantor"), make_laptop("lapangan")
    ids = register(office)
    import_(field, export(office, tmp_path / "awal.asuhsync").path)

    # Offline: each laptop finds Siti without a guardian and assigns her.
    budi = assign(office, ids, "Budi Santoso", date(2025, 2, 3))
    sri = assign(field, ids, "Sri Wahyuni", date(2025, 2, 10))
    import_(office, export(field, tmp_path / "lapangan.asuhsync").path)
    summary = import_(field, export(office, tmp_path / "kantor.asuhsync").path)
    assert summary.message().endswith(
        ", 1 anak memiliki lebih dari satu orang tua asuh aktif (lihat Tindak lanjut)"
    )

    for laptop in (office, field):
        with laptop.sessions() as session:
            (found,) = find_children_with_several_guardians(session)
        assert found.child_name == "Siti Aminah"
        assert [(a.id, a.guardian_name, a.institution) for a in found.assignments] == [
            (budi, "Budi Santoso", "Dinas Kesehatan"),
            (sri, "Sri Wahyuni", "Dinas Pendidikan"),
        ]
        assert found.assignments[1].device_id == device_id_of("lapangan")

    first = plan_march(office, ids["programme"])
    assert (first.created, first.amount_created, first.several_guardians) == (1, 450_000, 1)
    assert first.message() == (
        "Rencana bantuan Maret 2025: 1 dibuat (Rp450.000), 0 sudah ada. 1 anak memiliki lebih "
        "dari satu orang tua asuh aktif; bantuannya direncanakan sekali saja. Akhiri penugasan "
        "yang tidak berlaku (lihat Tindak lanjut)."
    )
    again = plan_march(office, ids["programme"])
    assert (again.created, again.already_planned) == (0, 1)
    with office.sessions() as session:
        payments = session.execute(select(AidPayment.assignment_id, AidPayment.month)).all()
    assert payments == [(budi, MARCH)]


def test_sync_summary_names_the_children_with_several_guardians():
    summary = SyncSummary(pushed=1200, pulled=35, conflicts=0, duplicates=1, several_guardians=2)
    assert summary.message() == (
        "Dikirim 1.200 baris, diterima 35 baris, ditolak server 0, 0 konflik, "
        "1 kemungkinan anak ganda, "
        "2 anak memiliki lebih dari satu orang tua asuh aktif (lihat Tindak lanjut)"
    )
    quiet = SyncSummary(pushed=0, pulled=0, conflicts=0, duplicates=0, several_guardians=0)
    assert quiet.message() == "Dikirim 0 baris, diterima 0 baris, ditolak server 0, 0 konflik"


def test_an_exit_ends_every_active_assignment_of_a_doubled_child(make_laptop, tmp_path: Path):
    from desktop_app.children.service import exit_child
    from desktop_app.db.models import Assignment

    office, field = make_laptop("kantor"), make_laptop("lapangan")
    ids = register(office)
    import_(field, export(office, tmp_path / "awal.asuhsync").path)
    assign(office, ids, "Budi Santoso", date(2025, 2, 3))
    assign(field, ids, "Sri Wahyuni", date(2025, 2, 10))
    import_(office, export(field, tmp_path / "lapangan.asuhsync").path)
    with office.sessions() as session:
        exit_child(session, child_id=ids["child"], exit_date=date(2025, 4, 30), reason="pindah",
                   today=date(2025, 5, 2))  # fmt: skip
        session.commit()
        ended = session.execute(select(Assignment.status, Assignment.end_date)).all()
    assert sorted(ended) == [("selesai", date(2025, 4, 30))] * 2


def test_the_visit_picker_lists_a_doubled_child_once_with_the_counted_guardian(
    make_laptop, tmp_path: Path
):
    from desktop_app.visits.queries import visit_child, visit_children

    office, field = make_laptop("kantor"), make_laptop("lapangan")
    ids = register(office)
    import_(field, export(office, tmp_path / "awal.asuhsync").path)
    assign(field, ids, "Sri Wahyuni", date(2025, 2, 10))
    assign(office, ids, "Budi Santoso", date(2025, 2, 3))  # earlier start: counts
    import_(office, export(field, tmp_path / "lapangan.asuhsync").path)
    with office.sessions() as session:
        listed = visit_children(session)
        one = visit_child(session, child_id=ids["child"])
    assert [(c.name, c.guardian_name) for c in listed] == [("Siti Aminah", "Budi Santoso")]
    assert one.guardian_id == ids["Budi Santoso"]


def _doubled(make_laptop, tmp_path: Path):
    office, field = make_laptop("kantor"), make_laptop("lapangan")
    ids = register(office)
    import_(field, export(office, tmp_path / "awal.asuhsync").path)
    assign(office, ids, "Budi Santoso", date(2025, 2, 3))
    assign(field, ids, "Sri Wahyuni", date(2025, 2, 10))
    import_(office, export(field, tmp_path / "lapangan.asuhsync").path)
    return office, ids


def _assignments(laptop: Database) -> list[tuple[str, str, date | None]]:
    from desktop_app.db.models import Assignment, Guardian

    with laptop.sessions() as session:
        query = select(Guardian.name, Assignment.status, Assignment.end_date).join(
            Guardian, Guardian.id == Assignment.guardian_id
        )
        return sorted(tuple(row) for row in session.execute(query))


def test_transferring_a_doubled_child_ends_both_and_clears_the_double(make_laptop, tmp_path):
    from desktop_app.assignments.service import transfer_assignment

    office, ids = _doubled(make_laptop, tmp_path)
    with office.sessions() as session:
        nip = make_nip(birth_date=date(1990, 1, 5), appointment_month=date(2015, 3, 1), sex="P",
                       sequence=3)  # fmt: skip
        opd = create_opd(session, code="DINSOS", name="Dinas Sosial")
        form = GuardianForm(kind="asn", name="Rina Marlina", nip=nip, opd_id=opd.id)
        rina = register_guardian(session, form=form).id
        transfer_assignment(session, child_id=ids["child"], new_guardian_id=rina,
                            on=date(2025, 3, 1), reason="Ganda dari sinkronisasi")  # fmt: skip
        session.commit()
        assert find_children_with_several_guardians(session) == []
    assert _assignments(office) == [
        ("Budi Santoso", "dialihkan", date(2025, 3, 1)),
        ("Rina Marlina", "aktif", None),
        ("Sri Wahyuni", "dialihkan", date(2025, 3, 1)),
    ]


def test_transferring_a_doubled_child_to_one_of_its_guardians_keeps_that_one(make_laptop, tmp_path):
    from desktop_app.assignments.service import transfer_assignment

    office, ids = _doubled(make_laptop, tmp_path)
    with office.sessions() as session:
        kept = transfer_assignment(session, child_id=ids["child"],
                                   new_guardian_id=ids["Sri Wahyuni"], on=date(2025, 3, 1),
                                   reason="Ganda dari sinkronisasi")  # fmt: skip
        session.commit()
    assert kept.guardian_name == "Sri Wahyuni" and kept.status == "aktif"
    assert _assignments(office) == [
        ("Budi Santoso", "dialihkan", date(2025, 3, 1)),
        ("Sri Wahyuni", "aktif", None),
    ]
