"""Passwords that repeat, run along a sequence or look like the demo's are refused, in Japanese."""

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import TestCase

from demo.personas import PERSONAS
from tests.factories.pia import set_up_organization


class PasswordValidatorTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        # Organizations and the Wagtail site (made when a body is set up), whose names are forbidden too.
        set_up_organization(slug="nagaoka", name="長岡市長")
        set_up_organization(slug="midorino", name="緑野市長")
        cls.user = get_user_model()(username="yamada-taro", email="yamada@example.jp")

    def refusal(self, password: str) -> str:
        with self.assertRaises(ValidationError) as raised:
            validate_password(password, self.user)
        return " ".join(raised.exception.messages)

    def test_it_refuses_one_repeated_character(self):
        self.assertIn("繰り返し", self.refusal("aaaaaaaaaaaa"))

    def test_it_refuses_one_repeated_group(self):
        self.assertIn("繰り返し", self.refusal("abcabcabcabc"))
        self.assertIn("繰り返し", self.refusal("Xy7!Xy7!Xy7!"))

    def test_it_refuses_runs_of_digits_letters_and_keyboard_rows(self):
        for password in ("123456789012", "zyxwvu#Kp82Lm", "Qwertyui#83kz", "9876543210Tk!"):
            with self.subTest(password=password):
                self.assertIn("連続した", self.refusal(password))

    def test_it_refuses_demo_style_words(self):
        for password in ("Kx7#demo-Vq2m", "P@ssw0rd-Kx7#vQ", "my-pia-Kx7#vQ2m", "Admin-Kx7#vQ2mz"):
            with self.subTest(password=password):
                self.assertIn("推測しやすい語", self.refusal(password))

    def test_it_refuses_the_names_of_organizations_and_of_the_site(self):
        for password in ("長岡市長Kx7#vQ2m", "nagaoka-Kx7#vQ2m", "Kx7#vQ2m緑野市長", "特定個人情報保護評価Kx7#"):
            with self.subTest(password=password):
                self.assertIn("推測しやすい語", self.refusal(password))

    def test_it_refuses_the_user_name(self):
        self.assertIn("推測しやすい語", self.refusal("Yamada-Taro#Kx7vQ2"))

    def test_every_demo_persona_password_would_be_refused(self):
        for persona in PERSONAS:
            with self.subTest(persona=persona.username), self.assertRaises(ValidationError):
                validate_password(persona.password, get_user_model()(username=persona.username))

    def test_a_strong_password_passes(self):
        validate_password("Kx7#vQ2m!tR9wz", self.user)
        validate_password("ひまわり畑で7月にKx#", self.user)
