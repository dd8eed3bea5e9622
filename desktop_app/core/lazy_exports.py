"""Package attributes that import their module on first use (PEP 562 ``__getattr__``).

Packages re-export names whose modules are costly to import: the CLI registers
``asuh import`` on every start (``desktop_app.importing`` must not pull in openpyxl), and the
login dialog, shown before anything else, needs only the inline-error style from
``desktop_app.ui.widgets`` (not Babel's number formats or the search picker).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any


def lazy_exports(
    package: str, module_of: dict[str, str], namespace: dict[str, Any]
) -> Callable[[str], Any]:
    """A module ``__getattr__`` resolving ``name`` from ``package.module_of[name]``; the value is
    then cached in ``namespace`` (the package's ``globals()``) so the hook runs once per name."""

    def __getattr__(name: str) -> Any:
        module = module_of.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{module}"), name)
        namespace[name] = value
        return value

    return __getattr__
