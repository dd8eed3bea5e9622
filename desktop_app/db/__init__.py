"""Persistence: typed SQLAlchemy models, engine and sessions, migrations and backups.

The lowest layer: nothing here imports the core, the features or the UI.
"""
