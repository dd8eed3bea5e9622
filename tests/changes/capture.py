"""Which tables a piece of work really touched, read off the SQL the engine sends.

Listening on the engine (``before_cursor_execute``) rather than on the Session sees every
statement: ORM flushes, bulk ``update()``/``delete()``, Core inserts of the audit and sync hooks.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import Engine, event

from desktop_app.db.models import Base

TABLES = frozenset(Base.metadata.tables)
_WRITE = re.compile(r'^\s*(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)', re.I)
_READ = re.compile(r'\b(?:FROM|JOIN)\s+"?(\w+)', re.I)


@dataclass
class Touched:
    written: set[str] = field(default_factory=set)
    read: set[str] = field(default_factory=set)


@contextmanager
def touched_tables(engine: Engine) -> Iterator[Touched]:
    """Collect the app's tables written (INSERT/UPDATE/DELETE) and read (SELECT) meanwhile."""
    touched = Touched()

    def seen(_conn, _cursor, statement: str, *_args) -> None:
        written = _WRITE.match(statement)
        if written:
            touched.written.add(written.group(1))
        elif statement.lstrip().upper().startswith(("SELECT", "WITH")):
            touched.read.update(name for name in _READ.findall(statement) if name in TABLES)

    event.listen(engine, "before_cursor_execute", seen)
    try:
        yield touched
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    touched.written &= TABLES
