"""Asuh: offline-first desktop app for foster-parent programmes against stunting.

The package root holds the UI-free domain (services, validation, growth assessment, reports
data); ``desktop_app.db`` holds persistence and ``desktop_app.ui`` all Qt code.
"""

__version__ = "0.1.0"
APP_NAME = "Asuh"
