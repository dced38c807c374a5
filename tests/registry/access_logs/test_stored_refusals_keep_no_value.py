"""Refusals stored before the hardening are rewritten (migration 0005) to a line number and a value-free reason."""

from __future__ import annotations

import importlib

from django.test import SimpleTestCase

hardening = importlib.import_module("registry.migrations.0005_access_log_hardening")


class StoredRefusalsKeepNoValueTest(SimpleTestCase):
    def test_old_reasons_that_repeated_a_value_are_rewritten_without_it(self):
        old = [
            {"line": 3, "reason": "操作「1234.5678.9018」は定義されていません", "value": "x"},
            {"line": 4, "reason": "日時「2099-01-01T09:00:00+09:00」が受信日時より先です"},
            {"line": 5, "reason": "システム「山田太郎」はこのバッチのシステム（vrs）ではありません"},
            {"line": 6, "reason": "定義されていない項目があります: 123456789018"},
            {"line": 7, "reason": "端末（terminal）が長すぎます（100文字まで）"},
            {"line": 8, "reason": "結果「a」b」は定義されていません"},
            {"line": 9, "reason": "なにか「秘密」"},
            {"reason": "no line"},
        ]
        self.assertEqual(
            hardening.scrubbed_lines(old),
            [
                {"line": 3, "reason": "操作（action）が定義された値ではありません"},
                {"line": 4, "reason": "日時（occurred_at）が受信日時より先です"},
                {"line": 5, "reason": "システム（system）がこのバッチのシステムではありません"},
                {"line": 6, "reason": "定義されていない項目があります"},
                {"line": 7, "reason": "端末（terminal）が長すぎます（100文字まで）"},
                {"line": 8, "reason": "結果（result）が定義された値ではありません"},
                {"line": 9, "reason": "この行は受け付けませんでした（理由の記録は消去しました）"},
            ],
        )

    def test_anything_but_a_list_of_lines_becomes_an_empty_list(self):
        self.assertEqual(hardening.scrubbed_lines({"line": 1}), [])
