"""Password hashing (Argon2id, via argon2-cffi) and the password rules.

Argon2id is memory-hard: guessing a stolen laptop's passwords costs 64 MiB and a few tens of
milliseconds per guess (argon2-cffi's default, the RFC 9106 "low memory" profile). The hash
string carries its own salt and parameters, so stronger parameters later only need
:func:`needs_rehash` at the next login. A clear password is never stored, logged or put in an
error message; functions here take it and forget it.
"""

from __future__ import annotations

import re
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from desktop_app.core.i18n import _
from desktop_app.core.paths import resource_path

__all__ = [
    "MAX_PASSWORD_LENGTH",
    "MIN_PASSWORD_LENGTH",
    "hash_password",
    "is_common_password",
    "needs_rehash",
    "password_problem",
    "verify_password",
]

MIN_PASSWORD_LENGTH = 10
#: The shipped list of common passwords (top leaked ones and Indonesian words, places and
#: programme terms), one lower-case entry a line; ``#`` lines are comments.
COMMON_PASSWORDS_FILE = ("security", "common_passwords.txt")
#: Digits and punctuation people add around a common word ("Bismillah2026!" is "bismillah").
_DECORATION = re.compile(r"^[\W\d_]+|[\W\d_]+$")
#: An upper bound so a pasted novel cannot tie up the hasher; far above any real password.
MAX_PASSWORD_LENGTH = 256

#: The one hasher (thread-safe). Tests swap in a cheaper one; see tests/users/conftest.py.
_hasher = PasswordHasher()

#: A real hash of a random string, verified against when the username is unknown so that a
#: wrong username costs as long as a wrong password (no user enumeration by timing).
_dummy_hash: str | None = None


def password_problem(password: str, *, username: str = "") -> str | None:
    """Why ``password`` is not acceptable (an Indonesian message), or None if it is."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return _("Kata sandi paling sedikit {n} karakter").format(n=MIN_PASSWORD_LENGTH)
    if len(password) > MAX_PASSWORD_LENGTH:
        return _("Kata sandi paling banyak {n} karakter").format(n=MAX_PASSWORD_LENGTH)
    if not password.strip():
        return _("Kata sandi tidak boleh hanya berisi spasi")
    if username and password.strip().casefold() == username.strip().casefold():
        return _("Kata sandi tidak boleh sama dengan nama pengguna")
    if is_common_password(password):
        return _(
            "Kata sandi ini terlalu umum dan mudah ditebak; pilih kalimat yang hanya Anda ketahui"
        )
    if len(set(password)) < 4:
        return _("Kata sandi terlalu mudah ditebak: pakai lebih banyak karakter yang berbeda")
    return None


def is_common_password(password: str) -> bool:
    """Whether ``password`` is on the shipped list, also with digits or symbols around it
    (``Rahasia123!``) or a single word repeated (``sayangsayang``)."""
    common = _common_passwords()
    lowered = password.strip().casefold()
    base = _DECORATION.sub("", lowered)
    if lowered in common or (base and base in common):
        return True
    half = len(base) // 2
    return bool(half) and base[:half] * 2 == base and base[:half] in common


@cache
def _common_passwords() -> frozenset[str]:
    lines = resource_path(*COMMON_PASSWORDS_FILE).read_text(encoding="utf-8").splitlines()
    return frozenset(
        line.strip().casefold() for line in lines if line.strip() and not line.startswith("#")
    )


def hash_password(password: str) -> str:
    """The Argon2id hash string (salt and parameters included) to store."""
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """Whether ``password`` matches ``password_hash``; False for a missing or damaged hash.

    With no hash, a dummy is verified anyway so the answer takes the usual time.
    """
    global _dummy_hash
    if not password_hash:
        if _dummy_hash is None:
            _dummy_hash = _hasher.hash("asuh-dummy-password")
        password_hash = _dummy_hash
        password = password + "\0"  # never matches the dummy
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """Whether the hash was made with weaker parameters than today's (rehash at login)."""
    try:
        return _hasher.check_needs_rehash(password_hash)
    except InvalidHashError:
        return True
