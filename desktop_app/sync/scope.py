"""Choosing which children a laptop serves (its sync scope), from the whole district down to
one posyandu.

Changing the scope resets the pull cursors of the child-linked tables, so a widened scope brings
the children (and their history) it now covers at the next sync; rows already here and unchanged
are skipped. A narrowed scope keeps the rows already on the laptop: removing them would look like
deletions to nobody, and an operator may still need them; they simply stop receiving updates.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.core.changes import Changes, writes
from desktop_app.core.errors import FieldError, ValidationError
from desktop_app.core.i18n import _
from desktop_app.db.models import Desa, Kecamatan, Posyandu, SyncConflict
from desktop_app.settings.store import get_settings, update_settings
from desktop_app.sync.change_log import set_state
from desktop_app.sync.server import cursor_key
from desktop_app.sync.tables import SYNC_TABLES, SyncScope


def scope_ids(values: object) -> list[uuid.UUID]:
    """The area ids a stored scope list names, in its order; what is not an id is skipped (a
    scope comes from a device record or a request, so it is read, not trusted)."""
    if not isinstance(values, list):
        return []
    ids = []
    for value in values:
        try:
            ids.append(uuid.UUID(str(value)))
        except ValueError:
            continue
    return ids


@dataclass(frozen=True)
class ScopeChoice:
    label: str
    scope: SyncScope


def current_sync_scope(session: Session) -> SyncScope:
    settings = get_settings(session)
    return SyncScope.from_settings(
        settings.sync_scope_kecamatan_id, settings.sync_scope_posyandu_id
    )


def list_scope_choices(session: Session) -> list[ScopeChoice]:
    """ "Seluruh kabupaten", then every kecamatan, then every posyandu with its desa."""
    choices = [ScopeChoice(_("Seluruh kabupaten"), SyncScope())]
    active = Kecamatan.deleted_at.is_(None)
    for area in session.scalars(select(Kecamatan).where(active).order_by(Kecamatan.name)):
        choices.append(
            ScopeChoice(_("Kecamatan {name}").format(name=area.name), SyncScope(area.id))
        )
    query = (
        select(Posyandu.id, Posyandu.name, Desa.name, Kecamatan.name)
        .join(Desa, Posyandu.desa_id == Desa.id)
        .join(Kecamatan, Desa.kecamatan_id == Kecamatan.id)
        .where(Posyandu.deleted_at.is_(None))
        .order_by(Kecamatan.name, Desa.name, Posyandu.name)
    )
    for posyandu_id, name, desa, kecamatan in session.execute(query):
        label = _("Posyandu {name} ({desa}, {kecamatan})").format(
            name=name, desa=desa, kecamatan=kecamatan
        )
        choices.append(ScopeChoice(label, SyncScope(posyandu_id=posyandu_id)))
    return choices


@writes(Changes.SETTINGS)
def set_sync_scope(
    session: Session,
    *,
    kecamatan_id: uuid.UUID | None = None,
    posyandu_id: uuid.UUID | None = None,
) -> SyncScope:
    """Limit this laptop to a kecamatan or a posyandu (neither: the whole district).

    Caller commits."""
    if kecamatan_id is not None and posyandu_id is not None:
        raise ValidationError(
            [FieldError("scope", _("Pilih kecamatan atau posyandu, tidak keduanya."))]
        )
    if kecamatan_id is not None and session.get(Kecamatan, kecamatan_id) is None:
        raise ValidationError([FieldError("scope", _("Kecamatan tidak ditemukan."))])
    if posyandu_id is not None and session.get(Posyandu, posyandu_id) is None:
        raise ValidationError([FieldError("scope", _("Posyandu tidak ditemukan."))])
    return store_sync_scope(session, SyncScope(kecamatan_id=kecamatan_id, posyandu_id=posyandu_id))


def store_sync_scope(session: Session, new: SyncScope) -> SyncScope:
    """Keep ``new`` as this laptop's scope, resetting the child-linked pull cursors when it
    changed. No check that the areas exist here: enrolment stores the scope the server gave
    before the laptop has pulled its kecamatan and posyandu. Caller commits."""
    if new == current_sync_scope(session):
        return new
    update_settings(
        session,
        sync_scope_kecamatan_id=str(new.kecamatan_id) if new.kecamatan_id else "",
        sync_scope_posyandu_id=str(new.posyandu_id) if new.posyandu_id else "",
    )
    conn = session.connection()
    scoped = [t.name for t in SYNC_TABLES if t.child_column] + [SyncConflict.__tablename__]
    for table_name in scoped:
        set_state(conn, cursor_key(table_name), "0")
    return new
