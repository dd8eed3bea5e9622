"""Kunjungan: record, correct and delete visits (``service``), the stored WHO assessment, the live
preview of a form, the visit records and the pickers and lists of the visit screens.
"""
