"""Loaded by every Python subprocess a test starts (tests/conftest.py puts this folder first on
PYTHONPATH): the same fixed test data key and cheap Argon2 as the test process, so files the
tests made open in a child process too. Never on the path outside the test suite."""

try:
    from desktop_app.core import vault
    from desktop_app.db import cipher
except ImportError:  # a subprocess without the app on its path (a bare interpreter check)
    pass
else:
    cipher.set_fallback_key(bytes(range(32)))
    vault.kdf = vault.KdfParams(time_cost=1, memory_cost=8, parallelism=1)
