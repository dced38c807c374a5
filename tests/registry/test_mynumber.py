import pytest

from registry.jp.mynumber import check_digit, contains_my_number, is_my_number, normalize_digits
from tests.privacy.spellings import spellings

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
        "法人番号 1234567890123",  # a 13-digit corporate number is never split
        "令和3年5月17日から令和7年6月30日まで",
        "0258-39-2383 と 0258-39-2200",  # two phone numbers side by side
        "一覧の一部を二回確認した",  # kanji numerals inside words
        "a1b2c3d4e5f6a7b8c9d0e1f2",  # a digest
        "123456789010",  # wrong check digit
        "",
        None,
    ],
)
def test_it_leaves_other_numbers_alone(text):
    assert not contains_my_number(text)


@pytest.mark.parametrize(("name", "text"), spellings().items())
def test_it_finds_every_spelling_of_a_my_number(name, text):
    assert contains_my_number(f"連絡先：{text}。"), name


@pytest.mark.parametrize(("name", "text"), spellings("123456789010").items())
def test_it_lets_every_spelling_of_a_wrong_check_digit_through(name, text):
    assert not contains_my_number(text), name


def test_it_normalizes_the_spellings_to_the_same_digits():
    assert {normalize_digits(text) for text in spellings().values()} == {VALID}
