"""Named operations: every write the GUI makes, one module per feature (Anki's aqt/operations/).

A function here takes the user's input as keyword arguments and returns an
:class:`~desktop_app.ui.ops.Operation` (or a :class:`~desktop_app.ui.progress.LongOperation`)
that calls the feature's service and carries the ``Changes`` the service declares with
``@writes`` (STYLE.md rule 19). Screens run them with ``runner.run_op(op, ...)``,
``FormDialog.submit(op)`` or ``run_with_progress(runner, op, ...)`` and never write refresh flags
themselves. Reads stay ``runner.read(...)`` in the screens.
"""
