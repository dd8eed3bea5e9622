"""Password hashing (Argon2id, via argon2-cffi) and the password rules.

Argon2id is memory-hard: guessing a stolen laptop's passwords costs 64 MiB and a few tens of
milliseconds per guess (argon2-cffi's default, the RFC 9106 "low memory" profile). The hash
string carries its own salt and parameters, so stronger parameters later only need
:func:`needs_rehash` at the next login. A clear password is never stored, logged or put in an
error message; functions here take it and forget it.
"""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from desktop_app.core.i18n import _

__all__ = [
    "MAX_PASSWORD_LENGTH",
    "MIN_PASSWORD_LENGTH",
    "hash_password",
    "needs_rehash",
    "password_problem",
    "verify_password",
]

MIN_PASSWORD_LENGTH = 8
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
    return None


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
