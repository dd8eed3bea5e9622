"""The big lists' queries (no Qt): ids first, row data in batches.

A list screen asks ``query_*_ids`` for the ids of every matching row, already filtered and
sorted by SQL, as plain strings (SQLite's stored hex form), then ``load_*_rows`` for the few
batches the user actually scrolls to (STYLE.md rule 8). The Qt models live in ``desktop_app.ui``.
"""
