"""A base class that gives every test the demo's people and the Nagaoka assessment."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.test import TestCase

from demo.loader import load_demo
from pia.models.lookup import find_assessment

IDENTIFIER = "nagaoka/covid19-vaccination"
# Nagaoka published eight versions (令和3年5月17日 … 令和7年6月30日); a test's next publication is the ninth.
NAGAOKA_VERSIONS = 8


class PersonaTestCase(TestCase):
    """Officer, approver and auditor of organization A (長岡市長), an officer of B (緑野市長), an admin."""

    @classmethod
    def setUpTestData(cls):
        load_demo()
        users = get_user_model().objects
        cls.officer = users.get(username="nagaoka-officer")
        cls.approver = users.get(username="nagaoka-approver")
        cls.auditor = users.get(username="nagaoka-auditor")
        cls.outsider = users.get(username="midorino-officer")
        cls.admin = users.get(username="admin")
        cls.assessment = find_assessment(IDENTIFIER)

    @classmethod
    def personas(cls):
        return {
            "officer": cls.officer,
            "approver": cls.approver,
            "auditor": cls.auditor,
            "outsider": cls.outsider,
            "admin": cls.admin,
        }

    def fresh_assessment(self):
        return find_assessment(IDENTIFIER)
