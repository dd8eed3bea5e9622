"""District setup screens: the first-run wizard and the fields it shares with Pengaturan > Umum."""
