"""Beranda: this month's figures, coverage and the OPD summary."""
