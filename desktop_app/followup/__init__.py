"""Tindak lanjut: the lists of children who need attention this month."""
