"""An administrator resets the MFA of a user who lost the phone: the next login sets up a new app."""

from django.test import TestCase, override_settings
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import mfa

from .helpers import current_token, make_user, pending_device, post_login


@override_settings(PIA_REQUIRE_MFA=True)
class MultiFactorResetTests(TestCase):
    def setUp(self):
        self.user = make_user("tanaka")
        self.admin = make_user("kanri", superuser=True)
        device = mfa.start_enrolment(self.user).device
        device.confirmed = True
        device.save()
        mfa.new_recovery_codes(self.user)

    def admin_client(self):
        client = self.client_class()
        client.force_login(self.admin)
        session = client.session
        device = mfa.start_enrolment(self.admin).device
        device.confirmed = True
        device.save()
        session["otp_device_id"] = device.persistent_id
        session.save()
        return client

    def test_the_administrator_lists_users_with_their_mfa_status(self):
        response = self.admin_client().get("/admin/security/mfa/")
        self.assertContains(response, "多要素認証")
        self.assertContains(response, "tanaka")
        self.assertContains(response, "登録済み")

    def test_a_reset_removes_the_devices_and_the_next_login_goes_to_setup(self):
        response = self.admin_client().post("/admin/security/mfa/", {"user": self.user.pk}, follow=True)
        self.assertContains(response, "多要素認証をリセットしました")
        self.assertFalse(TOTPDevice.objects.filter(user=self.user).exists())
        self.assertFalse(StaticDevice.objects.filter(user=self.user).exists())
        post_login(self.client, "tanaka")
        self.assertRedirects(
            self.client.get("/admin/"), "/admin/mfa/setup/?next=%2Fadmin%2F", fetch_redirect_response=False
        )
        self.client.get("/admin/mfa/setup/")
        self.client.post("/admin/mfa/setup/", {"token": current_token(pending_device(self.user))})
        self.assertEqual(self.client.get("/admin/").status_code, 200)

    def test_only_administrators_may_reset(self):
        self.admin_client()  # the administrator has an app too
        self.client.force_login(self.user)
        session = self.client.session
        session["otp_device_id"] = TOTPDevice.objects.get(user=self.user).persistent_id
        session.save()
        response = self.client.post("/admin/security/mfa/", {"user": self.admin.pk})
        self.assertRedirects(response, "/admin/", fetch_redirect_response=False)
        self.assertTrue(TOTPDevice.objects.filter(user=self.admin).exists())
