"""Each persona's whole loop on an assessment created in the test, by a body that is not the demo's.

内子町長 (set up as the admin sets up a body) has an officer, a 所属長 and an auditor, and a registry.
The officer creates a 重点項目評価書 in Wagtail's admin, writes an unlinked item (②事務の内容) and a
linked one (システム１ ②システムの機能, printed from the registry, with the officer's addition), and
submits it. The 所属長 approves it on the approval screen with a 公表日; the PDF's cover carries that
date. A second round changes ②事務の内容: the second version's PDF lists it in 別添２, and the auditor
compares the two versions.
"""

from __future__ import annotations

import io
import re
import types

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.conftest import login

ORGANIZATION = {"slug": "uchiko", "name": "内子町長", "municipality": "内子町（愛媛県）"}
TITLE = "個人住民税の賦課に関する事務 重点項目評価書"
AFFAIR = "個人住民税の賦課に関する事務"
NAIYO = "・給与支払報告書等に基づき、個人住民税を賦課する。"
NAIYO_ADDED = "・令和９年度から電子申告の受付を始める。"
KINO_ADDITION = "・課税資料のイメージ照会"
NAIYO_PATH = "Ⅰ　基本情報 １．特定個人情報ファイルを取り扱う事務 ②事務の内容"
NAIYO_FIELD = 'textarea[name="s_kihon-0-value-jimu-naiyo"]'
KINO_FIELD = 'textarea[name="s_kihon-0-value-systems-0-value-kino"]'
FIRST_DAY, FIRST_WAREKI = "2026-12-10", "令和8年12月10日"
SECOND_DAY, SECOND_WAREKI = "2026-12-21", "令和8年12月21日"


@pytest.fixture
def body(transactional_db, django_db_serialized_rollback):
    """内子町長 with its people and registry, made by the services the admin uses (no demo)."""
    from registry.enums import Role
    from tests.factories import OrganizationFactory
    from tests.factories.accounts import PASSWORD
    from tests.factories.pia import member, set_up_organization
    from tests.factories.registry import build_registry

    organization = OrganizationFactory(**ORGANIZATION)
    setup = set_up_organization(organization)
    people = {
        "officer": member(organization, Role.OFFICER, username="uchiko-officer", last_name="内子", first_name="一郎"),
        "approver": member(
            organization, Role.APPROVER, username="uchiko-approver", last_name="小田", first_name="花子"
        ),
        "auditor": member(organization, Role.AUDITOR, username="uchiko-auditor", last_name="五十崎", first_name="次郎"),
    }
    return types.SimpleNamespace(
        organization=organization,
        page=setup.page,
        registry=build_registry(organization),
        users=people,
        login={role: types.SimpleNamespace(username=user.username, password=PASSWORD) for role, user in people.items()},
    )


def fill_the_rest(body, page) -> None:
    """Server side, as the officer: every other item answered (tests/factories), ②事務の内容 left for the browser."""
    from tests.factories.pia import sample_values

    values = sample_values(
        page.definition, registry=body.registry, title=TITLE, affair=AFFAIR, organization_name=ORGANIZATION["name"]
    )
    values["kihon"]["jimu"]["naiyo"] = ""
    draft = page.latest_draft()
    draft.set_values(values)
    draft.save_revision(user=body.users["officer"])


def submit(officer) -> None:
    officer.locator("footer .w-dropdown__toggle").click()
    with officer.expect_navigation():
        officer.locator('footer button[name="action-submit"]').click()
    refused = officer.locator(".messages .error")
    assert not refused.count(), refused.inner_text()
    expect(officer.locator(".messages .success")).to_contain_text("承認を申請しました")


def approve(approver, page_id: int, day: str, wareki: str, version: int) -> None:
    approver.goto(f"/admin/pia/assessments/{page_id}/approval/")
    for heading in ("１．版の比較", "２．変更箇所（案）", "３．証跡チェック（下書きに対して実行）"):
        expect(approver.get_by_role("heading", name=re.compile("^" + heading))).to_be_visible()
    approver.get_by_label("公表日", exact=True).fill(day)
    approver.get_by_role("checkbox", name=re.compile("この内容で公表します")).check()
    with approver.expect_navigation():
        approver.get_by_role("button", name="承認して公表する").click()
    expect(approver.locator(".messages .success")).to_contain_text(
        f"第{version}版として公表しました（公表日 {wareki}）"
    )


def pdf_pages(browser_page, page_id: int, version: int) -> list[str]:
    """The version's PDF as the admin serves it, page by page, whitespace removed."""
    response = browser_page.request.get(f"/admin/pia/assessments/{page_id}/versions/{version}/files/pdf/")
    assert response.ok, response.status
    assert response.headers["content-type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.body()))
    return [re.sub(r"\s+", "", page.extract_text() or "") for page in reader.pages]


@pytest.mark.browser
def test_a_new_body_s_assessment_from_creation_to_the_auditor(new_page, body, shot, settings):
    from pia.models import JutenAssessmentPage, Publication

    settings.PIA_ARTIFACTS_ON_PUBLISH = True  # the files are rendered when a version is published

    # --- the officer creates the assessment in the admin ---
    officer = new_page()
    login(officer, body.login["officer"])
    officer.goto(f"/admin/pages/add/pia/jutenassessmentpage/{body.page.pk}/")
    officer.locator("input[name=title]").fill(TITLE)
    officer.locator("input[name=affair]").fill(AFFAIR)
    shot(officer, "officer-creates")
    with officer.expect_navigation():
        officer.get_by_role("button", name="下書きを保存").click()
    expect(officer).to_have_url(re.compile(r"/admin/pages/\d+/edit/$"))
    page = JutenAssessmentPage.objects.get(title=TITLE)
    assert page.get_parent().pk == body.page.pk and not page.live
    fill_the_rest(body, page)

    # --- the officer writes an unlinked and a linked item, and submits ---
    officer.goto(f"/admin/pages/{page.pk}/edit/")
    officer.get_by_role("tab", name="Ⅰ", exact=True).click()
    expect(officer.locator("#tab-i .c-sf-block__type", has_text=re.compile("^システム１$"))).to_have_count(1)
    officer.locator(f"#tab-i {NAIYO_FIELD}").fill(NAIYO)
    kino = officer.locator(f"#tab-i {KINO_FIELD}")
    kino.fill(KINO_ADDITION)
    with officer.expect_navigation():
        officer.get_by_role("button", name="下書きを保存").click()
    expect(officer.locator(".messages .success")).to_be_visible()
    officer.get_by_role("tab", name="Ⅰ", exact=True).click()
    linked = officer.locator("#tab-i [data-pia-linked]")
    linked.locator("summary").click()
    kino_row = linked.locator("tr", has_text="システム１ ②システムの機能")
    expect(kino_row).to_contain_text("評価書の追記（台帳の記載に続けて印字）：" + KINO_ADDITION)
    functions = [re.sub(r"\s+", "", function["title"]) for function in body.registry.systems[0].functions]
    expect(kino_row.locator("td").first).to_contain_text(body.registry.systems[0].functions[0]["title"])
    shot(officer, "officer-linked-items")
    submit(officer)

    # --- the 所属長 approves with a 公表日 on the approval screen ---
    approver = new_page()
    login(approver, body.login["approver"])
    approve(approver, page.pk, FIRST_DAY, FIRST_WAREKI, 1)
    shot(approver, "approver-approved-first-version")

    # The first version's PDF: its cover carries the 公表日; the linked item prints the registry, then the addition.
    printed = pdf_pages(approver, page.pk, 1)
    assert "公表日" + FIRST_WAREKI in printed[0]
    assert TITLE.replace(" ", "") in printed[0]
    document = "".join(printed)
    assert NAIYO[1:] in document
    kino_at = [document.index(function) for function in functions]
    assert kino_at == sorted(kino_at) and document.index(KINO_ADDITION[1:]) > kino_at[-1]

    # --- a second round: ②事務の内容 changes; the annex of 第2版 records it ---
    officer.goto(f"/admin/pages/{page.pk}/edit/")
    officer.get_by_role("tab", name="Ⅰ", exact=True).click()
    officer.locator(f"#tab-i {NAIYO_FIELD}").fill(NAIYO + "\n" + NAIYO_ADDED)
    submit(officer)
    approve(approver, page.pk, SECOND_DAY, SECOND_WAREKI, 2)
    assert [p.version for p in Publication.objects.for_page(page)] == [1, 2]

    printed = pdf_pages(approver, page.pk, 2)
    assert "公表日" + SECOND_WAREKI in printed[0]
    annex = "".join(text for text in printed if "変更前の記載" in text)
    assert re.sub(r"\s+", "", NAIYO_PATH) in annex
    assert NAIYO_ADDED[1:] in annex
    assert SECOND_WAREKI in annex
    assert "事後" in annex

    # --- the auditor compares the two versions ---
    auditor = new_page()
    login(auditor, body.login["auditor"])
    auditor.goto(f"/admin/pia/assessments/{page.pk}/compare/?a=1&b=2")
    table = auditor.locator("table.pia-compare")
    expect(table.locator("tbody tr")).to_have_count(1)
    row = table.locator("tbody tr").first
    expect(row.locator("th[scope=row]")).to_contain_text(NAIYO_PATH)
    expect(row.locator("ins")).to_contain_text(NAIYO_ADDED)
    expect(row).to_contain_text("事後")
    shot(auditor, "auditor-compares")
