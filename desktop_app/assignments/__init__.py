"""Penugasan: giving a child a foster parent, transfers and ends (``service``), the list and
picker queries, and the one-active-guardian integrity check that sync cannot keep.
"""
