"""The officer changes registry records: editor and dashboard show the drift; the public page stays as published."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import login, persona

VRS = "ワクチン接種記録システム（ＶＲＳ）"
FILE = "予防接種ファイル"
ADDED_FUNCTION = "接種記録の統計出力"
PUBLISHED_LAST_FUNCTION = "新型コロナウイルス感染症予防接種証明書の交付に係る接種記録の照会"
ADDED_SUBJECTS = "（その保護者を含む。）"
KINO_PATH = "Ⅰ　基本情報 ２．特定個人情報ファイルを取り扱う事務において使用するシステム システム１ ②システムの機能"
HONNIN_HANI = "③対象となる本人の範囲"
SIGNIFICANT = "※重要な変更の対象"
OFFICER_NAME = "保健 花子"


def edit_url(model, pk) -> str:
    from django.urls import reverse

    return reverse(model.snippet_viewset.get_url_name("edit"), args=[pk])


def save_snippet(page) -> None:
    """Click the snippet editor's 保存 and wait for Wagtail's success message."""
    with page.expect_navigation():
        page.locator("footer button.action-save").filter(has_text="保存").click()
    expect(page.get_by_role("heading", name="Server Error (500)"), "saving the registry record failed").to_have_count(0)
    expect(page.locator(".messages .success")).to_be_visible()


@pytest.mark.browser
def test_a_registry_change_shows_as_drift_on_the_assessment(new_page, assessment, shot):
    from registry.models import PersonalInformationFile, System

    vrs = System.objects.get(name=VRS)
    file = PersonalInformationFile.objects.get(name=FILE)
    editor_url = f"/admin/pages/{assessment.pk}/edit/"
    public_url = assessment.url

    officer = new_page()
    login(officer, persona("nagaoka-officer"))

    # (1) freshly published: the registry and the published assessment agree.
    officer.goto(editor_url)
    expect(officer.locator("input[name=title]")).to_be_attached()
    expect(officer.locator("[data-pia-drift]")).to_have_count(0)

    # (2) the officer adds a fifth function to the VRS in the registry.
    officer.goto(edit_url(System, vrs.pk))
    functions = officer.locator('textarea[name="functions"]')
    expect(functions).to_be_visible()
    functions.fill(functions.input_value().rstrip("\n") + "\n\n" + ADDED_FUNCTION)
    save_snippet(officer)
    vrs.refresh_from_db()
    assert vrs.functions[-1]["title"] == ADDED_FUNCTION
    assert len(vrs.functions) == 5

    # (3) the editor's 表紙 tab lists exactly ②システムの機能 of システム１, not a ※ item.
    officer.goto(editor_url)
    box = officer.locator("[data-pia-drift]")
    expect(box).to_be_visible()
    items = box.locator("li[data-pia-path]")
    expect(items).to_have_count(1)
    kino = items.first
    expect(kino.locator(":scope > strong")).to_have_text(KINO_PATH)
    expect(kino.locator(".pia-significant")).to_have_count(0)
    expect(kino).not_to_contain_text(SIGNIFICANT)
    expect(kino.locator(".pia-drift-changes")).to_contain_text(OFFICER_NAME)
    expect(kino.locator(".pia-drift-changes")).to_contain_text(VRS)
    kino.locator("details > summary").click()
    published, current = kino.locator("details > p").all()
    expect(published).to_contain_text("公表版")
    expect(published).not_to_contain_text(ADDED_FUNCTION)
    expect(current).to_contain_text("現在")
    expect(current).to_contain_text("５　" + ADDED_FUNCTION)
    box.scroll_into_view_if_needed()
    shot(officer, "editor-drift-after-system-change")

    # (4) the officer widens 対象となる本人の範囲 of the file (a ※ item of the assessment).
    officer.goto(edit_url(PersonalInformationFile, file.pk))
    subject_range = officer.locator('textarea[name="subject_range"]')
    expect(subject_range).to_be_visible()
    subject_range.fill(subject_range.input_value().rstrip() + ADDED_SUBJECTS)
    save_snippet(officer)
    file.refresh_from_db()
    assert file.subject_range.endswith(ADDED_SUBJECTS)

    # (5) now two items; the ③対象となる本人の範囲 one carries the ※ marker, the function one still does not.
    officer.goto(editor_url)
    box = officer.locator("[data-pia-drift]")
    expect(box).to_be_visible()
    items = box.locator("li[data-pia-path]")
    expect(items).to_have_count(2)
    hani = items.filter(has=officer.locator(":scope > strong", has_text=HONNIN_HANI))
    expect(hani).to_have_count(1)
    expect(hani.locator(".pia-significant")).to_have_text(SIGNIFICANT)
    expect(hani.locator(".pia-drift-changes")).to_contain_text(FILE)
    expect(hani.locator(".pia-drift-changes")).to_contain_text(OFFICER_NAME)
    kino = items.filter(has=officer.locator(":scope > strong", has_text=KINO_PATH))
    expect(kino).to_have_count(1)
    expect(kino.locator(".pia-significant")).to_have_count(0)
    hani.locator("details > summary").click()
    expect(hani.locator("details")).to_contain_text(ADDED_SUBJECTS)
    box.scroll_into_view_if_needed()
    shot(officer, "editor-drift-after-file-change")

    # (6) the dashboard shows the same list under the assessment.
    officer.goto("/admin/")
    panel = officer.locator("section.pia-drift-dashboard")
    expect(panel.locator("h2")).to_have_text("台帳の変更による記載のずれ")
    expect(panel.get_by_role("link", name=assessment.title)).to_have_attribute("href", editor_url)
    expect(panel.locator("li[data-pia-path]")).to_have_count(2)
    expect(panel.locator("li[data-pia-path] > strong", has_text=KINO_PATH)).to_have_count(1)
    expect(panel.locator("li[data-pia-path] > strong", has_text=HONNIN_HANI)).to_have_count(1)
    expect(panel.locator(".pia-significant")).to_have_count(1)
    panel.scroll_into_view_if_needed()
    shot(officer, "dashboard-drift-panel")

    # (7) the public page still prints what was published.
    public = new_page()
    public.goto(public_url)
    body = public.locator("body")
    expect(body).to_contain_text(VRS)
    expect(body).to_contain_text(PUBLISHED_LAST_FUNCTION)
    expect(body).not_to_contain_text(ADDED_FUNCTION)
    expect(body).not_to_contain_text(ADDED_SUBJECTS)
