"""Render every PDF the app prints from a demo database, for a look at the pages.

Usage (from the repository root)::

    python scripts/render_all_reports.py --children 500 --lang id --out /tmp/reports-500-id
    python scripts/render_all_reports.py --children 5000 --lang en --out /tmp/reports-5000-en --png

Builds (once, cached in ``bench/out/`` like the benchmarks) a demo database with
``desktop_app.demo`` and writes, for the last complete month: the Laporan bulanan, the Laporan
kegiatan orang tua asuh, the Daftar penerimaan bantuan (paid rows, and every status), child
cards (the child with the longest name, the child visited by the guardian with the longest name,
a measured child under 24 months and one older, and a child measured in the position of the
other age, whose chart points carry the 0.7 cm adjustment) and the Tindak lanjut round sheet of
each follow-up list. ``--png`` also turns each PDF into
60 dpi PNG pages with ``pdftoppm`` (poppler-utils), when it is installed. No downloads.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))  # bench/_demo_db.py imports _bench_key beside it

from bench._demo_db import demo_database_path  # noqa: E402
from desktop_app.core import clock  # noqa: E402
from desktop_app.core.database import open_database  # noqa: E402
from desktop_app.core.i18n import _, set_language  # noqa: E402
from desktop_app.core.month import Month  # noqa: E402
from desktop_app.core.paths import sqlite_url  # noqa: E402

#: The follow-up lists of the Tindak lanjut page: (attribute, title, date column title).
FOLLOW_UP = (
    ("not_visited", "Belum dikunjungi bulan ini", "Kunjungan terakhir"),
    ("worsened", "Status memburuk", "Kunjungan terakhir"),
    ("bgm", "BGM", "Tanggal timbang"),
    ("two_t", "2T (dua kali tidak naik)", "Tanggal timbang"),
    ("guardian_overdue", "Orang tua asuh belum berkunjung", "Kunjungan terakhir OTA"),
    ("several_guardians", "Orang tua asuh ganda", "Ganda sejak"),
)


def _children_to_show(session) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """Child ids: the longest name, the longest guardian's name, a measured child under 24
    months, one of 24 or more, and one measured in the other age's position."""
    from sqlalchemy import func, select

    from desktop_app.db.models import Child, Guardian, Visit

    today = clock.today()
    longest = session.execute(
        select(Child.id).where(Child.deleted_at.is_(None))
        .order_by(func.length(Child.name).desc(), Child.name).limit(1)
    ).scalar_one()  # fmt: skip
    longest_guardian = session.execute(
        select(Visit.child_id).join(Guardian, Guardian.id == Visit.guardian_id)
        .where(Visit.deleted_at.is_(None))
        .order_by(func.length(Guardian.name).desc(), Guardian.name).limit(1)
    ).scalar()  # fmt: skip
    other_position = None
    for child_id, birth, on, measure in session.execute(
        select(Child.id, Child.birth_date, Visit.visit_date, Visit.measure)
        .join(Visit, Visit.child_id == Child.id)
        .where(Child.deleted_at.is_(None), Visit.measure.is_not(None))
        .order_by(Child.name)
    ):  # fmt: skip
        days = (on - birth).days
        if (measure == "h" and 270 < days < 731) or (measure == "l" and days >= 731):
            other_position = child_id
            break
    picked_extra = {} if longest_guardian is None else {"longest-guardian": longest_guardian}
    if other_position is not None:
        picked_extra["adjusted-position"] = other_position
    measured = (
        select(Child.id, Child.birth_date)
        .join(Visit, Visit.child_id == Child.id)
        .where(Child.deleted_at.is_(None), Visit.lenhei_cm.is_not(None), Visit.measure.is_not(None))
        .group_by(Child.id)
        .having(func.count(Visit.id) >= 6)
        .order_by(Child.name)
    )
    picked: dict[str, object] = {"longest-name": longest}
    for child_id, birth in session.execute(measured):
        months = (today - birth).days / 30.4375
        if months < 20 and "under-24m" not in picked:
            picked["under-24m"] = child_id
        elif 30 < months < 50 and "over-24m" not in picked:
            picked["over-24m"] = child_id
        if len(picked) == 3:
            break
    return picked | picked_extra


def render_all(children: int, language: str, out: Path, *, seed: int = 2026) -> list[Path]:
    """Write every PDF into ``out``; returns their paths."""
    from desktop_app.followup.lists import follow_up_lists
    from desktop_app.followup.round_sheet import build_round_sheet
    from desktop_app.followup.round_sheet_pdf import RoundSheetRenderer
    from desktop_app.reports.service import ReportKind, read_report, render_report

    set_language(language)
    out.mkdir(parents=True, exist_ok=True)
    database = open_database(sqlite_url(demo_database_path(children, seed)))
    month = Month.of(clock.today()).previous()
    written: list[Path] = []

    def save(name: str, content: bytes) -> None:
        path = out / f"{name}.pdf"
        path.write_bytes(content)
        written.append(path)
        print(path, flush=True)

    try:
        with database.sessions() as session:
            for kind in (ReportKind.MONTHLY, ReportKind.GUARDIANS, ReportKind.PAYMENTS):
                data = read_report(session, kind=kind, month=month)
                save(kind.value, render_report(data).content)
            data = read_report(session, kind=ReportKind.PAYMENTS, month=month, all_payments=True)
            save("payments-all", render_report(data).content)
            for label, child_id in _children_to_show(session).items():
                data = read_report(session, kind=ReportKind.CHILD, child_id=child_id)  # type: ignore[arg-type]
                save(f"child-{label}", render_report(data).content)
            lists = follow_up_lists(session)
            for name, title, date_title in FOLLOW_UP:
                rows = getattr(lists, name)
                if not rows:
                    continue
                sheet = build_round_sheet(
                    session, rows=rows, list_title=_(title), date_title=_(date_title),
                    month=lists.month, area_label=_("Semua wilayah"),
                )  # fmt: skip
                save(f"round-{name}", RoundSheetRenderer().render(sheet))
            session.rollback()  # nothing is recorded: a look, not an export
    finally:
        database.dispose()
    return written


def to_png(pdfs: list[Path], dpi: int = 60) -> None:
    """Each PDF as ``<name>-<page>.png`` beside it (needs ``pdftoppm``)."""
    if shutil.which("pdftoppm") is None:
        print("pdftoppm not found (poppler-utils): no PNGs", file=sys.stderr)
        return
    for pdf in pdfs:
        subprocess.run(
            ["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(pdf.with_suffix(""))], check=True
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--children", type=int, default=500)
    parser.add_argument("--lang", choices=("id", "en"), default="id")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--png", action="store_true", help="also PNG pages at 60 dpi")
    args = parser.parse_args(argv)
    pdfs = render_all(args.children, args.lang, args.out, seed=args.seed)
    if args.png:
        to_png(pdfs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
