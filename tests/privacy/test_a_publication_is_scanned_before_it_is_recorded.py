"""A value that got past every form (an SQL update, say) is still caught before it is published.

A publication is immutable and public, so its whole document and annex are scanned once more;
the refusal names the item and nothing is published.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from wagtail.models import Page, TaskState

from pia.formdef.document import iter_nodes
from pia.formdef.mynumber_scan import refuse_my_numbers_in_publication
from pia.models import AnnexRow, JutenAssessmentPage, Publication
from registry.jp.mynumber import MY_NUMBER_MESSAGE
from registry.mynumber_guard import MyNumberRefused
from tests.privacy.spellings import spellings
from tests.privacy.uchiko import UchikoTestCase


class PublicationScanTest(UchikoTestCase):
    def sneak_into_latest_revision(self, affair):
        revision = self.page.latest_revision
        content = dict(revision.content, affair=affair)
        type(revision).objects.filter(pk=revision.pk).update(content=content)  # around every guard
        revision.refresh_from_db()
        return revision

    def test_publishing_a_revision_holding_a_my_number_is_refused_naming_the_item(self):
        revision = self.sneak_into_latest_revision(f"予防接種 {spellings()['kanji numerals']}")
        with self.assertRaises(ValidationError) as refused:
            revision.publish(user=self.approver)
        self.assertIn(f"「事務の名称」：{MY_NUMBER_MESSAGE}", refused.exception.messages)
        self.assertFalse(Publication.objects.filter(page_id=self.page.pk).exists())
        self.assertFalse(Page.objects.get(pk=self.page.pk).live, "the publication is rolled back whole")

    def test_approving_a_draft_holding_a_my_number_is_refused_before_anything_changes(self):
        workflow_state = self.page.get_workflow().start(self.page, self.officer)
        self.sneak_into_latest_revision(f"予防接種 {spellings()['dots']}")
        task_state = TaskState.objects.get(pk=workflow_state.current_task_state_id)  # as the view loads it
        with self.assertRaises(MyNumberRefused):
            task_state.task.specific.on_action(task_state, self.approver, "approve")
        task_state.refresh_from_db()
        self.assertEqual(task_state.status, "in_progress")
        self.assertFalse(Publication.objects.filter(page_id=self.page.pk).exists())

    def test_the_scan_names_the_printed_item_of_a_linked_value_that_holds_a_my_number(self):
        document = self.page.resolved_document()
        node = next(n for n in iter_nodes(document) if n.get("printed_path") and "text" in n)
        node["text"] = f"システム名 {spellings()['no-break space']}"  # as if a registry record were altered in SQL
        with self.assertRaises(MyNumberRefused) as refused:
            refuse_my_numbers_in_publication(document)
        self.assertEqual(
            refused.exception.messages, [f"「{node['printed_path']}」：{MY_NUMBER_MESSAGE}公表できません。"]
        )

    def test_the_scan_names_an_annex_row_that_holds_a_my_number(self):
        row = AnnexRow(komoku="Ⅰ　基本情報", henko_go=spellings()["tab"])
        with self.assertRaises(MyNumberRefused) as refused:
            refuse_my_numbers_in_publication(self.page.resolved_document(), [row])
        self.assertIn("変更箇所「Ⅰ　基本情報」", refused.exception.messages[0])

    def test_a_clean_revision_is_published(self):
        self.page.latest_revision.publish(user=self.approver)
        self.assertTrue(JutenAssessmentPage.objects.get(pk=self.page.pk).live)
        self.assertEqual(Publication.objects.filter(page_id=self.page.pk).count(), 1)
