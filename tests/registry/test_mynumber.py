import pytest

from registry.jp.mynumber import check_digit, contains_my_number, is_my_number

# 123456789018 is the sample 個人番号 used in public explanations of the check digit (checksum 8).
VALID = "123456789018"


def test_it_computes_the_check_digit_of_the_published_sample():
    assert check_digit("12345678901") == 8


def test_it_recognizes_a_valid_my_number():
    assert is_my_number(VALID)


@pytest.mark.parametrize("digits", ["123456789010", "123456789019", "12345678901", "1234567890188", "abcdefghijkl"])
def test_it_rejects_numbers_with_a_wrong_check_digit_or_length(digits):
    assert not is_my_number(digits)


@pytest.mark.parametrize(
    "text",
    [
        f"対象者の個人番号は{VALID}です",
        "番号：１２３４５６７８９０１８",
        "1234-5678-9018",
        "1234 5678 9018",
    ],
)
def test_it_finds_a_my_number_in_free_text(text):
    assert contains_my_number(text)


@pytest.mark.parametrize(
    "text",
    [
        "電話 0258-39-2383",
        "940-8501 新潟県長岡市大手通1丁目4番地10",
        "12345678901890",  # part of a longer number
        "123456789010",  # wrong check digit
        "",
        None,
    ],
)
def test_it_leaves_other_numbers_alone(text):
    assert not contains_my_number(text)
