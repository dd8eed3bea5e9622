"""Loaded by every Python subprocess a test starts (tests/conftest.py puts this folder first on
PYTHONPATH): the same fixed test data key and cheap Argon2 as the test process, so files the
tests made open in a child process too. Never on the path outside the test suite.

Lazy: nothing of the app is imported here (tests check what a bare import pulls in); the key
is set the moment ``desktop_app.db.cipher`` (and the cost when ``desktop_app.core.vault``) is
first imported by the child itself."""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import sys
from typing import Any

_AFTER_IMPORT = {
    "desktop_app.db.cipher": lambda module: module.set_fallback_key(bytes(range(32))),
    "desktop_app.core.vault": lambda module: setattr(
        module, "kdf", module.KdfParams(time_cost=1, memory_cost=8, parallelism=1)
    ),
    # accounts a child process creates (asuh demo, user add) hash cheaply too: the hundred-kill
    # tests sign in on every command
    "desktop_app.core.passwords": lambda module: setattr(
        module,
        "_hasher",
        __import__("argon2").PasswordHasher(time_cost=1, memory_cost=8, parallelism=1),
    ),
}


class _Configure(importlib.abc.MetaPathFinder):
    def find_spec(self, fullname: str, path: Any, target: Any = None) -> Any:
        if fullname not in _AFTER_IMPORT:
            return None
        spec = importlib.machinery.PathFinder.find_spec(fullname, path)
        if spec is None or spec.loader is None:
            return spec
        loader, configure = spec.loader, _AFTER_IMPORT[fullname]
        execute = loader.exec_module

        def exec_module(module: Any) -> None:
            execute(module)
            configure(module)

        loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec


sys.meta_path.insert(0, _Configure())
