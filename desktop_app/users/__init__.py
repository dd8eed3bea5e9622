"""Accounts, login and lockout (``accounts``) and the Admin recovery key (``recovery``).
Roles and the write guard live in :mod:`desktop_app.core.permissions`: every layer needs them.
"""
