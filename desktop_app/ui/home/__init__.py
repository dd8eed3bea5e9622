"""Beranda: the programme at a glance (coverage, key figures, who still needs a guardian)."""
