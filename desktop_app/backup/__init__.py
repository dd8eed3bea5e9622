"""Keeping the data safe: backups and their rotation, restore, integrity checks and the
single-instance lock. Plain Python over ``sqlite3`` (no Qt), usable from the GUI and the CLI.

Modules: ``backup`` (make_backup, back_up_now), ``rotation``, ``policy`` (automatic backups),
``restore``, ``integrity``, ``lock`` (InstanceLock), ``lifecycle`` (start-up and exit steps),
``encryption`` (the optional backup password), ``commands`` (``asuh backup`` / ``asuh
restore``). Nothing is imported here on purpose: the CLI registers its sub-commands on every
start, and that must not pull in SQLAlchemy.
"""
