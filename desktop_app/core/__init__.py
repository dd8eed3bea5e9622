"""What every feature uses: errors, i18n, formatting, paths, progress, ``Changes``, ``Month``,
the clock, roles and the permission guard, opening the database. Imports only ``db``.
"""
