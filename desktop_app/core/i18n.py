"""One translation mechanism for every layer: GNU gettext.

Source strings are written in Bahasa Indonesia, the app's first language; an English catalog
(``resources/locale/en/LC_MESSAGES/asuh.mo``, managed with Babel by
``scripts/update_catalogs.py``) translates them. Domain messages, PDF labels and widgets all call
``_()`` from here; Qt's ``tr()`` cannot reach the domain, and one mechanism means one catalog to
keep complete.

Translate when the text is *shown*, never at import: a module-level constant built with ``_()``
would freeze the language the app started in. Constants mark their labels with :func:`N_` (a
no-op the extractor knows) and the code that displays them calls ``_()`` on the label, or
:func:`translated_items` for a whole ``{code: label}`` mapping. One Indonesian word that needs two
English ones ("Batal": *Cancel* on a button, *Cancelled* as an aid status) is told apart by a
gettext context: :func:`pgettext` where it is shown, :func:`NC_` where a constant marks it.

The language is process-wide state, switched from the GUI thread at start-up (and in tests);
``_()`` itself only reads it, so worker threads may call it freely.
"""

from __future__ import annotations

import gettext as _gettext
from collections.abc import Mapping
from typing import TypeVar

from desktop_app.core.paths import resource_path

DOMAIN = "asuh"
DEFAULT_LANGUAGE = "id"
SUPPORTED_LANGUAGES = ("id", "en")

_K = TypeVar("_K")

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


class _InContext(str):
    """An Indonesian source string that remembers its gettext context (made by :func:`NC_`)."""

    context: str


def _(message: str) -> str:
    """Translate ``message`` (an Indonesian source string) to the current language.

    The empty string stays empty (gettext would answer it with the catalog's header); a string
    marked with :func:`NC_` is looked up in its context.
    """
    if not message:
        return message
    if isinstance(message, _InContext):
        return _translation.pgettext(message.context, message)
    return _translation.gettext(message)


def pgettext(context: str, message: str) -> str:
    """Translate ``message`` as meant in ``context`` (e.g. ``"status bantuan"``)."""
    return _translation.pgettext(context, message)


def N_(message: str) -> str:
    """Mark ``message`` for extraction without translating it (translate it with ``_()`` later)."""
    return message


def NC_(context: str, message: str) -> str:
    """Like :func:`N_`, for a message whose translation depends on ``context``.

    The result equals ``message`` (Indonesian code sees a plain string); ``_()`` later
    translates it in its context.
    """
    marked = _InContext(message)
    marked.context = context
    return marked


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)


def translated_items(labels: Mapping[_K, str]) -> list[tuple[_K, str]]:
    """``(code, label)`` pairs of a mapping of :func:`N_`-marked labels, translated now."""
    return [(code, _(label)) for code, label in labels.items()]
