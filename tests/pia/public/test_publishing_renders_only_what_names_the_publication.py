"""Static rendering stays incremental: a publication re-renders its own pages and the listings that name it.

At a national size a publication must not re-render the country: publishing one assessment renders
that assessment's pages (latest, every ``v<N>/`` and ``v<N>/changes/``), its organization's page and
the home (which lists the newest publications), and nothing of another assessment or another body.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from unittest import mock

from django.test import TestCase, override_settings

from pia.public import static
from tests.factories import OrganizationFactory
from tests.factories.pia import create_assessment, member, set_up_organization


class PublishingRendersOnlyWhatNamesThePublicationTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.pages = {}
        cls.people = {}
        for slug, name in (("uchiko", "内子町長"), ("ikata", "伊方町長")):
            organization = OrganizationFactory(slug=slug, name=name)
            set_up_organization(organization)
            officer, approver = member(organization, "officer"), member(organization, "approver")
            cls.people[slug] = (officer, approver)
            for page_slug, affair in (("juki", "住民基本台帳に関する事務"), ("zei", "個人住民税に関する事務")):
                cls.pages[(slug, page_slug)] = create_assessment(
                    organization,
                    officer=officer,
                    approver=approver,
                    slug=page_slug,
                    title=f"{affair} 重点項目評価書",
                    affair=affair,
                    publications=1,
                )

    def setUp(self):
        folder = tempfile.TemporaryDirectory()
        self.addCleanup(folder.cleanup)
        self.root = Path(folder.name) / "public"
        static.render_public_site(self.root)

    def test_publishing_one_assessment_renders_its_pages_its_body_and_the_home_only(self):
        page = self.pages[("uchiko", "juki")].specific_class.objects.get(pk=self.pages[("uchiko", "juki")].pk)
        officer, approver = self.people["uchiko"]
        rendered: list[str] = []
        original = static._render

        def recording(site, url_directory):
            rendered.append(url_directory)
            return original(site, url_directory)

        with (
            override_settings(PIA_PUBLIC_SITE_ROOT=str(self.root)),
            mock.patch.object(static, "_render", side_effect=recording),
            self.captureOnCommitCallbacks(execute=True),
        ):
            page.save_revision(user=officer).publish(user=approver)
        self.assertEqual(
            sorted(rendered),
            ["", "uchiko", "uchiko/juki", "uchiko/juki/v1", "uchiko/juki/v2", "uchiko/juki/v2/changes"],
        )
        # The new version is on disk; nothing of the other assessment or of the other body was rendered.
        self.assertTrue((self.root / "uchiko/juki/v2/index.html").is_file())
        self.assertFalse([url for url in rendered if url.startswith(("ikata", "uchiko/zei"))])
