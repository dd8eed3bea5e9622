"""Indonesian personal names for synthetic people, built the way Indonesians are named.

Most Indonesians have no family name: a child gets one to three given names ("Siti Aisyah",
"Muhammad Rizky Pratama", "Putri Ayu Lestari"), often a religious first name (Muhammad, Siti,
Nur) and a modern or Javanese/Malay second one. Parents' names follow the same pattern, a
generation older (more "Sri", "Budi", "Wahyuni"). Civil servants often carry academic titles
("dr.", "S.Kep.", "M.Si."), which appear in letters and lists, so guardians get them too.

All functions take the caller's ``random.Random`` so a seed reproduces every name.
"""

from __future__ import annotations

import random

__all__ = ["adult_name", "child_name", "with_title"]

_CHILD_FIRST = {
    "L": (
        "Muhammad", "Muhammad", "Muhammad", "Ahmad", "Rizky", "Fajar", "Arkan", "Raffi",
        "Aditya", "Bima", "Dimas", "Galang", "Hafiz", "Ilham", "Kenzo", "Rafa", "Alif",
        "Abdullah", "Arsyad", "Daffa", "Farel", "Gibran", "Naufal", "Zidan", "Rayyan",
        "Azka", "Dafa", "Fathan", "Keanu", "Attar", "Yusuf", "Umar", "Ali", "Bagas",
    ),
    "P": (
        "Siti", "Siti", "Nur", "Putri", "Aisyah", "Nabila", "Zahra", "Alya", "Salsabila",
        "Keisha", "Azzahra", "Khanza", "Nayla", "Aqila", "Kirana", "Anindya", "Queensha",
        "Syifa", "Naura", "Hana", "Dinda", "Cahaya", "Adelia", "Zaskia", "Shakila",
        "Almira", "Arumi", "Fatimah", "Humaira", "Rania", "Zhafira", "Bunga",
    ),
}  # fmt: skip
_CHILD_MIDDLE = {
    "L": (
        "Rizky", "Al", "Dzaky", "Putra", "Akbar", "Fadil", "Hafidz", "Rasya", "Arya", "Zaki",
        "Farhan", "Raditya", "Satria", "Rafif", "Haikal", "Ibrahim", "Malik", "Fauzan",
    ),
    "P": (
        "Aisyah", "Ayu", "Nur", "Azzahra", "Khairunnisa", "Maharani", "Aulia", "Salsa",
        "Anggraini", "Nadhira", "Zahwa", "Adiba", "Humaira", "Kamila", "Rahma", "Safira",
    ),
}  # fmt: skip
_CHILD_LAST = {
    "L": (
        "Pratama", "Saputra", "Ramadhan", "Permana", "Alfarizi", "Hidayat", "Wijaya",
        "Firmansyah", "Maulana", "Prasetyo", "Syahputra", "Kurniawan", "Nugroho", "Al Fatih",
        "Alfarizqi", "Setiawan", "Ardiansyah", "Hakim",
    ),
    "P": (
        "Lestari", "Putri", "Ramadhani", "Safitri", "Maharani", "Azzahra", "Anjani",
        "Wulandari", "Rahmawati", "Kusuma", "Fitriani", "Amelia", "Nuraini", "Pertiwi",
        "Oktaviani", "Febriani", "Khairunnisa",
    ),
}  # fmt: skip
_ADULT_FIRST = {
    "L": (
        "Budi", "Agus", "Andi", "Hendra", "Rudi", "Joko", "Bambang", "Dedi", "Eko", "Hadi",
        "Irwan", "Rahmat", "Suryadi", "Wahyu", "Yudi", "Fajar", "Dwi", "Heru", "Sugianto",
        "Rizal", "Taufik", "Ahmad", "Muhammad", "Ari", "Doni", "Fery", "Iwan", "Jefri",
        "Rusdi", "Sulaiman", "Zulkifli", "Arif", "Herman", "Ridwan", "Syahrial", "Yusuf",
    ),
    "P": (
        "Siti", "Sri", "Nur", "Dewi", "Rina", "Yuni", "Ani", "Endang", "Lina", "Maya",
        "Novi", "Ratna", "Sari", "Tuti", "Wati", "Yanti", "Dian", "Eka", "Fitri", "Indah",
        "Lia", "Mega", "Nia", "Putri", "Rika", "Sinta", "Ayu", "Desi", "Erna", "Herlina",
        "Juliana", "Kartika", "Lestari", "Marlina", "Nurul", "Rosmawati", "Susanti",
    ),
}  # fmt: skip
_ADULT_LAST = {
    "L": (
        "Santoso", "Saputra", "Hidayat", "Setiawan", "Gunawan", "Kurniawan", "Susanto",
        "Wijaya", "Pratama", "Nugroho", "Hermawan", "Firmansyah", "Syahputra", "Sutrisno",
        "Purnomo", "Irawan", "Hasan", "Effendi", "Rahman", "Harahap", "Sofyan", "Ismail",
    ),
    "P": (
        "Wahyuni", "Rahayu", "Lestari", "Handayani", "Susanti", "Purwanti", "Rahmawati",
        "Kurniasih", "Yulianti", "Safitri", "Wulandari", "Anggraini", "Fitriani", "Sulastri",
        "Hartati", "Mulyani", "Maryani", "Ningsih", "Astuti", "Suryani", "Aminah",
    ),
}  # fmt: skip
# Titles as civil servants write them: a prefix (profession, pilgrimage) or a degree suffix.
_MEDICAL_DEGREES = ("M.Kes.", "Sp.A.", "M.K.M.")
_DEGREES = (
    "S.Pd.", "S.Kep.", "S.Sos.", "S.E.", "S.H.", "S.Kom.", "S.T.", "S.Gz.", "S.KM.",
    "S.Tr.Keb.", "A.Md.Keb.", "A.Md.Kep.", "M.Si.", "M.M.", "M.Kes.", "M.Pd.",
)  # fmt: skip


def child_name(rng: random.Random, sex: str) -> str:
    """One to three given names, e.g. "Siti Aisyah" or "Muhammad Rizky Pratama"."""
    parts = [rng.choice(_CHILD_FIRST[sex])]
    words = rng.choices((1, 2, 3), weights=(12, 50, 38))[0]
    if words == 3:
        parts.append(rng.choice(_CHILD_MIDDLE[sex]))
    if words >= 2:
        parts.append(rng.choice(_CHILD_LAST[sex]))
    return _dedupe(parts)


def adult_name(rng: random.Random, sex: str) -> str:
    """A parent's or civil servant's name: often a single or two-word name ("Sri Wahyuni")."""
    parts = [rng.choice(_ADULT_FIRST[sex])]
    if rng.random() < 0.8:
        parts.append(rng.choice(_ADULT_LAST[sex]))
    return _dedupe(parts)


def with_title(rng: random.Random, name: str, sex: str) -> str:
    """``name`` as a civil servant writes it on documents: a title in about half the cases."""
    roll = rng.random()
    if roll < 0.04:
        return f"dr. {name}" + (f", {rng.choice(_MEDICAL_DEGREES)}" if rng.random() < 0.3 else "")
    if roll < 0.06 and sex == "L":
        name = f"Ir. {name}"
    elif roll < 0.10:
        name = f"{'H.' if sex == 'L' else 'Hj.'} {name}"
    if rng.random() < 0.5:
        name = f"{name}, {rng.choice(_DEGREES)}"
    return name


def _dedupe(parts: list[str]) -> str:
    # "Putri Putri" or "Nur Nur" happen when pools overlap; keep each word once.
    seen: list[str] = []
    for word in parts:
        if word not in seen:
            seen.append(word)
    return " ".join(seen)
