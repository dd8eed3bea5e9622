"""Riwayat perubahan: the audit trail, read, filtered and put into words."""
