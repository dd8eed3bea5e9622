from __future__ import annotations

import pytest

from desktop_app.reports.terbilang import terbilang, terbilang_rupiah


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (0, "nol"),
        (1, "satu"),
        (10, "sepuluh"),
        (11, "sebelas"),
        (15, "lima belas"),
        (20, "dua puluh"),
        (99, "sembilan puluh sembilan"),
        (100, "seratus"),
        (111, "seratus sebelas"),
        (250, "dua ratus lima puluh"),
        (1000, "seribu"),
        (1100, "seribu seratus"),
        (11000, "sebelas ribu"),
        (100000, "seratus ribu"),
        (450000, "empat ratus lima puluh ribu"),
        (1000000, "satu juta"),
        (1350000, "satu juta tiga ratus lima puluh ribu"),
        (2001001, "dua juta seribu satu"),
        (115000000, "seratus lima belas juta"),
        (1000000000, "satu miliar"),
        (2500000000, "dua miliar lima ratus juta"),
        (1_000_000_000_000, "satu triliun"),
    ],
)
def test_terbilang(amount: int, words: str) -> None:
    assert terbilang(amount) == words


def test_rupiah_words() -> None:
    assert terbilang_rupiah(450000) == "empat ratus lima puluh ribu rupiah"
    assert terbilang_rupiah(1350000) == "satu juta tiga ratus lima puluh ribu rupiah"
    assert terbilang_rupiah(0) == "nol rupiah"
    assert terbilang(-5000) == "minus lima ribu"
