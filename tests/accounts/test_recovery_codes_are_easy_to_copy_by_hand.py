"""Recovery codes are copied by hand from paper: no characters that look alike."""

import pytest

from accounts.mfa import new_recovery_codes
from tests.factories import UserFactory


@pytest.mark.django_db
def test_ten_codes_of_eight_characters_without_look_alikes():
    codes = new_recovery_codes(UserFactory(username="uchiko-admin"))
    assert len(codes) == 10
    assert len(set(codes)) == 10
    for code in codes:
        assert len(code) == 8
        assert not set(code) & set("01ilo"), code
