"""The English catalog is complete, consistent with the source and compiled.

The extraction runs here, on the current source, so a string wrapped in ``_()`` without an
English translation fails the suite with its text (fix: run ``scripts/update_catalogs.py``,
translate the new ``msgstr`` entries, run it again).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po

from tests.i18n.catalogs import update_catalogs

catalogs = update_catalogs()

# Words that are the same in English or are Indonesian institutional terms kept on purpose
# (DESIGN.md: NIK, NIP, No. KK, OPD, ASN, CSR, posyandu, puskesmas, kecamatan, desa, Rp ...).
SAME_IN_ENGLISH = {
    "server",
    "ASN", "CSR", "OPD", "NIK", "NIP", "No. KK", "Posyandu", "Puskesmas", "Kecamatan", "Desa",
    "Kelurahan", "Desa/Kelurahan", "Desa/kelurahan", "Desa/Kel.", "Desa/Kel.:", "kecamatan",
    "desa", "kelurahan", "posyandu", "desa/kelurahan", "Kecamatan {name}", "NIP {nip}",
    "KK {kk}", "Posyandu {name} ({desa}, {kecamatan})", "RT", "RW", "E-mail", "Email", "Admin",
    "Operator", "Transfer", "Normal", "normal", "Status", "Status:", "Manual", "Laptop", "Data",
    "Valid", "Stunting", "Vitamin", "N/T", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Sep",
    "Nov", "Status (Stunting/Berisiko)", "{name} {before} → {after}", "{district}, {date}",
    "&lt; -3 SD", "Excel (*.xlsx)", "{n} valid", "Jenis (ASN/CSR/Lainnya)", "Total",
    "{change} (KBM {kbm} g)", "E. SKDN per posyandu", "Desa/Kecamatan", "KBM", "Email {email}",
    "Server", "Kecamatan {names}", "Posyandu {names}",
}  # fmt: skip
_BRACES = re.compile(r"\{[^{}]*\}")
_PERCENT = re.compile(r"%(?:\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?[sdifr%]")


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    """The template extracted from today's source, written to and read back from a temp dir."""
    path = tmp_path_factory.mktemp("i18n") / "asuh.pot"
    path.write_bytes(catalogs.catalog_bytes(catalogs.extract_template()))
    with path.open("rb") as stream:
        return read_po(stream)


@pytest.fixture(scope="module")
def english_po() -> Catalog:
    return catalogs.read_catalog(catalogs.po_path("en"), "en")


def _key(message: Message) -> tuple[str | None, str]:
    msgid = message.id if isinstance(message.id, str) else message.id[0]
    return message.context, msgid


def _strings(message: Message) -> tuple[str, ...]:
    return message.string if isinstance(message.string, tuple) else (message.string,)


def _pairs(message: Message) -> list[tuple[str, str]]:
    """(Indonesian, English) pairs: a plural's first form answers the singular msgid, the others
    the plural msgid."""
    if not isinstance(message.id, tuple):
        return [(message.id, message.string)]
    singular, plural = message.id
    return [(singular if i == 0 else plural, form) for i, form in enumerate(message.string)]


def test_the_source_has_about_as_many_messages_as_we_expect(extracted: Catalog) -> None:
    # A sudden drop means the extraction broke (keywords, babel.cfg), not that strings left.
    assert len(extracted) > 1200


def test_every_extracted_message_has_an_english_translation(
    extracted: Catalog, english_po: Catalog
) -> None:
    translated = {
        _key(m): m
        for m in english_po
        if m.id and not m.fuzzy and all(s.strip() for s in _strings(m))
    }
    missing = [msgid for context, msgid in map(_key, extracted) if msgid and (context, msgid)
               not in translated]  # fmt: skip
    assert not missing, (
        f"{len(missing)} messages lack an English translation; run scripts/update_catalogs.py "
        f"and translate them in {catalogs.po_path('en')}:\n" + "\n".join(map(repr, missing))
    )


def test_the_catalog_keeps_no_obsolete_or_fuzzy_entries(
    extracted: Catalog, english_po: Catalog
) -> None:
    current = {_key(m) for m in extracted if m.id}
    stale = [msgid for context, msgid in map(_key, english_po) if msgid and (context, msgid)
             not in current]  # fmt: skip
    assert not stale, "run scripts/update_catalogs.py; gone from the source:\n" + "\n".join(stale)
    assert not english_po.obsolete
    assert not [m.id for m in english_po if m.id and m.fuzzy]


def test_placeholders_match_between_indonesian_and_english(english_po: Catalog) -> None:
    problems = []
    for message in english_po:
        if not message.id:
            continue
        for msgid, msgstr in _pairs(message):
            for pattern in (_BRACES, _PERCENT):
                if sorted(pattern.findall(msgid)) != sorted(pattern.findall(msgstr)):
                    problems.append(f"{msgid!r} -> {msgstr!r}")
    assert not problems, "placeholders differ:\n" + "\n".join(problems)


def test_html_tags_and_line_breaks_survive_translation(english_po: Catalog) -> None:
    tag = re.compile(r"</?[a-z]+[^>]*>")
    problems = [
        msgid
        for m in english_po
        if m.id
        for msgid, msgstr in _pairs(m)
        if sorted(tag.findall(msgid)) != sorted(tag.findall(msgstr))
        or msgid.count("\n") != msgstr.count("\n")
        or msgid.startswith(" ") != msgstr.startswith(" ")
    ]
    assert not problems, problems


def test_no_indonesian_is_copied_into_the_english_catalog(english_po: Catalog) -> None:
    copied = [m.id for m in english_po if m.id and m.string == m.id and m.id not in SAME_IN_ENGLISH]
    assert not copied, "msgstr equal to the Indonesian msgid:\n" + "\n".join(copied)


def test_the_compiled_catalog_is_up_to_date(english_po: Catalog) -> None:
    mo: Path = catalogs.mo_path("en")
    assert mo.read_bytes() == catalogs.compiled_bytes(english_po), (
        "asuh.mo is older than asuh.po: run scripts/update_catalogs.py"
    )


def test_the_update_script_keeps_a_current_catalog_as_it_is(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Run on a copy of the catalogs, the script keeps every translation and the same .mo files
    (source references may differ after code moved; they carry no meaning)."""
    copy = tmp_path / "locale"
    shutil.copytree(catalogs.LOCALE_DIR, copy)
    monkeypatch.setattr(catalogs, "LOCALE_DIR", copy)
    monkeypatch.setattr(catalogs, "POT_PATH", copy / "asuh.pot")
    monkeypatch.setattr(catalogs, "QT_TS_PATH", copy / "qt" / "qtbase_id.ts")

    def state() -> tuple[dict, bytes, bytes]:
        po = catalogs.read_catalog(copy / "en" / "LC_MESSAGES" / "asuh.po", "en")
        pairs = {_key(m): m.string for m in po if m.id}
        mo = (copy / "en" / "LC_MESSAGES" / "asuh.mo").read_bytes()
        return pairs, mo, (copy / "qt" / "qtbase_id.qm").read_bytes()

    before = state()
    assert catalogs.main([]) == 0
    assert state() == before
    assert catalogs.main(["--check"]) == 0
