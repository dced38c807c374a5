"""In Chromium: the admin and the public site work under the Content-Security-Policy; MFA setup and login work.

Every CSP violation is caught twice: the page's ``securitypolicyviolation`` events and Chromium's
console messages ("Refused to …"). Either fails the test.
"""

from __future__ import annotations

import base64
import re
import time

import pytest
from django_otp.oath import totp
from playwright.sync_api import expect

from tests.browser.conftest import login, persona

pytestmark = pytest.mark.browser

REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI} ${event.sample}`);
});
"""


def watch_violations(page) -> list[str]:
    violations: list[str] = []
    page.add_init_script(REPORT_VIOLATIONS)

    def on_console(message):
        if "Content Security Policy" in message.text or "CSP violation" in message.text:
            violations.append(f"{page.url}: {message.text}")

    page.on("console", on_console)
    return violations


def app_token(secret: str, *, offset: int = 0) -> str:
    """What an authenticator app shows for the key the setup page printed."""
    key = secret.replace(" ", "")
    key += "=" * (-len(key) % 8)
    return f"{totp(base64.b32decode(key), drift=offset):06d}"


def next_token(secret: str, username: str) -> str:
    """The app's token that the device accepts now: never one used before (the setup's), and within the
    tolerance around the clock as the device has learnt it (a setup token read in one period and checked
    in the next, on a loaded machine, moves the device's drift back by one period)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.get(user__username=username, confirmed=True)
    now = int(time.time()) // device.step
    return app_token(secret, offset=max(now + device.drift, device.last_t + 1) - now)


def test_the_admin_and_the_public_site_work_under_the_content_security_policy(new_page, assessment, settings):
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 500  # the editor's autosave runs, as in production
    page = new_page()
    violations = watch_violations(page)
    login(page, persona("admin"))
    expect(page.locator("main#main, #main").first).to_be_visible()

    page.goto(f"/admin/pages/{assessment.pk}/edit/")
    expect(page.locator("form#page-edit-form")).to_be_visible()
    comments = page.locator("[data-side-panel-toggle='comments']")
    expect(comments).to_be_visible()
    comments.click()
    expect(page.locator("[data-side-panel='comments']")).to_be_visible()
    page.wait_for_load_state("networkidle")

    for url in ("/", "/nagaoka/", "/nagaoka/covid19-vaccination/", "/search/?q=vrs"):
        response = page.goto(url)
        assert response is not None and response.ok, url
        assert "default-src 'self'" in response.headers["content-security-policy"]
        expect(page.locator("h1")).to_have_count(1)
    assert violations == []


def test_an_administrator_sets_up_mfa_and_then_logs_in_with_the_app(new_page, demo, settings):
    settings.PIA_REQUIRE_MFA = True
    admin = persona("admin")
    page = new_page()
    violations = watch_violations(page)
    page.goto("/admin/login/")
    page.locator("input[name=username]").fill(admin.username)
    page.locator("input[name=password]").fill(admin.password)
    page.locator("form button[type=submit]").click()

    page.wait_for_url(re.compile(r"/admin/mfa/setup/"))
    expect(page.get_by_role("heading", name="多要素認証の設定")).to_be_visible()
    expect(page.locator("figure svg")).to_be_visible()
    secret = page.locator("[data-mfa-secret]").inner_text()
    page.get_by_label("確認コード").fill(app_token(secret))
    page.get_by_role("button", name="登録する").click()
    expect(page.locator("[data-recovery-codes] li")).to_have_count(10)
    page.get_by_role("link", name="控えたので管理画面へ進む").click()
    page.wait_for_url(re.compile(r"/admin/$"))

    second = new_page()
    violations += watch_violations(second)
    second.goto("/admin/login/")
    second.locator("input[name=username]").fill(admin.username)
    second.locator("input[name=password]").fill(admin.password)
    second.locator("form button[type=submit]").click()
    second.wait_for_url(re.compile(r"/admin/mfa/verify/"))
    second.goto("/admin/pages/")
    second.wait_for_url(re.compile(r"/admin/mfa/verify/"))
    second.get_by_label("確認コード").fill("000000")
    second.get_by_role("button", name="確認する").click()
    expect(second.get_by_text("確認コードが正しくありません")).to_be_visible()
    # After a wrong token django-otp makes the user wait a second (doubling with each failure),
    time.sleep(2.5)  # with a margin for a loaded machine
    second.get_by_label("確認コード").fill(next_token(secret, admin.username))
    second.get_by_role("button", name="確認する").click()
    second.wait_for_url(re.compile(r"/admin/pages/$"))
    expect(second.locator("input[name=username]")).to_have_count(0)
    assert violations == []
