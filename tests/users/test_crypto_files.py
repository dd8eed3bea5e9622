"""Encrypted files: round trip, wrong password, flipped byte, cut file; failures write nothing."""

from __future__ import annotations

import os

import pytest

from desktop_app.core import crypto_files
from desktop_app.core.crypto_files import (
    DecryptionError,
    decrypt_bytes,
    decrypt_file,
    encrypt_bytes,
    encrypt_file,
    is_encrypted_file,
)
from desktop_app.core.errors import ValidationError

PASSWORD = "sandi-ekspor-1"


@pytest.fixture(autouse=True)
def small_chunks(monkeypatch):
    monkeypatch.setattr(crypto_files, "_CHUNK_LOG2", 10)  # 1 KiB: many chunks from little data


@pytest.mark.parametrize("size", [0, 1, 1023, 1024, 1025, 5 * 1024, 5000])
def test_round_trip_of_every_size_around_chunk_edges(size):
    data = os.urandom(size)
    sealed = encrypt_bytes(data, password=PASSWORD)
    assert sealed.startswith(b"ASUHENC\x01")
    assert size < 16 or data not in sealed
    assert decrypt_bytes(sealed, password=PASSWORD) == data


def test_wrong_password_is_refused():
    sealed = encrypt_bytes(b'{"nik": "3271012345670001"}', password=PASSWORD)
    with pytest.raises(DecryptionError, match="^Kata sandi salah atau berkas rusak$"):
        decrypt_bytes(sealed, password="sandi-lain-1")


@pytest.mark.parametrize("position", [0, 8, 20, 40, 1100, -1])
def test_any_flipped_byte_is_detected(position):
    sealed = bytearray(encrypt_bytes(os.urandom(3000), password=PASSWORD))
    sealed[position] ^= 0x01
    with pytest.raises(DecryptionError):
        decrypt_bytes(bytes(sealed), password=PASSWORD)


def test_a_file_cut_at_a_chunk_boundary_or_with_chunks_swapped_is_detected():
    sealed = encrypt_bytes(os.urandom(3000), password=PASSWORD)
    header, block = 35, 1024 + 16
    with pytest.raises(DecryptionError):
        decrypt_bytes(sealed[: header + 2 * block], password=PASSWORD)
    swapped = sealed[:header] + sealed[header + block : header + 2 * block]
    swapped += sealed[header : header + block] + sealed[header + 2 * block :]
    with pytest.raises(DecryptionError):
        decrypt_bytes(swapped, password=PASSWORD)


def test_short_passwords_are_refused_for_encryption():
    with pytest.raises(ValidationError, match="paling sedikit 10"):
        encrypt_bytes(b"x", password="pendek")


def test_files_round_trip_and_a_failure_writes_nothing(tmp_path):
    plain = tmp_path / "ekspor.xlsx"
    plain.write_bytes(os.urandom(4000))
    sealed = encrypt_file(plain, tmp_path / "ekspor.xlsx.asuhenc", password=PASSWORD)
    assert is_encrypted_file(sealed) and not is_encrypted_file(plain)
    out = decrypt_file(sealed, tmp_path / "kembali.xlsx", password=PASSWORD)
    assert out.read_bytes() == plain.read_bytes()

    existing = tmp_path / "lama.xlsx"
    existing.write_bytes(b"isi lama")
    damaged = tmp_path / "rusak.asuhenc"
    data = bytearray(sealed.read_bytes())
    data[-5] ^= 0xFF  # the last chunk: earlier chunks decrypt fine before the failure
    damaged.write_bytes(bytes(data))
    with pytest.raises(DecryptionError):
        decrypt_file(damaged, existing, password=PASSWORD)
    with pytest.raises(DecryptionError):
        decrypt_file(sealed, tmp_path / "baru.xlsx", password="bukan-sandinya")
    assert existing.read_bytes() == b"isi lama"
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == [
        "ekspor.xlsx", "ekspor.xlsx.asuhenc", "kembali.xlsx", "lama.xlsx", "rusak.asuhenc",
    ]  # fmt: skip


def test_a_plain_file_is_not_taken_for_an_encrypted_one():
    with pytest.raises(DecryptionError, match="bukan berkas terenkripsi"):
        decrypt_bytes(b"PK\x03\x04 an xlsx", password=PASSWORD)
