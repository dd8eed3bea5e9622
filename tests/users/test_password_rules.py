"""Password rules: at least 10 characters and not a common (also Indonesian) password."""

from __future__ import annotations

import pytest

from desktop_app.core.errors import ValidationError
from desktop_app.core.passwords import MIN_PASSWORD_LENGTH, is_common_password, password_problem
from desktop_app.core.paths import resource_path
from desktop_app.users.accounts import change_own_password, create_first_admin, set_password
from tests.users.conftest import act_as

COMMON = "Kata sandi ini terlalu umum dan mudah ditebak; pilih kalimat yang hanya Anda ketahui"


def test_minimum_length_is_ten():
    assert MIN_PASSWORD_LENGTH == 10
    assert password_problem("kopi-ku-99") is None  # exactly 10
    assert password_problem("kopi-ku-9") == "Kata sandi paling sedikit 10 karakter"


@pytest.mark.parametrize(
    "password",
    ["1234567890", "password123", "admin12345", "Rahasia123!", "bismillah2026", "BISMILLAH-1",
     "indonesia45", "sayangsayang", "katasandi123", "Kupang12345", "qwertyuiop"],
)  # fmt: skip
def test_common_and_indonesian_passwords_are_refused(password):
    assert is_common_password(password)
    assert password_problem(password) == COMMON


@pytest.mark.parametrize("password", ["kopi-pagi-di-oelamasi", "Timor 7 bintang", "jeruk-ssoe-81"])
def test_uncommon_passwords_pass(password):
    assert not is_common_password(password)
    assert password_problem(password) is None


def test_few_distinct_characters_are_refused():
    assert password_problem("aaaaaaaaaaaa") is not None
    assert password_problem("abababababab") is not None


def test_the_shipped_list_is_small_and_holds_the_indonesian_words():
    lines = resource_path("security", "common_passwords.txt").read_text().splitlines()
    words = {line for line in lines if line and not line.startswith("#")}
    assert 100 < len(words) < 5000
    assert {"rahasia", "bismillah", "indonesia", "sayang", "admin123", "password", "12345678",
            "kupang"} <= words  # fmt: skip


def test_rules_apply_to_first_admin_new_users_and_changes(session):
    with pytest.raises(ValidationError) as refused:
        create_first_admin(session, username="admin", full_name="Admin", password="admin12345")
    assert refused.value.for_field("password") == COMMON
    admin = create_first_admin(
        session, username="admin", full_name="Admin", password="kunci-rahasia"
    )
    act_as(session, "admin", "admin")
    with pytest.raises(ValidationError) as refused:
        set_password(session, user_id=admin.id, password="password123")
    assert refused.value.for_field("password") == COMMON
    with pytest.raises(ValidationError) as refused:
        change_own_password(
            session, username="admin", current_password="kunci-rahasia", new_password="12345678"
        )
    assert refused.value.for_field("password") == "Kata sandi paling sedikit 10 karakter"
