"""Persistence: typed SQLAlchemy models, engine and sessions, migrations and backups.

Nothing here imports the domain or the UI; the domain imports from here.
"""
