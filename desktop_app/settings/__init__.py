"""Pengaturan: the stored settings, district setup, programmes, KBM, wilayah and OPD."""
