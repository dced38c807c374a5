"""Search excerpts are cut between characters of the text, never inside a slug, an identifier or a URL."""

from __future__ import annotations

from django.test import SimpleTestCase

from pia.public.snippets import ELLIPSIS, MAX_TOKEN, is_boundary, snippet

URL = "https://www.city.nagaoka.niigata.jp/kurashi/nagaoka-yobo/index.html?id=12&amp=3"
SLUG = "nagaoka/yobo-sesshu"
JAPANESE = "長岡市の予防接種に関する事務では、接種記録を健康管理システムで管理し、保存期間の経過後に消去する。" * 3


def shown(parts: tuple[str, str, str]) -> str:
    return "".join(parts)


def assert_no_token_cut(case: SimpleTestCase, parts: tuple[str, str, str], *tokens: str) -> None:
    """Each of *tokens* in the excerpt is either whole or absent: no excerpt ends or starts with a part of one."""
    text = shown(parts).strip(ELLIPSIS).strip()
    for token in tokens:
        for size in range(1, len(token)):
            head, tail = token[:size], token[size:]
            if text.endswith(head) and not text.endswith(token):
                case.fail(f"cut after {head!r}: {parts!r}")
            if text.startswith(tail) and not text.startswith(token):
                case.fail(f"cut before {tail!r}: {parts!r}")


class SnippetTest(SimpleTestCase):
    def test_a_hit_inside_a_url_shows_the_whole_url(self):
        text = f"詳しくは {URL} をご覧ください。"
        before, match, after = snippet(text, ["nagaoka"])
        self.assertEqual(match, "nagaoka")
        self.assertIn(URL, before + match + after)

    def test_context_never_ends_inside_a_slug_or_a_url(self):
        text = "あ" * 30 + f"接種記録 {SLUG} と {URL} を参照" + "い" * 30
        for width in range(1, 60):
            for term in ("接種記録", "参照", "と"):
                with self.subTest(width=width, term=term):
                    assert_no_token_cut(self, snippet(text, [term], width), SLUG, URL)

    def test_the_reported_case_no_longer_ends_in_a_part_of_a_name(self):
        text = f"評価書の識別子は {SLUG} です。" + "。" * 100
        for width in range(1, 30):
            parts = snippet(text, ["識別子"], width)
            self.assertFalse(shown(parts).rstrip(ELLIPSIS).endswith("nagao"), parts)
            assert_no_token_cut(self, parts, SLUG)

    def test_a_hit_at_the_very_start_and_at_the_very_end(self):
        before, match, after = snippet(JAPANESE, ["長岡市"])
        self.assertEqual((before, match), ("", "長岡市"))
        self.assertTrue(after.endswith(ELLIPSIS))
        before, match, after = snippet(JAPANESE + "以上", ["以上"])
        self.assertTrue(before.startswith(ELLIPSIS))
        self.assertEqual(after, "")
        self.assertEqual(shown(snippet("記録", ["記録"])), "記録")

    def test_japanese_without_spaces_is_cut_at_characters_to_the_width(self):
        text = "あ" * 500 + "接種記録" + "い" * 500
        before, match, after = snippet(text, ["接種記録"], 40)
        self.assertEqual(before, ELLIPSIS + "あ" * 40)
        self.assertEqual(after, "い" * 40 + ELLIPSIS)

    def test_a_character_and_its_variation_selector_stay_together(self):
        text = "葛\U000e0100" * 60 + "飾区" + "辻\U000e0101" * 60
        before, match, after = snippet(text, ["飾区"], 5)
        self.assertNotEqual(before[1], "\U000e0100")  # the excerpt does not open with a lone selector
        self.assertTrue(after.rstrip(ELLIPSIS).endswith("\U000e0101"))

    def test_very_long_text_gives_a_short_excerpt(self):
        text = ("長岡市 " * 100_000) + "接種記録" + (" 長岡市" * 100_000)
        self.assertLess(len(shown(snippet(text, ["接種記録"]))), 100)

    def test_a_hostile_token_is_shortened_at_its_own_separators(self):
        long_url = "https://e.jp/" + "/".join(["seg"] * 1000) + "/target/" + "/".join(["seg"] * 1000)
        before, match, after = snippet(f"参照 {long_url} まで", ["target"])
        self.assertEqual(match, "target")
        self.assertLessEqual(len(before + match + after), MAX_TOKEN + 2)
        self.assertTrue(before.startswith(ELLIPSIS + "seg/") or before.startswith(ELLIPSIS + "/"))
        self.assertTrue(after.endswith("seg" + ELLIPSIS))
        blob = "x" * 100_000
        self.assertLessEqual(len(shown(snippet(blob + "q" + blob, ["q"]))), MAX_TOKEN + 2)

    def test_no_hit_shows_the_start_without_cutting_a_token(self):
        text = "評価書 " + SLUG + " " + "あ" * 200
        for width in range(1, 20):
            with self.subTest(width=width):
                before, match, after = snippet(text, ["存在しない"], width)
                self.assertEqual((match, after), ("", ""))
                assert_no_token_cut(self, (before, "", ""), SLUG)

    def test_the_earliest_hit_of_any_term_is_shown_and_newlines_become_spaces(self):
        before, match, after = snippet("一行目\n二行目の接種記録\n三行目の長岡市", ["長岡市", "接種記録"])
        self.assertEqual(match, "接種記録")
        self.assertEqual(before, "一行目 二行目の")
        self.assertNotIn("\n", after)

    def test_boundaries(self):
        self.assertFalse(is_boundary("ab", 1))
        self.assertTrue(is_boundary("aあ", 1))
        self.assertTrue(is_boundary("ああ", 1))
        self.assertFalse(is_boundary("か\u3099", 1))  # か + combining dakuten
