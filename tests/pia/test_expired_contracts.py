"""A delegation contract whose period has ended but which the assessment still prints: the editor
warns beside its 委託事項, and the evidence check 'contracts_in_force' fails."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from controls.models import CheckResult
from pia.compliance.evidence import check_assessment
from registry.jp.wareki import format_date
from registry.models import DelegationContract
from tests.personas import PersonaTestCase


class ExpiredContractTest(PersonaTestCase):
    def printed_contracts(self):
        page = self.fresh_assessment()
        refs = [entry["_ref"] for entry in page.get_values()["files"][0]["itaku"]["jiko"]]
        return page, DelegationContract.objects.filter(pk__in=refs).order_by("pk")

    def verdict(self, page):
        runs = check_assessment(page)
        return CheckResult.objects.get(run__in=runs, key="contracts_in_force")

    def test_contracts_in_force_pass_and_no_warning_is_shown(self):
        page, contracts = self.printed_contracts()
        self.assertTrue(contracts.exists())
        contracts.update(period_end=timezone.localdate() + dt.timedelta(days=30))
        self.assertEqual(self.verdict(page).outcome, "pass")
        self.client.force_login(self.officer)
        self.assertNotContains(self.client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])), "に終了しています")

    def test_an_ended_contract_still_printed_fails_the_check_and_is_warned_in_the_editor(self):
        page, contracts = self.printed_contracts()
        ended = contracts.first()
        yesterday = timezone.localdate() - dt.timedelta(days=1)
        contracts.update(period_end=timezone.localdate() + dt.timedelta(days=30))
        DelegationContract.objects.filter(pk=ended.pk).update(period_end=yesterday)
        result = self.verdict(page)
        self.assertEqual(result.outcome, "fail")
        self.assertIn(f"{ended.title}（{format_date(yesterday)}終了）", result.summary)
        self.client.force_login(self.officer)
        html = self.client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
        self.assertIn(f"台帳の記録「{ended.title}」：契約期間が{format_date(yesterday)}に終了しています。", html)

    def test_without_a_linked_contract_the_check_does_not_apply(self):
        page, contracts = self.printed_contracts()
        values = page.get_values()
        values["files"][0]["itaku"].update(umu="委託しない", kensu=0, jiko=[])
        page.set_values(values)
        self.assertEqual(self.verdict(page).outcome, "n/a")
