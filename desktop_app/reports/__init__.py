"""Printable reports (ReportLab PDF, openpyxl Excel); no Qt.

Each report has a data builder that queries the database and returns frozen dataclasses
(``*_data.py``) and a renderer that only draws them (``monthly.py``, ``child_card.py``,
``guardian_activity.py``, ``payments.py``, ``xlsx.py``), on the shared base in ``base.py``.
:func:`desktop_app.reports.service.build_report` ties them together for the GUI and the CLI.
"""
