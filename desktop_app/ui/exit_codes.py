"""Process exit codes the window hands back to :func:`desktop_app.ui.app.run_gui`.

A module of its own so that a page deep in the window (Pengaturan > Cadangan, after a restore)
can ask for a restart without importing the application module that builds the window.
"""

#: ``QApplication.exit`` code asking run_gui to reopen (after a restore replaced the file).
RESTART_EXIT_CODE = 75
