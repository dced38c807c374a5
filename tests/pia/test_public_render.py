"""The public pages rendered to files hold what the public site shows: publications only."""

from __future__ import annotations

import gzip
import io
import tempfile
from pathlib import Path

from django.core.management import call_command
from django.test import Client, override_settings
from wagtail.models import PageViewRestriction

from pia.models import ArtifactKind, ArtifactStatus, Publication, PublicationArtifact
from pia.public.static import MARKER, NotAPublicSiteRoot, render_public_site
from tests.personas import AFFAIR, IDENTIFIER, VERSIONS, PersonaTestCase

DRAFT_MARKER = "下書きだけにある記載ＲＥＮＤＥＲ"
ASSESSMENT = IDENTIFIER


NEXT_NAME = "予防接種事務（次の版の名称）"


def expected_files() -> set[str]:
    return {
        "index.html",
        "nagaoka/index.html",
        "midorino/index.html",  # 緑野市長 publishes nothing yet: its page says so
        f"{ASSESSMENT}/index.html",
        *{f"{ASSESSMENT}/v{n}/index.html" for n in range(1, VERSIONS + 1)},
        *{f"{ASSESSMENT}/v{n}/changes/index.html" for n in range(2, VERSIONS + 1)},
    }


def html_files(root: Path) -> dict[str, str]:
    return {path.relative_to(root).as_posix(): path.read_text("utf-8") for path in root.rglob("index.html")}


class RenderPublicSiteTest(PersonaTestCase):
    def setUp(self):
        folder = tempfile.TemporaryDirectory()
        self.addCleanup(folder.cleanup)
        self.root = Path(folder.name) / "public"

    def publish(self, edit):
        page = self.fresh_assessment()
        values = page.get_values()
        edit(values)
        page.set_values(values)
        page.save_revision(user=self.officer).publish(user=self.approver)

    def test_every_public_page_is_written_where_its_url_points(self):
        report = render_public_site(self.root)
        files = html_files(self.root)
        self.assertEqual(set(files), expected_files())
        self.assertEqual(set(report.written), expected_files())
        self.assertIn(AFFAIR, files[f"{ASSESSMENT}/index.html"])
        self.assertIn(f"第{VERSIONS}版", files[f"{ASSESSMENT}/index.html"])
        self.assertIn("これは過去の版（第2版", files[f"{ASSESSMENT}/v2/index.html"])
        self.assertIn(AFFAIR, files["nagaoka/index.html"])
        self.assertIn("特定個人情報保護評価書の公表サイト", files["index.html"])

    def test_each_page_has_its_gzip_beside_it(self):
        render_public_site(self.root)
        for relative in expected_files():
            with self.subTest(relative):
                page = self.root / relative
                self.assertEqual(gzip.decompress(page.with_name("index.html.gz").read_bytes()), page.read_bytes())

    def test_a_file_holds_the_bytes_django_serves_at_its_url(self):
        render_public_site(self.root)
        client = Client()
        for relative in [f"{ASSESSMENT}/index.html", f"{ASSESSMENT}/v2/changes/index.html", "nagaoka/index.html"]:
            with self.subTest(relative):
                url = "/" + relative.removesuffix("index.html")
                self.assertEqual((self.root / relative).read_bytes(), client.get(url).content)

    def test_a_saved_draft_that_is_not_published_is_in_no_file(self):
        page = self.fresh_assessment()
        values = page.get_values()
        values["kihon"]["jimu"]["naiyo"] += f"\n{DRAFT_MARKER}"
        page.set_values(values)
        page.save_revision(user=self.officer)  # saved, never published
        render_public_site(self.root)
        files = html_files(self.root)
        self.assertEqual(set(files), expected_files())
        for relative, text in files.items():
            with self.subTest(relative):
                self.assertNotIn(DRAFT_MARKER, text)

    def test_rendering_again_rewrites_nothing_and_removes_what_is_no_longer_public(self):
        render_public_site(self.root)
        stale = self.root / "nagaoka/withdrawn/index.html"
        stale.parent.mkdir(parents=True)
        stale.write_text("withdrawn")
        report = render_public_site(self.root)
        self.assertEqual(report.written, [])
        self.assertEqual(set(report.unchanged), expected_files())
        self.assertEqual(report.removed, ["nagaoka/withdrawn/index.html"])
        self.assertFalse(stale.parent.exists())

    def test_an_unpublished_assessment_loses_its_files(self):
        render_public_site(self.root)
        page = self.fresh_assessment()
        page.unpublish()
        report = render_public_site(self.root, pages=[page])
        self.assertFalse((self.root / ASSESSMENT).exists())
        self.assertEqual(len(report.removed), 1 + VERSIONS + VERSIONS - 1)

    def test_a_directory_that_is_not_a_public_site_root_is_refused(self):
        self.root.mkdir()
        (self.root / "something.txt").write_text("not ours")
        with self.assertRaises(NotAPublicSiteRoot):
            render_public_site(self.root)
        self.assertFalse((self.root / "index.html").exists())

    def test_the_command_renders_everything(self):
        out = io.StringIO()
        call_command("render_public_site", "--root", str(self.root), stdout=out)
        self.assertIn(f"{len(expected_files())}ページ", out.getvalue())
        self.assertTrue((self.root / MARKER).exists())
        self.assertEqual(set(html_files(self.root)), expected_files())

    def test_publishing_renders_the_assessment_its_organization_and_the_home_again(self):
        render_public_site(self.root)
        with override_settings(PIA_PUBLIC_SITE_ROOT=str(self.root)), self.captureOnCommitCallbacks(execute=True):
            self.publish(lambda v: v["kihon"]["jimu"].__setitem__("meisho", NEXT_NAME))
        latest = Publication.objects.for_page(self.assessment).last()
        self.assertEqual(latest.version, VERSIONS + 1)
        files = html_files(self.root)
        nine = VERSIONS + 1
        self.assertEqual(
            set(files),
            expected_files() | {f"{ASSESSMENT}/v{nine}/index.html", f"{ASSESSMENT}/v{nine}/changes/index.html"},
        )
        self.assertIn(NEXT_NAME, files[f"{ASSESSMENT}/index.html"])
        self.assertIn(f"第{nine}版", files[f"{ASSESSMENT}/index.html"])
        self.assertIn(f"最新の版（第{nine}版）を見る", files[f"{ASSESSMENT}/v2/index.html"])
        self.assertIn(f"第{nine}版", files["nagaoka/index.html"])
        self.assertIn(f"第{nine}版", files["index.html"])

    def test_without_a_root_publishing_writes_nothing(self):
        with override_settings(PIA_PUBLIC_SITE_ROOT=None), self.captureOnCommitCallbacks(execute=True) as callbacks:
            self.publish(lambda v: v["kihon"]["jimu"].__setitem__("meisho", "事務A"))
        self.assertFalse(self.root.exists())
        self.assertGreater(len(callbacks), 0)

    def test_unpublishing_the_assessment_removes_its_files(self):
        render_public_site(self.root)
        with override_settings(PIA_PUBLIC_SITE_ROOT=str(self.root)), self.captureOnCommitCallbacks(execute=True):
            self.fresh_assessment().unpublish(user=self.admin)
        self.assertFalse((self.root / ASSESSMENT).exists())
        self.assertEqual(set(html_files(self.root)), {"index.html", "nagaoka/index.html", "midorino/index.html"})
        self.assertNotIn(AFFAIR, (self.root / "nagaoka/index.html").read_text())

    def test_a_view_restriction_removes_the_files_below_it(self):
        render_public_site(self.root)
        with override_settings(PIA_PUBLIC_SITE_ROOT=str(self.root)), self.captureOnCommitCallbacks(execute=True):
            PageViewRestriction.objects.create(page=self.assessment, restriction_type=PageViewRestriction.LOGIN)
        self.assertFalse((self.root / ASSESSMENT).exists())
        self.assertTrue((self.root / "nagaoka/index.html").exists())

    def test_a_file_that_becomes_ready_is_listed_on_its_version_page(self):
        render_public_site(self.root)
        latest = Publication.objects.for_page(self.assessment).last()
        digest = "0123456789abcdef" * 4
        self.assertNotIn(digest, (self.root / ASSESSMENT / "index.html").read_text())
        with override_settings(PIA_PUBLIC_SITE_ROOT=str(self.root)), self.captureOnCommitCallbacks(execute=True):
            PublicationArtifact.objects.create(
                publication=latest, kind=ArtifactKind.XML, status=ArtifactStatus.READY, size=1234, sha256=digest
            )
        self.assertIn(digest, (self.root / ASSESSMENT / "index.html").read_text())
        self.assertIn(digest, (self.root / ASSESSMENT / f"v{latest.version}/index.html").read_text())
