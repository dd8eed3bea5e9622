"""Searching by a full NIK / No. KK works inside the database, while the search text holds no
full number (UU 27/2022): keyed tokens, one key per database (core.identifier_search)."""

from __future__ import annotations

import uuid

from sqlalchemy import select, update

from desktop_app.assignments.pickers import children_without_guardian
from desktop_app.children.queries import ChildFilter, query_child_ids, query_child_search_base
from desktop_app.core.identifier_search import refresh_child_search_texts, search_key
from desktop_app.db.models import Child, Setting
from desktop_app.reports.choices import search_children_for_card
from desktop_app.sync.change_log import applying
from desktop_app.sync.rows import upsert_rows
from desktop_app.visits.queries import visit_children
from tests.domain.conftest import add_child

NIK, KK = "1902011503240001", "1902010101200001"


def test_no_search_text_holds_a_full_number_yet_every_search_finds_it(session):
    child = add_child(session, no_kk=KK)
    other = add_child(session, name="Siti Rahma", nik="", no_kk="1902010101200009")
    session.commit()
    texts = session.scalars(select(Child.search_text)).all()
    for number in (NIK, KK, "1902010101200009"):
        assert not any(number in text for text in texts), texts
    for number, expected in ((NIK, child.id), (KK, child.id), ("1902010101200009", other.id)):
        found = query_child_ids(session, child_filter=ChildFilter(search=number))
        assert [uuid.UUID(i) for i in found] == [expected]
        base = query_child_search_base(session)
        assert len(base.narrow(number).ids) == 1
        assert len(base.narrow(f"budi {number}").ids) == (1 if expected == child.id else 0)
        assert [c.id for c in visit_children(session, text=number)] == [expected]
        assert [c.id for c in children_without_guardian(session, text=number)] == [expected]
        assert [c.id for c in search_children_for_card(session, number)] == [expected]
    assert query_child_ids(session, child_filter=ChildFilter(search=NIK[:8])) == []


def test_each_database_has_its_own_key_and_synced_rows_get_local_tokens(session, database):
    child = add_child(session)
    session.commit()
    key = search_key(session)
    assert key is not None and len(key) == 32
    stored = session.get(Setting, "search_key").value
    assert isinstance(stored, str) and bytes.fromhex(stored) == key
    # a row from another laptop arrives with that laptop's tokens (here: the number itself)
    with database.engine.begin() as conn:
        row = dict(
            conn.execute(select(Child.__table__).where(Child.id == child.id)).mappings().one()
        )
        row["name"], row["search_text"] = "Budi Kiriman", f"budi kiriman {NIK}"
        with applying(conn):  # what sync.apply does with received rows
            upsert_rows(conn, Child.__table__, [row])
            refresh_child_search_texts(conn, [row["id"]])
    session.rollback()  # end the read transaction begun before the write (WAL snapshot)
    text = session.get(Child, child.id).search_text
    assert NIK not in text and text.startswith("budi kiriman")
    assert query_child_ids(session, child_filter=ChildFilter(search=f"kiriman {NIK}"))


def test_a_changed_key_means_old_tokens_no_longer_match(session):
    add_child(session)
    session.commit()
    session.execute(update(Setting).where(Setting.key == "search_key").values(value="00" * 32))
    assert query_child_ids(session, child_filter=ChildFilter(search=NIK)) == []
