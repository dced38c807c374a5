"""経過 names the items its notes are about by their printed path, never by the path the code uses."""

from __future__ import annotations

from django.urls import reverse

from pia.admin.printed_paths import UNKNOWN, humanize, printed_paths
from pia.formdef.document import iter_nodes
from pia.models import Publication
from tests.personas import PersonaTestCase


class TimelineNotesUsePrintedPathsTest(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.publication = Publication.objects.for_page(cls.assessment).order_by("-version").first()
        document = cls.publication.document
        cls.leaf = next(node for node in iter_nodes(document) if "[" in node["path"] and node.get("text"))
        cls.repeat = next(node for node in iter_nodes(document) if node.get("entries"))
        cls.notes = [
            f"令和7年6月30日 {cls.leaf['path']}：変更前の記載を復元できませんでした",
            f"令和7年6月30日 {cls.leaf['path']}.sonota.text：一部のみ復元しました",  # a sub-field: its item
            f"令和7年6月30日 {cls.repeat['path']}[1]：行を追加しました",  # a repeat entry
            "令和7年6月30日 nosuch[9].gone：削除された項目です",  # known to no version
            "参考: https://example.jp/a.b/c を参照、ファイル名 nagaoka.csv",  # not paths: left as written
        ]
        # Publications refuse save() once stored; notes are written at publication, as the demo does.
        Publication.objects.filter(pk=cls.publication.pk).update(notes=cls.notes)

    def test_notes_show_printed_paths_only(self):
        self.client.force_login(self.auditor)
        response = self.client.get(reverse("pia_assessment_timeline", args=[self.assessment.pk]))
        self.assertEqual(response.status_code, 200)
        body = response.content.decode()
        self.assertIn(f"{self.leaf['printed_path']}：変更前の記載を復元できませんでした", body)
        self.assertIn(f"{self.leaf['printed_path']}：一部のみ復元しました", body)
        entry_label = self.repeat["entries"][0]["printed_path"]
        self.assertIn(f"{entry_label}：行を追加しました", body)
        self.assertIn(f"{UNKNOWN}：削除された項目です", body)
        self.assertIn("https://example.jp/a.b/c", body)
        self.assertIn("nagaoka.csv", body)
        for internal in (self.leaf["path"], self.repeat["path"], "nosuch[9]", ".sonota.text"):
            self.assertNotIn(internal, body)

    def test_every_path_of_the_document_has_a_printed_path(self):
        known = printed_paths(self.publication.document)
        for node in iter_nodes(self.publication.document):
            with self.subTest(path=node["path"]):
                self.assertEqual(humanize(f"「{node['path']}」", known), f"「{node['printed_path']}」")
