"""Every admin view the project adds or relies on, for every persona.

Members of 長岡市長 read its assessment; only the officer and the approver edit it;
the officer of 緑野市長 neither sees nor edits it; anonymous visitors are sent to log in.
"""

from django.urls import reverse

from tests.personas import PersonaTestCase

ALLOWED, DENIED, HIDDEN, LOGIN = "allowed", "denied", "hidden", "login"
MEMBERS_READ = {
    "officer": ALLOWED,
    "approver": ALLOWED,
    "auditor": ALLOWED,
    "admin": ALLOWED,
    "outsider": HIDDEN,
    "anonymous": LOGIN,
}


class AdminPermissionTest(PersonaTestCase):
    def fetch(self, persona, url):
        self.client.logout()
        if persona != "anonymous":
            self.client.force_login(self.personas()[persona])
        return self.client.get(url)

    def assert_outcome(self, persona, url, expected):
        response = self.fetch(persona, url)
        title = self.assessment.title
        body = response.content.decode() if response.status_code == 200 else ""
        with self.subTest(persona=persona, url=url):
            if expected == ALLOWED:
                self.assertEqual(response.status_code, 200)
                self.assertIn(title, body)
            elif expected == LOGIN:
                self.assertEqual(response.status_code, 302)
                self.assertIn(reverse("wagtailadmin_login"), response["Location"])
            elif expected == HIDDEN:
                self.assertIn(response.status_code, (200, 404))
                self.assertNotIn(title, body)
            else:
                self.assertNotEqual(response.status_code, 200)
                self.assertNotIn(title, body)

    def check_matrix(self, url, matrix):
        for persona, expected in matrix.items():
            self.assert_outcome(persona, url, expected)

    def test_the_assessment_list_shows_only_the_users_organization(self):
        self.check_matrix(
            reverse("pia_assessments"),
            MEMBERS_READ,
        )

    def test_the_document_view_is_readable_by_members_only(self):
        self.check_matrix(
            reverse("pia_assessment_document", args=[self.assessment.pk]),
            MEMBERS_READ,
        )

    def test_the_document_view_of_an_unknown_assessment_is_not_found(self):
        response = self.fetch("admin", reverse("pia_assessment_document", args=[999_999]))
        self.assertEqual(response.status_code, 404)

    def test_only_the_officer_and_approver_may_open_the_editor(self):
        self.check_matrix(
            reverse("wagtailadmin_pages:edit", args=[self.assessment.pk]),
            {
                "officer": ALLOWED,
                "approver": ALLOWED,
                "auditor": DENIED,
                "admin": ALLOWED,
                "outsider": DENIED,
                "anonymous": LOGIN,
            },
        )

    def test_only_editors_see_the_revision_history(self):
        self.check_matrix(
            reverse("wagtailadmin_pages:history", args=[self.assessment.pk]),
            {
                "officer": ALLOWED,
                "approver": ALLOWED,
                "admin": ALLOWED,
                "outsider": DENIED,
                "anonymous": LOGIN,
            },
        )

    def test_the_page_explorer_hides_other_organizations(self):
        org_page = self.assessment.get_parent()
        self.check_matrix(
            reverse("wagtailadmin_explore", args=[org_page.pk]),
            {"officer": ALLOWED, "approver": ALLOWED, "admin": ALLOWED, "outsider": DENIED, "anonymous": LOGIN},
        )

    def test_the_admin_page_search_does_not_leak_other_organizations(self):
        # Japanese has no spaces: the database backend matches whole words (Japanese search: later).
        url = reverse("wagtailadmin_pages:search") + "?q=重点項目評価書"
        self.assert_outcome("outsider", url, HIDDEN)
        self.assert_outcome("officer", url, ALLOWED)

    def test_the_outsider_cannot_save_into_the_assessment(self):
        self.client.force_login(self.outsider)
        before = self.assessment.revisions.count()
        response = self.client.post(
            reverse("wagtailadmin_pages:edit", args=[self.assessment.pk]), {"title": "乗っ取り"}
        )
        self.assertNotEqual(response.status_code, 200)
        self.assertEqual(self.assessment.revisions.count(), before)

    def test_the_auditor_cannot_save_into_the_assessment(self):
        self.client.force_login(self.auditor)
        before = self.assessment.revisions.count()
        self.client.post(reverse("wagtailadmin_pages:edit", args=[self.assessment.pk]), {"title": "改ざん"})
        self.assertEqual(self.assessment.revisions.count(), before)
