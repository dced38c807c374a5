"""The public disclosure site shows publications only, to everyone, whatever URL is tried."""

from __future__ import annotations

import datetime as dt
import json

from django.test import Client
from django.urls import reverse

from pia.models import JutenAssessmentPage, Publication
from tests.factories.pia import edit_for_version
from tests.personas import AFFAIR, IDENTIFIER, VERSIONS, PersonaTestCase

MARKER = "下書きだけにある記載ＸＹＺ"
ASSESSMENT_URL = f"/{IDENTIFIER}/"
# A word of the published document (its system 予防接種記録システム（ＶＲＳ）).
PUBLISHED_WORD = "接種記録"


class PublicSiteShowsPublicationsOnlyTest(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        page = cls.assessment
        values = page.get_values()
        values["kihon"]["jimu"]["naiyo"] += f"\n{MARKER}"
        page.set_values(values)
        cls.draft = page.save_revision(user=cls.officer)  # saved, never published
        org_page = page.get_parent()
        cls.unpublished = JutenAssessmentPage(title=f"未公表の評価書 {MARKER}", slug="unpublished", affair=MARKER)
        cls.unpublished.live = False
        org_page.add_child(instance=cls.unpublished)
        cls.unpublished.save_revision(user=cls.officer)

    def public_urls(self):
        return [
            "/",
            "/nagaoka/",
            ASSESSMENT_URL,
            *[f"{ASSESSMENT_URL}v{n}/" for n in range(1, VERSIONS + 1)],
            *[f"{ASSESSMENT_URL}v{n}/changes/" for n in range(2, VERSIONS + 1)],
            f"/search/?q={MARKER}",
            f"/search/?q={PUBLISHED_WORD}",
            "/api/v1/publications/",
            "/feeds/publications.atom",
            "/sitemap.xml",
            "/sitemap/pages.xml?p=1",
            "/sitemap/publications.xml?p=1",
        ]

    def clients(self):
        anonymous = Client()
        yield "anonymous", anonymous
        for name, user in self.personas().items():
            client = Client()
            client.force_login(user)
            yield name, client

    def test_no_public_page_shows_a_draft_or_an_unpublished_assessment_to_anyone(self):
        for who, client in self.clients():
            for url in self.public_urls():
                with self.subTest(who=who, url=url):
                    response = client.get(url)
                    self.assertEqual(response.status_code, 200)
                    if url.endswith(MARKER):
                        self.assertContains(response, "検索結果：0件")  # the page repeats the query, nothing else
                    else:
                        self.assertNotContains(response, MARKER)

    def test_an_unpublished_assessment_and_unknown_versions_are_not_found(self):
        for who, client in self.clients():
            for url in (
                "/nagaoka/unpublished/",
                "/nagaoka/unpublished/v1/",
                f"{ASSESSMENT_URL}v{VERSIONS + 1}/",
                f"{ASSESSMENT_URL}v0/",
                f"{ASSESSMENT_URL}v1/changes/",
                f"{ASSESSMENT_URL}v{VERSIONS}/files/pdf/",  # not rendered in this test
                f"{ASSESSMENT_URL}v{VERSIONS}/files/../../admin/",
            ):
                with self.subTest(who=who, url=url):
                    self.assertEqual(client.get(url).status_code, 404)

    def test_revision_parameters_do_not_reach_a_draft(self):
        for url in (f"{ASSESSMENT_URL}?revision={self.draft.pk}", f"{ASSESSMENT_URL}?preview=1&mode_name="):
            response = Client().get(url)
            self.assertEqual(response.status_code, 200)
            self.assertNotContains(response, MARKER)

    def test_admin_previews_registry_and_logs_need_a_login(self):
        anonymous = Client()
        for url in (
            reverse("wagtailadmin_pages:preview_on_edit", args=[self.assessment.pk]),
            reverse("wagtailadmin_pages:revisions_view", args=[self.assessment.pk, self.draft.pk]),
            reverse("pia_assessment_document", args=[self.assessment.pk]),
            reverse("pia_assessment_compare", args=[self.assessment.pk]) + "?a=1&b=draft",
            "/admin/snippets/registry/system/",
            "/admin/snippets/registry/staffaccount/",
        ):
            with self.subTest(url=url):
                response = anonymous.get(url)
                self.assertEqual(response.status_code, 302)
                self.assertIn("/admin/login/", response["Location"])

    def test_unpublishing_takes_the_assessment_off_the_public_site(self):
        self.assertContains(Client().get(f"/search/?q={PUBLISHED_WORD}"), "検索結果：1件")
        self.fresh_assessment().unpublish()
        for url in (ASSESSMENT_URL, f"{ASSESSMENT_URL}v1/", f"{ASSESSMENT_URL}v{VERSIONS}/changes/"):
            self.assertEqual(Client().get(url).status_code, 404)
        data = json.loads(Client().get("/api/v1/publications/").content)
        self.assertEqual(data["count"], 0)
        self.assertContains(Client().get(f"/search/?q={PUBLISHED_WORD}"), "検索結果：0件")


class PublicAssessmentPageTest(PersonaTestCase):
    """Three versions: 令和5年6月1日, 令和6年6月3日 (changed 保管場所), 令和7年6月30日 (changed ②事務の内容)."""

    def test_the_latest_publication_shows_with_its_versions_hash_and_annex(self):
        latest = Publication.objects.get(page=self.assessment, version=VERSIONS)
        response = Client().get(ASSESSMENT_URL)
        self.assertContains(response, '<html lang="ja">')
        self.assertContains(response, f"第{VERSIONS}版")
        self.assertContains(response, "令和7年6月30日")
        self.assertContains(response, latest.content_hash)
        for n in range(1, VERSIONS + 1):
            self.assertContains(response, f'href="{ASSESSMENT_URL}v{n}/"')
        self.assertContains(response, "（別添２）変更箇所：2行")  # one row for each version after the first
        self.assertContains(response, "令和6年6月3日")  # the first row's 変更日
        self.assertContains(response, '<th scope="row">①事務の名称</th>', html=False)

    def test_an_archived_version_looks_as_it_was_published(self):
        response = Client().get(f"{ASSESSMENT_URL}v2/")
        second = Publication.objects.get(page=self.assessment, version=2)
        self.assertContains(response, "これは過去の版（第2版、令和6年6月3日公表）です")
        self.assertContains(response, second.content_hash)
        self.assertContains(response, "（別添２）変更箇所：1行")  # its annex stopped at its own rows
        self.assertNotContains(response, "（別添２）変更箇所：2行")

    def test_what_changed_lists_each_changed_item_by_its_printed_path(self):
        response = Client().get(f"{ASSESSMENT_URL}v{VERSIONS}/changes/")
        self.assertContains(response, f"第{VERSIONS}版で変わったこと")
        self.assertContains(response, "<del>", html=False)
        self.assertContains(response, "<ins>", html=False)
        self.assertContains(response, "Ⅰ　基本情報 １．特定個人情報ファイルを取り扱う事務 ②事務の内容")
        self.assertNotContains(response, "保管場所")  # changed by the version before

    def test_the_organization_lists_its_assessments_with_the_latest_date(self):
        response = Client().get("/nagaoka/")
        self.assertContains(response, "長岡市長の特定個人情報保護評価書")
        self.assertContains(response, "重点項目評価書")
        self.assertContains(response, "令和7年6月30日")
        self.assertContains(response, f'href="{ASSESSMENT_URL}"')


class MachineReadableIndexTest(PersonaTestCase):
    def test_the_json_index_lists_every_publication_with_its_urls_and_hash(self):
        data = json.loads(Client().get("/api/v1/publications/").content)
        self.assertEqual(data["count"], VERSIONS)
        first = data["results"][0]
        self.assertEqual(first["version"], VERSIONS)
        self.assertEqual(first["assessment"], IDENTIFIER)
        self.assertEqual(first["organization"], "長岡市長")
        self.assertEqual(first["kind"], "juten")
        self.assertEqual(first["kohyo_bi"], "2025-06-30")
        self.assertEqual(first["html"], f"http://testserver{ASSESSMENT_URL}v{VERSIONS}/")
        self.assertEqual(len(first["content_hash"]), 64)

    def test_the_json_index_is_paginated_and_refuses_a_page_that_does_not_exist(self):
        response = Client().get("/api/v1/publications/?page=2")
        self.assertEqual(response.status_code, 404)
        self.assertIn("page", json.loads(response.content)["error"])
        self.assertEqual(Client().get("/api/v1/publications/?page=abc").status_code, 404)

    def test_the_atom_feed_and_the_sitemap_list_the_publications(self):
        feed = Client().get("/feeds/publications.atom")
        self.assertEqual(feed["Content-Type"], "application/atom+xml; charset=utf-8")
        self.assertEqual(feed.content.decode().count("<entry>"), VERSIONS)
        self.assertContains(feed, f"（第{VERSIONS}版）")
        index = Client().get("/sitemap.xml")
        self.assertContains(index, "http://testserver/sitemap/publications.xml?p=1")
        sitemap = Client().get("/sitemap/publications.xml?p=1")
        for n in range(1, VERSIONS + 1):
            self.assertContains(sitemap, f"{ASSESSMENT_URL}v{n}/")
        # lastmod: the moment of publication in UTC, in the W3C form sitemaps.org asks for.
        publication = Publication.objects.get(page=self.assessment, version=VERSIONS)
        moment = publication.published_at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        self.assertContains(
            sitemap, f"<url><loc>http://testserver{ASSESSMENT_URL}v{VERSIONS}/</loc><lastmod>{moment}</lastmod></url>"
        )
        pages = Client().get("/sitemap/pages.xml?p=1").content.decode()
        self.assertRegex(
            pages, rf"<loc>http://testserver{ASSESSMENT_URL}</loc><lastmod>\d{{4}}-\d\d-\d\dT\d\d:\d\d:\d\dZ<"
        )


class PublicSearchTest(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        # A version that writes a standard's name in half-width characters, as officers often do.
        page = cls.assessment
        values = page.get_values()
        edit_for_version(values, VERSIONS + 1)
        values["risk"][0]["sonota_taisaku"] = "クラウドサービスは ISO/IEC27017 の認証を受けたものに限る。"
        page.set_values(values)
        page.save_revision(user=cls.officer).publish(user=cls.approver)

    def search(self, query):
        return Client().get("/search/", {"q": query})

    def test_japanese_text_without_spaces_is_found_by_any_part(self):
        # Parts of its title, its body's name, a contractor, a system, the affair.
        for query in ("予防接種記録", "長岡市", "株式会社ミドリ情報", "健康管理システム", AFFAIR):
            with self.subTest(query=query):
                response = self.search(query)
                self.assertContains(response, "検索結果：1件")
                self.assertContains(response, f"<mark>{query}</mark>", html=False)

    def test_full_width_and_half_width_forms_find_each_other(self):
        self.assertContains(self.search("vrs"), "検索結果：1件")  # the document writes ＶＲＳ
        self.assertContains(self.search("ＩＳＯ／ＩＥＣ２７０１７"), "検索結果：1件")  # written ISO/IEC27017

    def test_every_term_must_occur(self):
        self.assertContains(self.search("長岡市 接種記録"), "検索結果：1件")
        response = self.search("長岡市 存在しない語句")
        self.assertContains(response, "検索結果：0件")
        self.assertContains(response, "該当する記録はありません（0 件）")

    def test_a_hostile_or_oversized_query_is_escaped_and_bounded(self):
        response = self.search('<script>alert("x")</script>')
        self.assertNotContains(response, "<script>alert", html=False)
        self.assertContains(response, "&lt;script&gt;", html=False)
        self.assertEqual(self.search("あ" * 10_000).status_code, 200)


class EndedAffairTest(PersonaTestCase):
    def test_an_ended_affair_is_listed_as_ended_and_its_publications_stay_public(self):
        import datetime as dt

        page = self.fresh_assessment()
        page.affair_ended_on = dt.date(2026, 3, 31)
        page.save_revision(user=self.officer).publish(user=self.approver)
        listing = Client().get("/nagaoka/")
        self.assertContains(listing, "終了（令和8年3月31日）")
        self.assertNotContains(listing, "公表中")
        response = Client().get(ASSESSMENT_URL)
        self.assertContains(response, "終了（令和8年3月31日）")
        self.assertEqual(Client().get(f"{ASSESSMENT_URL}v1/").status_code, 200)
