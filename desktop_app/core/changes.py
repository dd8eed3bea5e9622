"""What an operation changed, so screens can mark themselves stale (STYLE.md rule 6).

An operation declares its ``Changes``; the UI's runner broadcasts them and each view refreshes
only if it shows one of those kinds of data. Adding a screen adds no coupling.
"""

from __future__ import annotations

from enum import Flag, auto


class Changes(Flag):
    NONE = 0
    CHILDREN = auto()
    GUARDIANS = auto()
    OPD = auto()
    WILAYAH = auto()
    ASSIGNMENTS = auto()
    PROGRAMMES = auto()
    VISITS = auto()
    AID = auto()
    SETTINGS = auto()
    USERS = auto()
    ALL = (
        CHILDREN
        | GUARDIANS
        | OPD
        | WILAYAH
        | ASSIGNMENTS
        | PROGRAMMES
        | VISITS
        | AID
        | SETTINGS
        | USERS
    )
