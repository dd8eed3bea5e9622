"""Hostile sync files: refused cleanly before anything large is built, in bounded memory.

Each file has a signed manifest with true hashes and counts and is encrypted, so only the size
limits can refuse it; each is read in a child process with a capped address space
(tests/memory_probe.py).
"""

from __future__ import annotations

import random
import zipfile

import pytest

from desktop_app.sync.file_limits import MAX_JSON_VALUES, json_values_at_most
from tests.hostile_files import encrypt_in_place, lie_about_size, repeated, write_sync_file
from tests.memory_probe import PEAK_LIMIT_MB, probe

READER = "tests.hostile_files:read_test_sync_file"


def refused_within_bound(path, *words: str) -> None:
    outcome = probe(READER, path)
    assert outcome.refused is not None, outcome
    assert outcome.peak_mb < PEAK_LIMIT_MB, outcome
    for word in words:
        assert word in outcome.refused, outcome.refused


def test_a_zip_bomb_member_is_refused_from_the_directory(tmp_path):
    bomb = repeated(b"0", 400 * 1024 * 1024, batch=4 * 1024 * 1024)
    path = write_sync_file(tmp_path / "bom.asuhsync", {"rows/children.json": bomb})
    assert path.stat().st_size < 1024 * 1024  # encrypted: the size on disk stays small
    refused_within_bound(path, "Berkas terlalu besar setelah dibuka", "rows/children.json")


def test_json_that_parses_into_millions_of_objects_is_refused_before_parsing(tmp_path):
    count = 6_000_000  # 18 MB of "{}," that json.loads turns into 400 MB of dicts
    payload = [b"[", *repeated(b"{},", count - 1), b"{}]"]
    path = write_sync_file(tmp_path / "objek.asuhsync", {"rows/children.json": payload}, count)
    refused_within_bound(path, "lebih dari 1.500.000 nilai")


def test_a_file_with_many_members_is_refused_before_its_directory_is_parsed(tmp_path):
    path = tmp_path / "bagian.asuhsync"
    with zipfile.ZipFile(path, "w") as archive:
        for number in range(20_000):
            archive.writestr(f"rows/{number}.json", b"[]")
    encrypt_in_place(path)
    refused_within_bound(path, "terlalu banyak bagian")


def test_a_member_header_understating_its_size_is_read_no_further(tmp_path):
    bomb = [b"[", *repeated(b"0,", 50 * 1024 * 1024), b"0]"]
    path = write_sync_file(
        tmp_path / "bohong.asuhsync", {"rows/children.json": bomb}, encrypt=False
    )
    lie_about_size(path, "rows/children.json", 100)
    encrypt_in_place(path)
    refused_within_bound(path, "Berkas sinkron tidak dapat dibaca")


def test_the_value_bound_is_an_upper_bound_of_what_json_builds():
    assert json_values_at_most(b'[{"a":1,"b":[2,3]},{}]') >= 8
    assert json_values_at_most(b"[]") == 2  # "[" and the +1: loose by one


@pytest.mark.parametrize("seed", range(4))
def test_generated_sync_files_are_read_or_refused_never_past_the_bound(tmp_path, seed):
    rng = random.Random(seed)
    for number in range(3):
        count = rng.choice([10, MAX_JSON_VALUES // 4, MAX_JSON_VALUES - 10, 3_000_000])
        item = rng.choice([b"{},", b"0,", b'"ab",', b"[],"])
        payload = [b"[", *repeated(item, count - 1), item[:-1] + b"]"]
        members = {"rows/children.json": payload}
        if rng.random() < 0.3:
            members["rows/visits.json"] = repeated(b" ", rng.choice([1, 200]) * 1024 * 1024)
        path = write_sync_file(tmp_path / f"acak{number}.asuhsync", members, count)
        outcome = probe(READER, path)
        assert not outcome.memory_error, outcome
        assert outcome.read or outcome.refused, outcome
        assert outcome.peak_mb < PEAK_LIMIT_MB, outcome
