"""The official-form PDF of Nagaoka's latest publication, read back with pypdf."""

from __future__ import annotations

import io

from pypdf import PdfReader

from exports.artifact_data import published_data
from pia.formdef.document import iter_nodes
from pia.models import Publication
from registry.jp.numerals import halfwidth
from tests.exports.rendered import PrintedText, page_texts, pdf_of, squeeze
from tests.nagaoka import NAGAOKA_VERSIONS, NagaokaTestCase
from tests.reference import schema_labels

A4_POINTS = (595.28, 841.89)


def entry_titles(document):
    """The header cell of each entry whose first item names it: 委託事項1 followed by the name."""
    titles = {}
    for node in iter_nodes(document):
        for entry in node.get("entries", []):
            first = entry["items"][0] if entry.get("items") else None
            if first and first["label"].startswith(entry["label"]) and first["label"] != entry["label"]:
                titles[first["path"]] = halfwidth(entry["label"]) + (first.get("text") or "")
    return titles


class NagaokaPdfTest(NagaokaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.publication = Publication.objects.get(page=cls.assessment, version=NAGAOKA_VERSIONS)
        cls.data = published_data(cls.publication)
        cls.pdf = pdf_of(cls.data)
        cls.printed = PrintedText(cls.pdf)
        cls.reader = PdfReader(io.BytesIO(cls.pdf))

    def leaves(self):
        return [node for node in iter_nodes(self.data.document) if "value" in node]

    def test_it_prints_every_non_empty_value_of_the_publication(self):
        missing = []
        for node in self.leaves():
            if node["type"] == "multi_check":
                wanted = [c.get("text") for c in node["value"] if c.get("text")]
                wanted += [str(c["count"]) for c in node["value"] if c.get("count") is not None]
            elif node["type"] == "single_choice":
                wanted = [node["value"]] if node["value"] else []
            elif node["type"] == "checkbox":
                wanted = []
            else:
                wanted = [node["text"]] if node["text"] else []
            missing += [(node["printed_path"], text) for text in wanted if not self.printed.contains(text)]
        self.assertEqual(missing, [])
        self.assertGreater(len(self.leaves()), 100)

    def test_it_prints_every_label_choice_and_check_of_the_form(self):
        missing = []
        titles = entry_titles(self.data.document)
        for node in iter_nodes(self.data.document):
            if node["type"] == "constant":
                continue  # 様式表示 is printed as its value, [令和６年10月　様式３]
            # An entry's name (委託事項１（件名）) is printed in its header cell: 委託事項1 and the name.
            texts = [titles[node["path"]]] if node["path"] in titles else [node["label"]]
            texts += [
                f"{n}{(node.get('choice_numbering') or '1)')[1:]}{choice}"
                for n, choice in enumerate(node.get("choices") or [], start=1)
            ]
            if node["type"] == "multi_check":
                texts += [check["label"] for check in node["value"]]
            missing += [(node["path"], text) for text in texts if not self.printed.contains(text)]
        for section in self.data.document["sections"]:
            if not self.printed.contains(section["label"]):
                missing.append((section["key"], section["label"]))
        self.assertEqual(missing, [])

    def test_it_prints_every_label_and_choice_of_the_reference_schema_but_its_internal_one(self):
        labels = schema_labels()
        missing = [label for label in labels if not self.printed.contains(label)]
        print(f"\nlabels printed {len(labels) - len(missing)}/{len(labels)}")
        self.assertEqual(len(labels), 257)
        self.assertEqual(missing, ["様式表示"])  # the schema's name for the edition tag, printed as its value

    def test_the_cover_carries_the_forms_title_identity_and_date_in_wareki(self):
        cover = squeeze(page_texts(self.pdf)[0])
        for text in (
            "特定個人情報保護評価書（重点項目評価書）",
            "評価書番号",
            "評価書名",
            "個人のプライバシー等の権利利益の保護の宣言",
            "特記事項",
            "評価実施機関名",
            "長岡市長",
            "公表日",
            "令和7年6月30日",
            "[令和６年10月様式３]",
        ):
            self.assertIn(squeeze(text), cover)
        toc = squeeze(page_texts(self.pdf)[1])
        self.assertIn("項目一覧", toc)
        for entry in self.data.document["definition"]["table_of_contents"]:
            self.assertIn(squeeze(entry), toc)

    def test_single_choices_and_check_lists_print_as_the_form_does(self):
        text = self.printed.joined
        self.assertIn(squeeze("[ 十分である ]"), text)
        self.assertIn("＜選択肢＞", text)
        self.assertIn(squeeze("1） 特に力を入れている"), text)
        self.assertIn(squeeze("[ ○ ] 情報提供ネットワークシステム"), text)
        self.assertIn(squeeze("[ 　 ] 住民基本台帳ネットワークシステム"), text)
        self.assertIn(squeeze("[ ○ ] その他（ 健康管理システム ）"), text)
        self.assertIn(squeeze("[ ○ ] 提供を行っている（ 2 ）件"), text)

    def test_repeat_groups_print_the_forms_collapsed_headers_where_entries_are_absent(self):
        text = self.printed.joined
        # Nagaoka has four systems, two 委託事項, one 提供先 and no 移転先.
        for header in (
            "システム2～5",
            "システム6～10",
            "システム16～20",
            "委託事項2～5",
            "委託事項6～10",
            "提供先2～5",
            "移転先1",
            "移転先2～5",
        ):
            self.assertIn(header, text)
        for entry in ("システム4", "委託事項2", "提供先1"):
            self.assertIn(entry, text)

    def test_the_annex_prints_every_row_of_the_publication_in_the_forms_columns(self):
        self.assertGreater(len(self.data.annex), 80)
        for header in ("変更日", "項目", "変更前の記載", "変更後の記載", "提出時期", "提出時期に係る説明"):
            self.assertIn(header, self.printed.joined)
        missing = []
        for line in self.data.annex:
            for text in (line.komoku, line.henko_mae, line.henko_go, line.explanation):
                if not self.printed.contains(text):
                    missing.append((line.henko_bi, line.komoku, text[:30]))
        self.assertEqual(missing, [])
        self.assertIn("令和3年11月19日", self.printed.joined)

    def test_every_paginated_annex_page_of_nagaoka_prints_on_one_page(self):
        annex_pages = [page for page in self.reader.pages if "変更前の記載" in (page.extract_text() or "")]
        self.assertGreater(len(annex_pages), 10)
        for page in annex_pages:
            self.assertIn("変更日", page.extract_text())  # the header row repeats on every annex page

    def test_every_page_is_a4_with_its_number_version_and_content_hash(self):
        texts = page_texts(self.pdf)
        total = len(texts)
        self.assertGreater(total, 30)
        for number, (page, text) in enumerate(zip(self.reader.pages, texts, strict=True), start=1):
            width, height = float(page.mediabox.width), float(page.mediabox.height)
            self.assertAlmostEqual(width, A4_POINTS[0], delta=1)
            self.assertAlmostEqual(height, A4_POINTS[1], delta=1)
            self.assertIn(f"{number} / {total}", text)
            self.assertIn(f"第{NAGAOKA_VERSIONS}版", text)
            self.assertIn(self.publication.content_hash, squeeze(text))
        self.assertIn(squeeze("[令和６年10月　様式３]"), squeeze(texts[2]))  # the running header

    def test_it_embeds_subset_ipaex_fonts_so_japanese_never_prints_as_empty_boxes(self):
        embedded = set()
        for page in self.reader.pages:
            for font in page["/Resources"]["/Font"].values():
                font = font.get_object()
                for descendant in font.get("/DescendantFonts", []):
                    descriptor = descendant.get_object()["/FontDescriptor"].get_object()
                    if "/FontFile2" in descriptor or "/FontFile3" in descriptor:
                        embedded.add(str(descriptor["/FontName"]).split("+", 1)[-1])
        self.assertIn("IPAexMincho", embedded)
        self.assertIn("IPAexGothic", embedded)

    def test_it_is_a_tagged_pdf_in_japanese_with_title_and_author(self):
        root = self.reader.trailer["/Root"]
        self.assertEqual(root["/Lang"], "ja")
        self.assertTrue(root["/MarkInfo"]["/Marked"])
        self.assertIn("/StructTreeRoot", root)
        document = root["/StructTreeRoot"]["/K"][0].get_object()
        self.assertEqual(document["/S"], "/Document")
        self.assertGreater(len(document["/K"]), 20)
        metadata = self.reader.metadata
        self.assertIn("特定個人情報保護評価書（重点項目評価書）", metadata.title)
        self.assertIn("新型コロナウイルス感染症対策に係る予防接種事務", metadata.title)
        self.assertEqual(metadata.author, "長岡市長")
        self.assertTrue(root["/ViewerPreferences"]["/DisplayDocTitle"])
        outline_titles = [item.title for item in self.reader.outline if not isinstance(item, list)]
        self.assertIn("Ⅲ　リスク対策　※（７．②を除く。）", outline_titles)

    def test_struct_parents_of_the_joined_chunks_stay_unique(self):
        keys = [int(page["/StructParents"]) for page in self.reader.pages if "/StructParents" in page]
        self.assertEqual(len(keys), len(set(keys)))
        nums = self.reader.trailer["/Root"]["/StructTreeRoot"]["/ParentTree"]["/Nums"]
        tree_keys = [int(nums[i]) for i in range(0, len(nums), 2)]
        self.assertEqual(len(tree_keys), len(set(tree_keys)))
        self.assertLessEqual(set(keys), set(tree_keys))

    def test_table_cells_point_at_their_header_cells_with_ids_unique_across_the_document(self):
        import pikepdf

        pdf = pikepdf.open(io.BytesIO(self.pdf))
        ids, headers, tags = [], [], []
        stack = list(pdf.Root.StructTreeRoot.K)
        while stack:
            element = stack.pop()
            if not isinstance(element, pikepdf.Dictionary):
                continue
            tags.append(str(element.get("/S")))
            if "/ID" in element:
                ids.append(str(element.ID))
            attributes = element.get("/A")
            if isinstance(attributes, pikepdf.Dictionary) and "/Headers" in attributes:
                headers.extend(str(h) for h in attributes.Headers)
            kids = element.get("/K")
            stack.extend(kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else [])
        self.assertEqual(len(ids), len(set(ids)))
        self.assertGreater(len(headers), 300)
        self.assertLessEqual(set(headers), set(ids))
        for tag in ("/Table", "/TH", "/TD", "/H1"):
            self.assertIn(tag, tags)
