"""Writer processes for ``test_crash_safety``, forked from a pre-imported, warmed-up "zygote".

Run as ``python crash_writer.py DB_PATH WARM_UP_FILE``. The zygote imports the app's engine and
models, makes one committed transaction (so mappers are configured and the SQL is compiled and
cached), closes its connections, prints ``READY``, and then for each stdin line
``RUN <output file> <tag>`` forks a writer, prints its pid, waits for it (the test kills it) and
prints ``EXITED``. Forking skips the ~0.4 s import per kill, so 100 kills take seconds.

A writer loops: one transaction inserts a child and ``1 + n % 3`` visits through the app's real
engine and pragmas; only after ``commit()`` has returned does it append
``<child id hex> <visit count>`` to the output file with an unbuffered ``os.write`` (so what was
written survives the kill). No Qt, no Alembic.
"""

from __future__ import annotations

import os
import sys
import uuid
from datetime import date

from sqlalchemy.orm import Session, sessionmaker

from desktop_app.db.engine import make_engine, make_session_factory, sqlite_url
from desktop_app.db.models import Child, Visit


def commit_one(sessions: sessionmaker[Session], output: int, tag: str, n: int) -> None:
    visits = 1 + n % 3
    child_id = uuid.uuid4()
    with sessions() as session:
        session.add(
            Child(
                id=child_id,
                name=f"Anak {tag}-{n} v{visits}",
                sex="LP"[n % 2],
                birth_date=date(2024, 1 + n % 12, 1 + n % 28),
                enrolment_status="berisiko",
                enrolled_on=date(2025, 1, 1),
            )
        )
        session.flush()
        for k in range(visits):
            session.add(
                Visit(child_id=child_id, visit_date=date(2025, 1 + k, 5), weight_kg=8.5 + k)
            )
        session.commit()
    os.write(output, f"{child_id.hex} {visits}\n".encode())


def open_output(path: str) -> int:
    return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)


def zygote(db_path: str, warm_up_file: str) -> None:
    engine = make_engine(sqlite_url(db_path))
    sessions = make_session_factory(engine)
    warm_up = open_output(warm_up_file)
    commit_one(sessions, warm_up, "pemanasan", 0)
    os.close(warm_up)
    engine.dispose()  # the zygote holds no connection while writers run and die
    print("READY", flush=True)
    for line in sys.stdin:
        command, output_path, tag = line.split()
        assert command == "RUN"
        pid = os.fork()
        if pid == 0:
            try:
                engine.dispose(close=False)  # SQLAlchemy's fork recipe: fresh pool in the child
                output = open_output(output_path)
                n = 0
                while True:
                    commit_one(sessions, output, tag, n)
                    n += 1
            finally:
                os._exit(1)
        print(pid, flush=True)
        os.waitpid(pid, 0)
        print("EXITED", flush=True)


if __name__ == "__main__":
    zygote(sys.argv[1], sys.argv[2])
