"""Benchmark files are encrypted like the app's (SQLCipher), under a fixed benchmark-only data
key instead of a login: the figures include the encryption, not Argon2 per script. Never used
by the app; importing this module is what the bench scripts do to open their files."""

from desktop_app.db import cipher

BENCH_DATA_KEY = bytes(range(32, 64))
cipher.set_fallback_key(BENCH_DATA_KEY)
