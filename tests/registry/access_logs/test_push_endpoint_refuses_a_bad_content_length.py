"""The push endpoint answers a negative, junk or missing Content-Length with an error and stores nothing."""

from __future__ import annotations

from django.test import RequestFactory, TestCase
from django.urls import reverse

from registry.access_logs.tokens import issue_token
from registry.api import push_access_logs
from registry.models import AccessLogEntry, LogBatch

from .builders import build_system

BODY = b'{"occurred_at": "2026-11-30T09:00:00+09:00", "login_id": "u0001", "action": "view", "result": "success"}\n'


class PushEndpointRefusesABadContentLengthTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.system = build_system()
        cls.token = issue_token(cls.system).token

    def post(self, **meta):
        url = reverse("api_push_access_logs", args=[self.system.organization.slug, self.system.code])
        return self.client.generic(
            "POST", url, BODY, content_type="application/x-ndjson", HTTP_AUTHORIZATION=f"Bearer {self.token}", **meta
        )

    def test_it_refuses_a_negative_content_length(self):
        for value in ("-5", "-0", "-1"):
            with self.subTest(value):
                self.assertEqual(self.post(CONTENT_LENGTH=value).status_code, 400)
        self.assertEqual((AccessLogEntry.objects.count(), LogBatch.objects.count()), (0, 0))

    def test_it_refuses_a_junk_content_length(self):
        for value in ("ten", "", " 10", "+10", "1_0", "１０", "1e3", "99999999999999999999"):
            with self.subTest(value):
                self.assertEqual(self.post(CONTENT_LENGTH=value).status_code, 400)
        self.assertEqual(LogBatch.objects.count(), 0)

    def test_it_asks_for_a_missing_content_length(self):
        url = reverse("api_push_access_logs", args=[self.system.organization.slug, self.system.code])
        request = RequestFactory().generic(
            "POST", url, BODY, content_type="application/x-ndjson", HTTP_AUTHORIZATION=f"Bearer {self.token}"
        )
        del request.META["CONTENT_LENGTH"]  # as a chunked upload arrives
        response = push_access_logs(request, self.system.organization.slug, self.system.code)
        self.assertEqual(response.status_code, 411)

    def test_a_true_content_length_is_accepted(self):
        self.assertEqual(self.post(CONTENT_LENGTH=str(len(BODY))).status_code, 201)
