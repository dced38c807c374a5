"""Who may delete an assessment: approvers and administrators, and never one that was published.

Wagtail lets whoever may edit a page delete it while it is a draft. For assessments that is too
wide: officers (担当) edit drafts but do not delete them. Deleting an unpublished assessment is
for those who may publish it, which the organization's group page permissions give to its
approvers (所属長), and for administrators. An assessment that has publications is never deleted,
by anyone: its publications are the public record and keep the revisions they were made from,
so it is withdrawn with 「非公開に設定」 instead (its record and earlier versions stay).

`AssessmentPermissionTester` narrows Wagtail's `can_delete`, so the delete buttons, the delete
view and the bulk delete action all follow it. The `before_delete_page` and `before_bulk_action`
hooks then refuse, with a message, what may still not be deleted: a page that is or holds a
published assessment (whoever asks), and a page holding assessments for someone who may not
publish them (should a permission ever let them this far).
"""

from __future__ import annotations

from wagtail.models import PagePermissionTester

PUBLISHED_MESSAGE = (
    "公表したことのある評価書は削除できません（公表の記録と過去の版を残すため）。"
    "公表をやめるときは「非公開に設定」してください。"
)
ROLE_MESSAGE = "評価書を削除できるのは所属長と管理者だけです。"


def may_publish_here(tester: PagePermissionTester) -> bool:
    """True for administrators and for groups given the right to publish at or above the page."""
    return tester.user.is_active and (tester.user.is_superuser or "publish" in tester.permissions)


class AssessmentPermissionTester(PagePermissionTester):
    """Wagtail's tester, except that deleting needs the right to publish as well."""

    def can_delete(self, ignore_bulk: bool = False) -> bool:
        return super().can_delete(ignore_bulk=ignore_bulk) and may_publish_here(self)
