"""Password-encrypted files for what leaves the laptop: exports, sync files, backups.

Format (version 1), all integers big-endian::

    header  = b"ASUHENC" | version (1) | log2 N (1) | r (1) | p (1) | log2 chunk (1)
              | salt (16) | nonce prefix (7)                                   -> 35 bytes
    chunks  = AES-256-GCM(chunk_i) with nonce = prefix | i (4) | last flag (1), AAD = header

The key comes from scrypt (N = 2**15, r = 8, p = 1: 32 MiB and ~0.1 s per guess) over the UTF-8
password and a random salt; the nonce prefix is random too, so no key/nonce pair ever repeats.

Files are **streamed in 1 MiB chunks**, each authenticated on its own (the STREAM construction
of Hoang, Reyhanitabar, Rogaway and Vizár): memory stays flat for a multi-gigabyte backup, and
chunk counter plus last-chunk flag in the nonce make reordered, dropped or truncated chunks
fail like a flipped byte. The last chunk always holds fewer than 1 MiB of plaintext (possibly
none), so a reader knows where the file should end.

A wrong password, a flipped byte or a cut file all raise :class:`DecryptionError` ("Kata sandi
salah atau berkas rusak"), and the ``*_file`` functions write to a temporary file renamed only
after the last chunk verified: a failed decryption leaves nothing behind. Pure Python over the
``cryptography`` package (OpenSSL); runs on any thread.
"""

from __future__ import annotations

import io
import os
import secrets
import struct
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from desktop_app.core.errors import DomainError, FieldError, ValidationError
from desktop_app.core.i18n import _
from desktop_app.core.passwords import password_problem

__all__ = [
    "DecryptionError",
    "decrypt_bytes",
    "decrypt_file",
    "encrypt_bytes",
    "encrypt_file",
    "is_encrypted_file",
    "write_atomically",
]

MAGIC = b"ASUHENC"
VERSION = 1
_HEADER = struct.Struct(">7sBBBBB16s7s")
_TAG = 16
_SCRYPT_LOG2_N, _SCRYPT_R, _SCRYPT_P = 15, 8, 1
_CHUNK_LOG2 = 20  # 1 MiB
# Limits on what a header may ask for, so a crafted file cannot demand gigabytes of memory.
_MAX_LOG2_N, _MAX_R, _MAX_P, _MAX_CHUNK_LOG2 = 18, 8, 4, 24


class DecryptionError(DomainError):
    """The file could not be decrypted; nothing was written."""


def _derive_key(password: str, salt: bytes, log2_n: int, r: int, p: int) -> bytes:
    return Scrypt(salt=salt, length=32, n=2**log2_n, r=r, p=p).derive(password.encode("utf-8"))


def _nonce(prefix: bytes, counter: int, last: bool) -> bytes:
    return prefix + struct.pack(">IB", counter, 1 if last else 0)


def _read_exact(stream: BinaryIO, size: int) -> bytes:
    parts, missing = [], size
    while missing:
        part = stream.read(missing)
        if not part:
            break
        parts.append(part)
        missing -= len(part)
    return b"".join(parts)


def encrypt_stream(source: BinaryIO, target: BinaryIO, *, password: str) -> None:
    """Encrypt everything readable from ``source`` into ``target`` (see the module format)."""
    problem = password_problem(password)
    if problem:
        raise ValidationError([FieldError("password", problem)])
    salt, prefix = secrets.token_bytes(16), secrets.token_bytes(7)
    header = _HEADER.pack(
        MAGIC, VERSION, _SCRYPT_LOG2_N, _SCRYPT_R, _SCRYPT_P, _CHUNK_LOG2, salt, prefix
    )
    aead = AESGCM(_derive_key(password, salt, _SCRYPT_LOG2_N, _SCRYPT_R, _SCRYPT_P))
    target.write(header)
    chunk_size, counter = 1 << _CHUNK_LOG2, 0
    while True:
        chunk = _read_exact(source, chunk_size)
        last = len(chunk) < chunk_size
        target.write(aead.encrypt(_nonce(prefix, counter, last), chunk, header))
        if last:
            return
        counter += 1


def decrypt_stream(source: BinaryIO, target: BinaryIO, *, password: str) -> None:
    """Decrypt ``source`` into ``target``; :class:`DecryptionError` on any mismatch.

    ``target`` may have received verified chunks before a later one failed: write to a
    temporary place (as :func:`decrypt_file` does) when that matters.
    """
    header = _read_exact(source, _HEADER.size)
    if len(header) < _HEADER.size or not header.startswith(MAGIC):
        raise DecryptionError(_("Berkas ini bukan berkas terenkripsi Asuh"))
    _magic, version, log2_n, r, p, chunk_log2, salt, prefix = _HEADER.unpack(header)
    if version != VERSION:
        raise DecryptionError(
            _("Berkas ini dienkripsi oleh versi Asuh yang lebih baru; perbarui Asuh")
        )
    if not (1 <= log2_n <= _MAX_LOG2_N and 1 <= r <= _MAX_R and 1 <= p <= _MAX_P) or not (
        10 <= chunk_log2 <= _MAX_CHUNK_LOG2
    ):
        raise DecryptionError(_("Kata sandi salah atau berkas rusak"))
    aead = AESGCM(_derive_key(password, salt, log2_n, r, p))
    block_size, counter = (1 << chunk_log2) + _TAG, 0
    while True:
        block = _read_exact(source, block_size)
        last = len(block) < block_size
        try:
            if len(block) < _TAG:
                raise InvalidTag  # cut off after a full chunk: the last chunk is missing
            target.write(aead.decrypt(_nonce(prefix, counter, last), block, header))
        except InvalidTag:
            raise DecryptionError(_("Kata sandi salah atau berkas rusak")) from None
        if last:
            return
        counter += 1


def encrypt_bytes(data: bytes, *, password: str) -> bytes:
    """``data`` encrypted in the file format (for small payloads held in memory)."""
    out = io.BytesIO()
    encrypt_stream(io.BytesIO(data), out, password=password)
    return out.getvalue()


def decrypt_bytes(blob: bytes, *, password: str) -> bytes:
    """The plaintext of :func:`encrypt_bytes` output; :class:`DecryptionError` otherwise."""
    out = io.BytesIO()
    decrypt_stream(io.BytesIO(blob), out, password=password)
    return out.getvalue()


def write_atomically(target: Path, fill: Callable[[BinaryIO], object]) -> Path:
    """Write ``target`` through a temporary file in its folder, renamed only when ``fill``
    returned: readers never see half a file, and a failure leaves ``target`` untouched."""
    target = Path(target)
    handle, temp_name = tempfile.mkstemp(prefix=".asuh-", suffix=".part", dir=target.parent)
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as stream:
            fill(stream)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return target


def encrypt_file(source: str | Path, target: str | Path, *, password: str) -> Path:
    """Encrypt the file ``source`` into ``target`` (created or replaced only on success)."""
    with open(source, "rb") as plain:
        return write_atomically(
            Path(target), lambda out: encrypt_stream(plain, out, password=password)
        )


def decrypt_file(source: str | Path, target: str | Path, *, password: str) -> Path:
    """Decrypt ``source`` into ``target``; on a wrong password or a damaged file
    :class:`DecryptionError` and ``target`` is neither created nor changed."""
    with open(source, "rb") as sealed:
        return write_atomically(
            Path(target), lambda out: decrypt_stream(sealed, out, password=password)
        )


def is_encrypted_file(path: str | Path) -> bool:
    """Whether ``path`` starts like an Asuh encrypted file (importers ask for a password)."""
    try:
        with open(path, "rb") as stream:
            return stream.read(len(MAGIC)) == MAGIC
    except OSError:
        return False
