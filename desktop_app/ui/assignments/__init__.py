"""Screens of the assignments section."""
