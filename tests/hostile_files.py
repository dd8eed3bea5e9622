"""Small files that unpack into something huge, built byte by byte in a temp folder.

Spreadsheets are written as raw SpreadsheetML (no openpyxl), so a sheet with a cell in column
XFD on 20,000 rows stays a few hundred KB, as a hostile or broken generator would make it. Sync
files are ZIPs with a signed manifest whose hashes and counts match, encrypted, so only the
limits refuse them.
"""

from __future__ import annotations

import hashlib
import json
import struct
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from desktop_app.sync.files import FORMAT

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml"


def _content_types(shared: bool) -> bytes:
    strings = (
        f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_TYPE}.sharedStrings+xml"/>'
        if shared
        else ""
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{_TYPE}.sheet.main+xml"/>'
        f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_TYPE}.worksheet+xml"/>'
        f"{strings}</Types>"
    ).encode()


def _rels(targets: dict[str, tuple[str, str]]) -> bytes:
    items = "".join(
        f'<Relationship Id="{rid}" Type="{kind}" Target="{target}"/>'
        for rid, (kind, target) in targets.items()
    )
    head = '<?xml version="1.0" encoding="UTF-8"?>'
    return f'{head}<Relationships xmlns="{_PKG_REL}">{items}</Relationships>'.encode()


def cell(reference: str, text: str) -> str:
    return f'<c r="{reference}" t="inlineStr"><is><t>{text}</t></is></c>'


def row(number: int, cells: Iterable[str]) -> bytes:
    return f'<row r="{number}">{"".join(cells)}</row>'.encode()


def wide_rows(count: int, column: str = "XFD") -> Iterator[bytes]:
    """``count`` rows holding "x" in column A and 1 in ``column``."""
    for number in range(1, count + 1):
        yield row(number, [cell(f"A{number}", "x"), f'<c r="{column}{number}"><v>1</v></c>'])


def write_xlsx(
    path: Path,
    rows: Iterable[bytes],
    *,
    dimension: str | None = None,
    shared_strings: Iterable[bytes] | None = None,
    extra: dict[str, bytes] | None = None,
) -> Path:
    """An .xlsx whose first sheet holds ``rows`` (``<row>`` elements), streamed into the ZIP."""
    rels = {"rId1": (f"{_REL}/worksheet", "worksheets/sheet1.xml")}
    if shared_strings is not None:
        rels["rId2"] = (f"{_REL}/sharedStrings", "sharedStrings.xml")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _content_types(shared_strings is not None))
        archive.writestr(
            "_rels/.rels", _rels({"rId1": (f"{_REL}/officeDocument", "xl/workbook.xml")})
        )
        archive.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets>'
            '<sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        archive.writestr("xl/_rels/workbook.xml.rels", _rels(rels))
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(f'<worksheet xmlns="{_MAIN}">'.encode())
            if dimension:
                sheet.write(f'<dimension ref="{dimension}"/>'.encode())
            sheet.write(b"<sheetData>")
            for chunk in rows:
                sheet.write(chunk)
            sheet.write(b"</sheetData></worksheet>")
        if shared_strings is not None:
            with archive.open("xl/sharedStrings.xml", "w") as strings:
                strings.write(f'<sst xmlns="{_MAIN}">'.encode())
                for chunk in shared_strings:
                    strings.write(chunk)
                strings.write(b"</sst>")
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return path


def repeated(chunk: bytes, times: int, batch: int = 10_000) -> Iterator[bytes]:
    """``chunk`` ``times`` times, in batches (a zip bomb's content without holding it)."""
    for start in range(0, times, batch):
        yield chunk * min(batch, times - start)


def lie_about_size(path: Path, member: str, size: int) -> None:
    """Make the ZIP's local header and directory say ``member`` unpacks to ``size`` bytes."""
    data = bytearray(path.read_bytes())
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        name_length = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46 : at + 46 + name_length] == member.encode():
            struct.pack_into("<I", data, at + 24, size)
            local = struct.unpack_from("<I", data, at + 42)[0]
            struct.pack_into("<I", data, local + 22, size)
            path.write_bytes(bytes(data))
            return
        at = data.find(b"PK\x01\x02", at + 46)
    raise LookupError(member)


#: The sync files here are signed by this device and encrypted with this password: only the
#: size limits are left to refuse them (:func:`read_test_sync_file` knows both).
SYNC_PASSWORD = "kunci-uji-berkas-2026"
SYNC_DEVICE = "00000000-0000-4000-8000-00000000a5a5"


def _test_identity():  # imported late: the spreadsheet tests need none of this
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from desktop_app.sync.identity import LaptopIdentity

    key = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
    return LaptopIdentity("uji", "ab" * 32, SYNC_DEVICE, "Perangkat uji", {}, key)


def read_test_sync_file(path: Path):
    """``read_sync_file`` as a laptop that knows the test device and the password."""
    from desktop_app.server.signing import public_key_b64
    from desktop_app.sync.files import KnownDevice, read_sync_file

    key = public_key_b64(_test_identity().key)
    devices = {SYNC_DEVICE: KnownDevice(SYNC_DEVICE, "Perangkat uji", key, revoked=False)}
    return read_sync_file(path, password=SYNC_PASSWORD, devices=devices)


def write_sync_file(
    path: Path, members: dict[str, bytes | Iterable[bytes]], rows: int = 0, *, encrypt: bool = True
) -> Path:
    """A sync file whose signed manifest lists ``members`` with their true hashes (and ``rows``
    rows each), streamed so a bomb member is never held whole; encrypted unless ``encrypt`` is
    False (then :func:`encrypt_in_place` after changing the ZIP)."""
    from desktop_app.sync.file_signature import sign_manifest

    listing = {}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            digest = hashlib.sha256()
            with archive.open(name, "w") as member:
                for chunk in [content] if isinstance(content, bytes) else content:
                    digest.update(chunk)
                    member.write(chunk)
            listing[name] = {"sha256": digest.hexdigest(), "rows": rows}
        manifest = {"format": FORMAT, "device_id": SYNC_DEVICE, "created_at": "2026-01-01",
                    "from_seq": 0, "to_seq": 1, "files": listing}  # fmt: skip
        manifest_bytes = json.dumps(manifest).encode()
        archive.writestr("manifest.json", manifest_bytes)
        archive.writestr("signature.json", sign_manifest(_test_identity(), manifest_bytes))
    return encrypt_in_place(path) if encrypt else path


def encrypt_in_place(path: Path) -> Path:
    """``path`` encrypted with :data:`SYNC_PASSWORD`, as every sync file is."""
    from desktop_app.core.crypto_files import encrypt_file

    plain = path.with_suffix(".zip")
    path.replace(plain)
    encrypt_file(plain, path, password=SYNC_PASSWORD)
    plain.unlink()
    return path
