"""The auditor reads the timeline and compares Nagaoka's latest version with a new one.

Two changed items; the ※ one is marked.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import login, persona
from tests.nagaoka import NAGAOKA_VERSIONS

ADDED_SENTENCE = "・バックアップは庁外の保管庫に保管する。"
NEW_NAME = "新型コロナウイルス感染症対策に係る予防接種事務（改）"
HOKAN_PATH = "Ⅱ　特定個人情報ファイルの概要 ６．特定個人情報の保管・消去 保管場所"
MEISHO_PATH = "Ⅰ　基本情報 １．特定個人情報ファイルを取り扱う事務 ①事務の名称"
SIGNIFICANT = "重要な変更にあたる項目"
NOT_SIGNIFICANT = "重要な変更にあたらない項目"


OLD, NEW = NAGAOKA_VERSIONS, NAGAOKA_VERSIONS + 1


def publish_a_second_version(page) -> None:
    """Server side: the officer changes 保管場所 (a ※ item) and 事務の名称; the approver publishes the next version."""
    from django.contrib.auth import get_user_model

    users = get_user_model().objects
    officer = users.get(username="nagaoka-officer")
    approver = users.get(username="nagaoka-approver")
    values = page.get_values()
    values["files"][0]["hokan"]["hokan_basho"] += "\n" + ADDED_SENTENCE
    values["kihon"]["jimu"]["meisho"] = NEW_NAME
    page.set_values(values)
    page.save_revision(user=officer).publish(user=approver)


def changed_row(table, path: str):
    """The compare table's row whose printed path (the row header) contains *path*."""
    return table.locator("tbody tr").filter(has=table.page.locator("th[scope=row]", has_text=path))


@pytest.mark.browser
def test_the_auditor_compares_two_publications(new_page, assessment, shot):
    from pia.models import AnnexRow, Publication

    publish_a_second_version(assessment)
    publications = Publication.objects.for_page(assessment)
    assert [p.version for p in publications] == list(range(1, NEW + 1))
    assert AnnexRow.objects.filter(publication__page=assessment, publication__version=NEW).count() == 2

    auditor = new_page()
    login(auditor, persona("nagaoka-auditor"))

    # 評価書一覧 from the admin menu, then the assessment's document view.
    auditor.get_by_role("link", name="評価書一覧").first.click()
    auditor.wait_for_url(re.compile(r"/admin/pia/assessments/$"))
    listing = auditor.locator("table.listing")
    expect(listing.get_by_role("link", name="編集")).to_have_count(0)  # read-only role: no edit button
    listing.get_by_role("link", name=assessment.title).click()
    auditor.wait_for_url(re.compile(rf"/admin/pia/assessments/{assessment.pk}/$"))
    expect(auditor.get_by_role("link", name="版の比較")).to_be_visible()
    expect(auditor.get_by_role("link", name="編集", exact=True)).to_have_count(0)

    # 経過: the new version (two changed items, approved by the approver) first, 第1版 (the first version) last.
    auditor.get_by_role("link", name="経過", exact=True).click()
    auditor.wait_for_url(re.compile(rf"/admin/pia/assessments/{assessment.pk}/timeline/$"))
    detail_rows = ":not(.pia-notes):not(.pia-files):not(.pia-judgements)"  # a version's notes, files, judgements
    publication_rows = auditor.locator("table.listing").first.locator(f"tbody tr{detail_rows}")
    expect(publication_rows).to_have_count(NEW)
    rows = publication_rows.all()
    second, first = rows[0], rows[-1]
    expect(second.locator("td").nth(0)).to_have_text(f"第{NEW}版")
    expect(second.locator("td").nth(1)).to_contain_text("令和")
    expect(second.locator("td").nth(2)).to_have_text("医療 一郎")
    expect(second.locator("td").nth(3)).to_have_text("2件")
    expect(second.locator("td").nth(4)).to_have_text("2行")
    expect(first.locator("td").nth(0)).to_have_text("第1版")
    expect(first.locator("td").nth(3)).to_have_text("（初版）")
    expect(first.get_by_role("link", name="前の版と比較")).to_have_count(0)
    shot(auditor, "timeline")

    # 前の版と比較 on the new version opens the compare view of the previous one → the new one.
    second.get_by_role("link", name="前の版と比較").click()
    auditor.wait_for_url(re.compile(rf"/admin/pia/assessments/{assessment.pk}/compare/\?a={OLD}&b={NEW}$"))

    def expect_the_two_changes() -> None:
        expect(auditor.locator("select[name=a]")).to_have_value(str(OLD))
        expect(auditor.locator("select[name=b]")).to_have_value(str(NEW))
        table = auditor.locator("table.pia-compare")
        expect(table.locator("tbody tr")).to_have_count(2)

        hokan = changed_row(table, HOKAN_PATH)
        expect(hokan).to_have_count(1)
        expect(hokan.locator("th[scope=row] .pia-significant")).to_have_text("※")
        old_text, new_text, annex = hokan.locator("td").all()
        expect(old_text).not_to_contain_text("バックアップは庁外の保管庫")
        expect(new_text.locator("ins")).to_contain_text(ADDED_SENTENCE)
        expect(annex).to_contain_text("事前")
        expect(annex).to_contain_text(SIGNIFICANT)

        meisho = changed_row(table, MEISHO_PATH)
        expect(meisho).to_have_count(1)
        expect(meisho.locator(".pia-significant")).to_have_count(0)
        old_text, new_text, annex = meisho.locator("td").all()
        expect(old_text).not_to_contain_text("（改）")
        expect(new_text).to_have_text(NEW_NAME)
        expect(new_text.locator("ins")).to_have_text("（改）")
        expect(annex).to_contain_text("事後")
        expect(annex).to_contain_text(NOT_SIGNIFICANT)

    expect_the_two_changes()
    shot(auditor, "compare-first-and-second-version")
    auditor.locator("table.pia-compare ins", has_text=ADDED_SENTENCE).scroll_into_view_if_needed()
    shot(auditor, "compare-inserted-sentence-in-hokan-basho")

    # The form: the new version against itself shows no difference; against the previous one, the two changes again.
    auditor.locator("select[name=a]").select_option(str(NEW))
    auditor.locator("select[name=b]").select_option(str(NEW))
    auditor.get_by_role("button", name="比較する").click()
    auditor.wait_for_url(re.compile(rf"/compare/\?a={NEW}&b={NEW}$"))
    expect(auditor.locator("table.pia-compare")).to_have_count(0)
    expect(auditor.get_by_text("違いはありません。")).to_be_visible()

    auditor.locator("select[name=a]").select_option(str(OLD))
    auditor.get_by_role("button", name="比較する").click()
    auditor.wait_for_url(re.compile(rf"/compare/\?a={OLD}&b={NEW}$"))
    expect_the_two_changes()

    # Nagaoka's own history: 令和3年8月11日 (第2版) against 令和7年6月30日 (第8版) shows every change the engine finds.
    from pia.versions.diff import content_changes

    v2, v8 = (Publication.objects.get(page=assessment, version=n) for n in (2, NAGAOKA_VERSIONS))
    expected = len(content_changes(v2.document, v8.document))
    auditor.locator("select[name=a]").select_option("2")
    auditor.locator("select[name=b]").select_option(str(NAGAOKA_VERSIONS))
    auditor.get_by_role("button", name="比較する").click()
    auditor.wait_for_url(re.compile(rf"/compare/\?a=2&b={NAGAOKA_VERSIONS}$"))
    expect(auditor.get_by_text(f"変更された項目 {expected}件")).to_be_visible()
    expect(auditor.locator("table.pia-compare tbody tr")).to_have_count(expected)
    shot(auditor, "compare-r3-08-11-with-r7-06-30")

    # The page editor does not open for the auditor: Wagtail sends them back to the dashboard with an error.
    auditor.goto(f"/admin/pages/{assessment.pk}/edit/")
    expect(auditor).to_have_url(re.compile(r"/admin/$"))
    expect(auditor.locator("input[name=title]")).to_have_count(0)
    expect(auditor.locator(".messages .error")).to_be_visible()
