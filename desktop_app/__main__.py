"""``python -m desktop_app`` (and the PyInstaller entry point): same as the ``asuh`` command."""

from desktop_app.cli import main

raise SystemExit(main())
