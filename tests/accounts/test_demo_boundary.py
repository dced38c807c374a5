"""The demo stays a demo: load_demo refuses production settings, and demo personas cannot log in there."""

import os
import subprocess
import sys
from pathlib import Path

from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command
from django.test import RequestFactory, TestCase, override_settings

from accounts.demo import mark_demo_account
from demo.personas import PERSONAS

from .helpers import PASSWORD, post_login

ROOT = Path(__file__).resolve().parents[2]


def production_environment(tmp_database: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_ALLOW_ASYNC_UNSAFE",)}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY="a-long-random-production-secret-" + "x" * 40,
        ALLOWED_HOSTS="pia.example.jp",
        PIA_LOG_PSEUDONYM_KEY="a-long-random-pseudonym-key-" + "y" * 40,
        DATABASE_URL=f"sqlite:///{tmp_database}",
    )
    return env


def test_production_does_not_install_the_demo_so_load_demo_does_not_exist(tmp_path):
    database = tmp_path / "production.sqlite3"
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "load_demo"],
        cwd=ROOT,
        env=production_environment(database),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode != 0
    assert "Unknown command: 'load_demo'" in result.stderr  # the demo app is not in production's INSTALLED_APPS
    assert not database.exists() or database.stat().st_size == 0


class DemoPersonasOutsideTheDemoTests(TestCase):
    """The demo's administrator as the loader leaves it: its published password, marked as a demo account.

    That load_demo marks every persona is tested with the demo (tests/pia/test_demo_loader.py).
    """

    @classmethod
    def setUpTestData(cls):
        persona = next(p for p in PERSONAS if p.username == "admin")
        cls.admin = get_user_model().objects.create_superuser(persona.username, "admin@example.jp", persona.password)
        mark_demo_account(cls.admin)

    @override_settings(PIA_ALLOW_DEMO=False)
    def test_the_command_refuses_where_the_demo_is_not_allowed(self):
        with self.assertRaisesMessage(CommandError, "この環境ではデモを作成できません"):
            call_command("load_demo")

    @override_settings(PIA_ALLOW_DEMO=False)
    def test_the_demo_administrator_cannot_log_in_with_its_published_password(self):
        admin = next(p for p in PERSONAS if p.username == "admin")
        response = post_login(self.client, admin.username, admin.password)
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("_auth_user_id", self.client.session)
        self.assertIsNone(authenticate(RequestFactory().get("/"), username="admin", password=admin.password))

    @override_settings(PIA_ALLOW_DEMO=False)
    def test_an_existing_demo_session_is_not_honoured(self):
        self.client.force_login(self.admin)
        response = self.client.get("/admin/")
        self.assertEqual(response.status_code, 302)

    @override_settings(PIA_ALLOW_DEMO=False)
    def test_a_real_user_still_logs_in(self):
        get_user_model().objects.create_superuser("kanri", "kanri@example.jp", PASSWORD)
        response = post_login(self.client, "kanri")
        self.assertRedirects(response, "/admin/", fetch_redirect_response=False)

    def test_in_the_demo_the_personas_log_in(self):
        admin = next(p for p in PERSONAS if p.username == "admin")
        response = post_login(self.client, admin.username, admin.password)
        self.assertRedirects(response, "/admin/", fetch_redirect_response=False)
