"""Column descriptions for the list models: header, how to show a row, how SQL sorts it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt


@dataclass(frozen=True)
class Column:
    """One column: ``text(row)`` is what the cell shows; ``sort_key`` is the listing query's
    sort key (None: the header is not sortable); ``width`` is the initial width in pixels."""

    title: str
    text: Callable[[Any], str]
    sort_key: str | None = None
    width: int = 120
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft
    tooltip: Callable[[Any], str] | None = None
    stretch: bool = False

    @property
    def alignment(self) -> int:
        return int(self.align | Qt.AlignmentFlag.AlignVCenter)
