"""One translation mechanism for every layer: GNU gettext.

Source strings are written in Bahasa Indonesia, the app's first language; an English catalog
(``resources/locale/en/LC_MESSAGES/asuh.mo``, managed with Babel) translates them. Domain
messages, PDF labels and widgets all call ``_()`` from here; Qt's ``tr()`` cannot reach the
domain, and one mechanism means one catalog to keep complete.
"""

from __future__ import annotations

import gettext as _gettext

from desktop_app.paths import resource_path

DOMAIN = "asuh"
DEFAULT_LANGUAGE = "id"
SUPPORTED_LANGUAGES = ("id", "en")

_translation: _gettext.NullTranslations = _gettext.NullTranslations()
_language = DEFAULT_LANGUAGE


def set_language(language: str) -> None:
    """Switch every later ``_()`` call to ``language`` (``id`` needs no catalog)."""
    global _translation, _language
    if language not in SUPPORTED_LANGUAGES:
        raise ValueError(f"unsupported language {language!r}")
    _language = language
    _translation = _gettext.translation(
        DOMAIN, localedir=resource_path("locale"), languages=[language], fallback=True
    )


def current_language() -> str:
    return _language


def _(message: str) -> str:
    """Translate ``message`` (an Indonesian source string) to the current language."""
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)
