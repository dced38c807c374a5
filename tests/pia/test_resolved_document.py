"""The demo's resolved document holds every value of the seed's current version."""

import re

from pia.formdef.document import iter_nodes
from tests.nagaoka import NagaokaTestCase
from tests.reference import reference_values

SKIPPED_KEYS = {"index", "file_no", "src", "notes"}
SECTIONS = ("cover", "kihon", "files", "betten1", "risk", "kaiji", "tetsuzuki")


def squash(text) -> str:
    """Compare texts ignoring line breaks and spaces (the seed's PDF wraps are unreliable)."""
    return re.sub(r"[\s　]+", "", str(text))


def reference_leaves(value, path):
    """(path, value) for every non-empty leaf of the reference values, in the document's path notation."""
    if isinstance(value, dict):
        if "checked" in value:
            yield path, value
            return
        for key, child in value.items():
            if key in SKIPPED_KEYS or key.endswith("_iso") or key == "yoshiki_label":
                continue
            yield from reference_leaves(child, f"{path}.{key}")
    elif isinstance(value, list) and value and isinstance(value[0], dict):
        for n, entry in enumerate(value, start=1):
            yield from reference_leaves(entry, f"{path}[{n}]")
    elif isinstance(value, list):
        if value:
            yield path, "\n".join(value)
    elif value is not None:
        yield path, value


class ResolvedDocumentTest(NagaokaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.document = cls.assessment.resolved_document()
        cls.nodes = {node["path"]: node for node in iter_nodes(cls.document)}

    def expected(self):
        seed = reference_values()
        for section in SECTIONS:
            yield from reference_leaves(seed[section], section)

    def test_it_holds_every_non_empty_value_of_the_seed(self):
        checked = 0
        for path, expected in self.expected():
            if isinstance(expected, dict):
                continue  # check boxes are compared box by box below
            node = self.nodes.get(path)
            self.assertIsNotNone(node, f"{path} is missing from the resolved document")
            self.assertIn("value", node, f"{path} is not a value item")
            if node["type"] == "date":
                self.assertEqual(node["text"], expected, path)  # printed 和暦, e.g. 令和3年5月17日
            elif node["type"] == "integer":
                self.assertEqual(node["value"], expected, path)
            else:
                self.assertEqual(squash(node["value"]), squash(expected), path)
            checked += 1
        self.assertGreater(checked, 100)

    def test_every_check_mark_is_as_in_the_seed(self):
        for path, expected in self.expected():
            if not isinstance(expected, dict) or path.count(".") < 1:
                continue
            parent_path, _, box = path.rpartition(".")
            node = self.nodes[parent_path]
            state = next(check for check in node["value"] if check["key"] == box)
            self.assertEqual(state["checked"], expected["checked"], path)
            if expected.get("text"):
                self.assertEqual(state["text"], expected["text"], path)
            if expected.get("count") is not None:
                self.assertEqual(state["count"], expected["count"], path)

    def test_items_are_in_document_order_with_printed_numbers_and_paths(self):
        paths = [node["path"] for node in iter_nodes(self.document)]
        self.assertLess(paths.index("kihon.jimu.meisho"), paths.index("files[1].file_mei"))
        self.assertLess(paths.index("files[1].file_mei"), paths.index("betten1[1].kiroku_komoku"))
        self.assertLess(paths.index("betten1[1].kiroku_komoku"), paths.index("risk[1].file_mei"))
        node = self.nodes["files[1].itaku.jiko[2].saiitaku.umu"]
        self.assertEqual(node["number"], "④")
        self.assertEqual(
            node["printed_path"],
            "Ⅱ　特定個人情報ファイルの概要 ４．特定個人情報ファイルの取扱いの委託 委託事項２ ④再委託の有無",
        )
        self.assertTrue(node["significant"])
        self.assertEqual(
            self.nodes["kihon.systems[3].setsuzoku"]["printed_path"],
            "Ⅰ　基本情報 ２．特定個人情報ファイルを取り扱う事務において使用するシステム "
            "システム３ ③他のシステムとの接続",
        )

    def test_choices_read_as_the_change_annex_prints_them(self):
        self.assertEqual(self.nodes["risk[1].shiyo.risk1.jubun"]["text"], "［十分である］")
        self.assertEqual(self.nodes["kihon.systems[1].setsuzoku"]["text"], "［〇］その他（健康管理システム）")

    def test_the_form_label_and_organization_are_carried(self):
        self.assertEqual(self.document["definition"]["form_label"], "[令和６年10月　様式３]")
        self.assertEqual(self.document["assessment"]["organization"], "長岡市長")
        self.assertEqual(self.document["assessment"]["identifier"], "nagaoka/covid19-vaccination")
        self.assertEqual(self.nodes["cover.kohyo_bi"]["text"], "令和7年6月30日")
