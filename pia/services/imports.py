"""A new draft assessment from a resolved document (the open-data import), of any registered form."""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.utils.text import slugify

from pia.formdef.editions import same_form
from pia.formdef.imports import DocumentImportError, organization_links, refuse_my_numbers, values_from_document
from pia.formdef.types import ResolvedDocument
from pia.models import AssessmentPage, OrganizationPage
from pia.models.pages import page_class_for


@transaction.atomic
def import_assessment(
    org_page: OrganizationPage,
    document: ResolvedDocument,
    *,
    user: AbstractBaseUser | None,
    slug: str | None = None,
) -> AssessmentPage:
    """A new draft assessment under *org_page* whose resolved document is *document* (not published)."""
    form = document.get("definition", {})
    definition_id = form.get("id")
    try:
        page_class = page_class_for(str(definition_id))
    except LookupError:
        raise DocumentImportError(
            f"この様式は取り込めません：{form.get('kind_label') or form.get('kind') or '種類不明'}"
            f"（{form.get('form_label') or form.get('edition') or '版不明'}、様式ID {definition_id}）。"
            "取り込めるのは、この管理システムが定義を持つ種類と版の評価書です。"
        ) from None
    refuse_my_numbers(document, slug=slug)
    meta = document.get("assessment", {})
    page = page_class(title=str(meta.get("title") or "（取り込み）")[:255], affair=str(meta.get("affair") or "")[:200])
    # An older edition differing only by its tag is drafted on the current one; an older form is kept
    # until the assessment is moved to the current one (様式の改版に移行, pia.services.editions).
    current = page_class.FORM_DEFINITION_ID
    page.definition_id = current if same_form(str(definition_id), current) else str(definition_id)
    values = values_from_document(page.definition, document, organization_links(org_page.organization_id))
    base = slug or slugify(str(meta.get("identifier", "")).rsplit("/", 1)[-1]) or "imported"
    candidate, n = base, 1
    while org_page.get_children().filter(slug=candidate).exists():
        n += 1
        candidate = f"{base}-{n}"
    page.slug = candidate
    page.live = False
    page.set_values(values)
    org_page.add_child(instance=page)
    page.save_revision(user=user, log_action=True)
    return page
