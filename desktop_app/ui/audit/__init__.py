"""Pengaturan > Riwayat perubahan: the read-only audit trail (Admin only)."""
