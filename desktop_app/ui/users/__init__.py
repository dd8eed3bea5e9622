"""Pengaturan > Pengguna: accounts and roles (Admin only)."""
