"""Pengaturan screens: master data (wilayah, OPD, programmes) and their small dialogs."""
