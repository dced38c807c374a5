"""A system pushes JSON Lines with its own token; other tokens, revoked ones and other systems are refused."""

from __future__ import annotations

import json

from django.test import TestCase, override_settings
from django.urls import reverse

from registry.access_logs.tokens import issue_token, revoke_token
from registry.models import AccessLogEntry, IngestToken

from .builders import build_system


def jsonl(*subjects: str, action: str = "view") -> bytes:
    rows = [
        {
            "occurred_at": f"2026-11-30T09:{n:02d}:00+09:00",
            "login_id": "u0001",
            "action": action,
            "subject": s,
            "result": "success",
        }  # fmt: skip
        for n, s in enumerate(subjects)
    ]
    return "\n".join(json.dumps(row) for row in rows).encode()


class PushingAccessLogsOverHttpTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.system = build_system("vrs")
        cls.other = build_system("kenko", organization=cls.system.organization)
        cls.token = issue_token(cls.system).token
        cls.other_token = issue_token(cls.other).token

    def push(self, body: bytes, token: str | None, system=None, query: str = ""):
        system = system or self.system
        url = reverse("api_push_access_logs", args=[system.organization.slug, system.code]) + query
        headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
        return self.client.post(url, body, content_type="application/x-ndjson", **headers)

    def test_a_batch_with_the_systems_token_is_stored(self):
        response = self.push(jsonl("3000000001", "3000000002"), self.token)
        self.assertEqual(response.status_code, 201)
        self.assertEqual(response.json()["stored"], 2)
        self.assertEqual(AccessLogEntry.objects.filter(system=self.system).count(), 2)

    def test_the_same_batch_sent_again_is_acknowledged_and_not_stored_twice(self):
        self.push(jsonl("3000000001"), self.token)
        response = self.push(jsonl("3000000001"), self.token)
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.json()["duplicate"])
        self.assertEqual(AccessLogEntry.objects.count(), 1)

    def test_a_missing_token_is_refused(self):
        response = self.push(jsonl("1"), None)
        self.assertEqual(response.status_code, 401)
        self.assertIn("Bearer", response["WWW-Authenticate"])

    def test_a_wrong_token_is_refused(self):
        self.assertEqual(self.push(jsonl("1"), "pialog_" + "x" * 43).status_code, 401)

    def test_a_revoked_token_is_refused(self):
        revoke_token(IngestToken.objects.get(system=self.system))
        self.assertEqual(self.push(jsonl("1"), self.token).status_code, 401)
        self.assertEqual(AccessLogEntry.objects.count(), 0)

    def test_rotation_retires_the_old_token(self):
        new = issue_token(self.system, revoke_others=True).token
        self.assertEqual(self.push(jsonl("1"), self.token).status_code, 401)
        self.assertEqual(self.push(jsonl("1"), new).status_code, 201)

    def test_another_systems_token_is_refused(self):
        response = self.push(jsonl("1"), self.other_token)
        self.assertEqual(response.status_code, 403)
        self.assertEqual(AccessLogEntry.objects.count(), 0)

    def test_only_the_digest_of_a_token_is_kept(self):
        record = IngestToken.objects.get(system=self.system)
        self.assertNotIn(self.token, (record.digest, record.prefix))
        self.assertTrue(self.token.startswith(record.prefix))

    def test_a_bad_batch_is_refused_with_its_line_numbers(self):
        response = self.push(jsonl("1", "2") + b"\n{not json}\n" + jsonl("3", action="fly"), self.token)
        self.assertEqual(response.status_code, 400)
        self.assertEqual([e["line"] for e in response.json()["errors"]], [3, 4])
        self.assertEqual(AccessLogEntry.objects.count(), 0)

    def test_keep_valid_stores_the_good_lines(self):
        response = self.push(jsonl("1", "2") + b"\n{not json}\n", self.token, query="?keep_valid=1")
        self.assertEqual(response.status_code, 201)
        self.assertEqual(response.json()["stored"], 2)

    @override_settings(PIA_LOG_PUSH_MAX_BYTES=1000)
    def test_an_oversized_batch_is_refused(self):
        response = self.push(jsonl(*[str(n) for n in range(40)]), self.token)
        self.assertEqual(response.status_code, 413)
        self.assertEqual(AccessLogEntry.objects.count(), 0)

    def test_only_post_is_accepted(self):
        url = reverse("api_push_access_logs", args=[self.system.organization.slug, self.system.code])
        self.assertEqual(self.client.get(url).status_code, 405)

    def test_a_junk_content_length_is_refused(self):
        url = reverse("api_push_access_logs", args=[self.system.organization.slug, self.system.code])
        response = self.client.generic(
            "POST", url, jsonl("1"), content_type="application/x-ndjson",
            HTTP_AUTHORIZATION=f"Bearer {self.token}", CONTENT_LENGTH="ten",
        )  # fmt: skip
        self.assertEqual(response.status_code, 400)
        self.assertEqual(AccessLogEntry.objects.count(), 0)
