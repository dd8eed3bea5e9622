"""Screens of the children section."""
