"""A base class for the tests about Nagaoka's own data: it loads the demo (several seconds per class).

Use it only where the test is about what the demo holds: Nagaoka's eight publications and 90
change-annex rows, its seed values compared with the reference, its planted access-log anomalies,
the fidelity of its printed files. Everything else uses tests/personas.py.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.test import TestCase

from demo.loader import load_demo
from pia.models.lookup import find_assessment

IDENTIFIER = "nagaoka/covid19-vaccination"
# Nagaoka published eight versions (令和3年5月17日 … 令和7年6月30日); a test's next publication is the ninth.
NAGAOKA_VERSIONS = 8


class NagaokaTestCase(TestCase):
    """The demo: Nagaoka's assessment and registry, and the demo's personas (a Midorino officer, an admin)."""

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
