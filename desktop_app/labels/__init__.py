"""Stored codes as people read them, and the choices of the list filters."""
