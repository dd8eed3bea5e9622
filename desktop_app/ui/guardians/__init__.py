"""Screens of the guardians section."""
