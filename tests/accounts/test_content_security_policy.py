"""Every page, public and admin, carries the Content-Security-Policy; admin inline scripts carry its nonce."""

import re

from django.test import override_settings

from tests.personas import IDENTIFIER, PersonaTestCase

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")([^>]*)>", re.S)


class ContentSecurityPolicyTests(PersonaTestCase):
    def policy(self, response) -> dict[str, list[str]]:
        header = response["Content-Security-Policy"]
        return {part.split()[0]: part.split()[1:] for part in header.split("; ")}

    def test_public_pages_carry_a_policy_without_inline_scripts_or_styles(self):
        for url in ("/", "/nagaoka/", f"/{IDENTIFIER}/", "/search/?q=vrs"):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                policy = self.policy(response)
                self.assertEqual(policy["default-src"], ["'self'"])
                self.assertNotIn("'unsafe-inline'", policy["script-src"])
                self.assertEqual(policy["style-src"], ["'self'"])
                self.assertEqual(policy["object-src"], ["'none'"])
                self.assertEqual(policy["frame-ancestors"], ["'self'"])

    def test_the_login_page_carries_the_policy(self):
        self.assertIn("script-src 'self'", self.client.get("/admin/login/")["Content-Security-Policy"])

    def test_every_inline_script_of_the_admin_carries_the_responses_nonce(self):
        self.client.force_login(self.admin)
        urls = (
            "/admin/",
            f"/admin/pages/{self.assessment.pk}/edit/",
            f"/admin/pages/{self.assessment.pk}/",
            "/admin/users/",
            "/admin/workflows/list/",
            "/admin/security/lockouts/",
            "/admin/security/mfa/",
        )
        for url in urls:
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"])
                for attributes in INLINE_SCRIPT.findall(response.content.decode()):
                    self.assertIsNotNone(nonce, f"{url}: an inline script but no nonce in the policy")
                    self.assertIn(f'nonce="{nonce.group(1)}"', attributes, url)

    def test_every_inline_script_of_the_registry_forms_carries_the_responses_nonce(self):
        from django.apps import apps
        from wagtail.admin.admin_url_finder import AdminURLFinder

        self.client.force_login(self.admin)
        finder = AdminURLFinder(self.admin)
        urls = []
        for model in apps.get_app_config("registry").get_models():
            instance = model._default_manager.first()
            url = finder.get_edit_url(instance) if instance is not None else None
            if url:
                urls.append(url)
        self.assertTrue(urls)
        for url in urls:
            with self.subTest(url=url):
                response = self.client.get(url)
                if response.status_code != 200:
                    continue
                nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"])
                for attributes in INLINE_SCRIPT.findall(response.content.decode()):
                    self.assertIsNotNone(nonce, url)
                    self.assertIn(f'nonce="{nonce.group(1)}"', attributes, url)

    @override_settings(PIA_REQUIRE_MFA=True)
    def test_the_mfa_pages_carry_the_policy(self):
        self.client.force_login(self.officer)
        response = self.client.get("/admin/mfa/setup/")
        self.assertEqual(response.status_code, 200)
        self.assertIn("default-src 'self'", response["Content-Security-Policy"])
