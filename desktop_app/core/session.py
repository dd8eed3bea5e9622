"""The session types the UI may name, without importing SQLAlchemy itself.

Widgets never run SQL (STYLE.md rule 4); they only pass a session from the operation runner to a
domain service, and annotate such callables with these names. An import-linter contract forbids
``desktop_app.ui`` to import SQLAlchemy, so this module is the one door. Import it under
``if TYPE_CHECKING:``: the login dialog is shown before SQLAlchemy is loaded (start-up speed).
"""

from sqlalchemy.orm import Session, sessionmaker

__all__ = ["Session", "sessionmaker"]
