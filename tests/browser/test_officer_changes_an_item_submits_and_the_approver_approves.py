"""The officer edits ②事務の内容 and submits it; the 所属長 approves on the approval screen; it goes live."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import IDENTIFIER, latest_workflow_state, login, persona, revision_text

ADDED = "令和８年度からは接種記録の保存期間を見直す。"
NAIYO = 'textarea[name="s_kihon-0-value-jimu-naiyo"]'


def all_text(document) -> str:
    return json.dumps(document, ensure_ascii=False)


@pytest.mark.browser
def test_officer_changes_an_item_submits_and_the_approver_approves(new_page, assessment, shot):
    from pia.models.lookup import find_assessment

    assert ADDED not in all_text(assessment.resolved_document())
    editor_url = f"/admin/pages/{assessment.pk}/edit/"

    # --- the officer edits, saves a draft and submits it for approval ---
    officer = new_page()
    login(officer, persona("nagaoka-officer"))
    officer.goto(editor_url)
    officer.get_by_role("tab", name="Ⅰ", exact=True).click()
    naiyo = officer.locator(f"#tab-i {NAIYO}")
    expect(naiyo).to_be_visible()
    original = naiyo.input_value()
    naiyo.fill(original + ADDED)
    shot(officer, "officer-edited-jimu-naiyo")

    with officer.expect_navigation():
        officer.get_by_role("button", name="下書きを保存").click()
    expect(officer.locator(".messages .success")).to_contain_text("更新が完了しました")
    expect(officer.locator(f"#tab-i {NAIYO}")).to_have_value(original + ADDED)
    shot(officer, "officer-saved-draft")

    draft = find_assessment(IDENTIFIER)
    assert ADDED in revision_text(draft.latest_revision)
    assert ADDED not in all_text(draft.resolved_document()), "a draft must not change the live page"
    assert latest_workflow_state(draft) is None

    officer.locator("footer .w-dropdown__toggle").click()
    submit = officer.locator('footer button[name="action-submit"]')
    expect(submit).to_contain_text("所属長承認に提出する")
    shot(officer, "officer-opens-submit-menu")
    with officer.expect_navigation():
        submit.click()
    # The demo's cover has no 評価書番号 (the seed's text lost the cover's header row): a required
    # item, so the submission is refused and names it; its link leads to the input.
    expect(officer.locator(".messages .error")).to_contain_text(
        "必須項目が1件記載されていないため、承認に提出できません：表紙 評価書番号"
    )
    officer.get_by_role("button", name="最初の誤りへ移動").click()
    number = officer.locator('input[name="s_cover-0-value-hyokasho_bango"]')
    expect(number).to_be_focused()
    shot(officer, "officer-submission-refused-missing-item")
    number.fill("12")
    officer.locator("footer .w-dropdown__toggle").click()
    with officer.expect_navigation():
        officer.locator('footer button[name="action-submit"]').click()
    expect(officer).to_have_url(re.compile(r"/admin/pages/\d+/$"))
    expect(officer.locator(".messages .success")).to_contain_text("承認を申請しました")
    shot(officer, "officer-submitted")

    submitted = find_assessment(IDENTIFIER)
    assert ADDED in revision_text(submitted.latest_revision)
    state = latest_workflow_state(submitted)
    assert state is not None
    assert state.status == state.STATUS_IN_PROGRESS
    assert state.requested_by.username == "nagaoka-officer"
    assert ADDED not in all_text(submitted.resolved_document()), "submitting must not publish"

    # --- the 所属長 opens the approval from the dashboard and approves on the approval screen ---
    approver = new_page()
    login(approver, persona("nagaoka-approver"))
    panel = approver.locator("#awaiting-review-section")
    expect(panel).to_contain_text("あなたの承認待ち")
    awaiting = panel.locator("tr").filter(has_text=submitted.title)
    expect(awaiting).to_have_count(1)
    shot(approver, "approver-dashboard-awaiting-review")
    awaiting.get_by_role("button", name="操作").click()
    approve = awaiting.locator("button[data-workflow-action-url]").filter(has_text=re.compile(r"^\s*承認画面へ\s*$"))
    expect(approve).to_be_visible()
    shot(approver, "approver-opens-actions")
    # There is no one-click approval: the dialog leads to the approval screen.
    approve.click()
    with approver.expect_navigation():
        approver.get_by_role("link", name="承認画面を開く").click()
    for heading in ("１．版の比較", "２．変更箇所（案）（別添２）", "３．証跡チェック（下書きに対して実行）"):
        expect(approver.get_by_role("heading", name=re.compile("^" + heading))).to_be_visible()
    expect(approver.locator(".pia-compare")).to_contain_text(ADDED)
    expect(approver.locator(".pia-annex-proposals")).to_contain_text("②事務の内容")
    kohyo_bi = approver.get_by_label("公表日", exact=True)
    expect(kohyo_bi).to_have_value(re.compile(r"^\d{4}-\d{2}-\d{2}$"))  # today in Japan by default
    kohyo_bi.fill("2026-12-10")
    shot(approver, "approval-screen")
    with approver.expect_navigation():
        approver.get_by_role("button", name="承認して公表する").click()
    expect(approver.locator(".error-message")).to_contain_text("内容を確認したことにチェックを入れてください。")
    shot(approver, "approval-screen-asks-for-confirmation")
    approver.get_by_role("checkbox", name=re.compile("証跡チェックの結果を確認し、この内容で公表します")).check()
    with approver.expect_navigation():
        approver.get_by_role("button", name="承認して公表する").click()
    expect(approver.locator(".messages .success")).to_contain_text("第9版として公表しました（公表日 令和8年12月10日）")
    shot(approver, "approver-after-approving")

    approved = find_assessment(IDENTIFIER)
    assert approved.live
    assert not approved.has_unpublished_changes
    assert approved.live_revision_id == approved.latest_revision_id
    assert ADDED in all_text(approved.resolved_document())
    # Browsers post a textarea's line breaks as CRLF; compare the text, not the line endings.
    assert approved.get_values()["kihon"]["jimu"]["naiyo"].replace("\r\n", "\n") == original + ADDED
    state = latest_workflow_state(approved)
    assert state.status == state.STATUS_APPROVED

    # The public page shows the new text too, in Ⅰ (and again in 別添２, which records the change).
    public = new_page()
    public.goto(approved.url)
    expect(public.locator("#section-betten2").get_by_text(ADDED)).to_have_count(1)
    shown = public.locator("#section-kihon").get_by_text(ADDED)
    expect(shown).to_be_visible()
    shown.scroll_into_view_if_needed()
    shot(public, "public-page-shows-new-text")
