"""Issue 21's crafted sync file, made on an enrolled laptop (so its signature is good): every
bad row is refused by the server's own checks on import, the good rows are applied, and nothing
the office holds is overwritten by it."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import func, select

from desktop_app.db.models import AuditEntry, Child, KbmThreshold
from tests.sync.conftest import add_area, add_child
from tests.sync.test_files import export, import_


def test_a_crafted_file_is_refused_row_by_row(make_laptop, tmp_path):
    field, office = make_laptop("lapangan"), make_laptop("kantor")
    area = add_area(field)
    victim = add_child(field, name="Siti", area=area)
    import_(office, export(field, tmp_path / "1.asuhsync").path)

    # Written behind the forms on the field laptop: what the attacker's file carried.
    with field.engine.begin() as conn:
        conn.execute(
            Child.__table__.update()
            .where(Child.id == victim)
            .values(sex="X", nik="1' OR '1'='1'; DROP", updated_at=datetime(9999, 12, 31))
        )
        conn.execute(
            KbmThreshold.__table__.insert().values(
                id=uuid.uuid4(), from_age_months=77, min_gain_g=999999,
                created_at=datetime(2026, 12, 1), updated_at=datetime(2026, 12, 1),
            )
        )  # fmt: skip
    good = add_child(field, name="Budi", area=area)
    with office.sessions() as session:
        audit_before = session.scalar(select(func.count()).select_from(AuditEntry))

    summary = import_(office, export(field, tmp_path / "2.asuhsync").path)

    assert len(summary.refused) == 2 and "Ditolak 2 baris" in summary.message()
    assert any("Siti" in reason and "NIK" in reason for reason in summary.refused)
    with office.sessions() as session:
        siti = session.get(Child, victim)
        assert (siti.sex, siti.nik) == ("P", None) and siti.updated_at.year < 9999
        assert session.get(Child, good) is not None  # the good row is applied
        assert session.scalar(select(func.count()).where(KbmThreshold.from_age_months == 77)) == 0
        # The field laptop's audit rows never arrive; the import is audited here instead.
        entries = session.scalars(select(AuditEntry).order_by(AuditEntry.seq)).all()
    new = entries[audit_before:]
    assert new and all(e.device_id == entries[-1].device_id for e in new)
    assert any(e.entity == "sync_file" for e in new)
