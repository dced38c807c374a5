"""A valid 個人番号 typed into a free-text item is refused beside the field, and never reaches the database."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import IDENTIFIER, login, persona, revision_text

MY_NUMBER = "123456789018"  # 12 digits with a valid check digit
NAIYO = "s_kihon-0-value-jimu-naiyo"


@pytest.mark.browser
def test_officer_cannot_save_a_my_number_in_a_free_text_item(new_page, assessment, shot):
    from pia.models.lookup import find_assessment
    from registry.jp.mynumber import is_my_number

    assert is_my_number(MY_NUMBER)
    revisions_before = assessment.revisions.count()
    latest_before = assessment.latest_revision_id

    officer = new_page()
    login(officer, persona("nagaoka-officer"))
    officer.goto(f"/admin/pages/{assessment.pk}/edit/")
    officer.get_by_role("tab", name="Ⅰ", exact=True).click()
    naiyo = officer.locator(f'#tab-i textarea[name="{NAIYO}"]')
    expect(naiyo).to_be_visible()
    naiyo.fill(naiyo.input_value() + f"\n照会の際は {MY_NUMBER} を用いる。")
    shot(officer, "officer-typed-my-number")

    with officer.expect_navigation():
        officer.get_by_role("button", name="下書きを保存").click()
    shot(officer, "editor-after-save-refused")

    # The editor opens the tab that holds the error by itself.
    expect(officer.get_by_role("tab", name="Ⅰ", exact=True)).to_have_attribute("aria-selected", "true")

    # The editor comes back with the error beside the field (in tab Ⅰ) and a page-level error.
    field_error = officer.locator(f"#{NAIYO}-errors")
    expect(field_error).to_contain_text("個人番号")
    expect(field_error).to_contain_text("②事務の内容")
    expect(field_error).not_to_contain_text(MY_NUMBER)
    expect(officer.locator(".messages .error")).to_be_visible()
    expect(officer.locator(".messages .success")).to_have_count(0)
    officer.get_by_role("tab", name="Ⅰ", exact=True).click()
    field_error.scroll_into_view_if_needed()
    expect(field_error).to_be_visible()
    shot(officer, "editor-shows-my-number-error")

    # Nothing was saved: no new revision, and the number is nowhere in the latest one.
    page = find_assessment(IDENTIFIER)
    assert page.revisions.count() == revisions_before
    assert page.latest_revision_id == latest_before
    assert MY_NUMBER not in revision_text(page.latest_revision)
    assert MY_NUMBER not in str(page.latest_revision.content)
    assert MY_NUMBER not in revision_text(page.live_revision)
