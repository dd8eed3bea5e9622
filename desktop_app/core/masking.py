"""Identity numbers as screens, printouts and exports show them: ``3271**********01``.

One masking rule for NIK, No. KK and NIP, shared by every layer (the full value is read only
through :func:`desktop_app.children.privacy.reveal_identifier`, which is Admin-only and audited).
Province and regency digits and the last two are enough to tell two children apart, not enough
to use the number.
"""

from __future__ import annotations

_KEEP_START = 4
_KEEP_END = 2


def mask_nik(value: str | None) -> str:
    """``3271012345670001`` -> ``3271**********01``; also for No. KK and NIP.

    Empty or None gives ""; a value too short to keep both ends (6 characters or fewer) is
    masked entirely, since showing most of a short number would disclose it.
    """
    if not value:
        return ""
    text = str(value).strip()
    if len(text) <= _KEEP_START + _KEEP_END:
        return "*" * len(text)
    return text[:_KEEP_START] + "*" * (len(text) - _KEEP_START - _KEEP_END) + text[-_KEEP_END:]
