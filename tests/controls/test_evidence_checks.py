"""Each evidence check passes on data that keeps the claim and fails on data that breaks it."""

from __future__ import annotations

import datetime as dt

from django.test import TestCase

from controls.checks import CATALOGUE, CheckContext, Outcome
from pia.formdef.loader import get_definition
from registry.access_logs.calendar import is_office_day
from registry.access_logs.ingest import ingest_bytes
from registry.access_logs.retention import apply_log_retention
from registry.enums import ContractClause, DestinationKind, HandlerBand, InspectionKind, SubjectBand, TrainingKind
from registry.models import (
    Contractor,
    DelegationContract,
    Destination,
    IncidentRecord,
    InspectionRecord,
    PersonalInformationFile,
    StaffAccount,
    System,
    TrainingRecord,
)
from tests.factories import OrganizationFactory
from tests.registry.access_logs.builders import HEADER

TODAY = dt.date(2026, 12, 1)
JST = dt.timezone(dt.timedelta(hours=9))


def threshold_claims(band: str, result: str) -> dict:
    """What a 重点 assessment hands over for Ⅰ1③ and Ⅴ1②: the printed choice with its choices' flags."""
    lists = get_definition("juten-r06-10").choice_lists
    return {
        "assessment_kind": "juten",
        "subject_band": {"printed": band, "choices": lists["taisho_ninzu_juten"].facts()},
        "threshold_result": {"printed": result, "choices": lists["shikiichi_kekka_juten"].facts()},
    }


def verdict(key: str, context: CheckContext):
    return CATALOGUE[key].run(context)


class EvidenceChecksTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.org = OrganizationFactory()
        cls.system = System.objects.create(organization=cls.org, name="台帳システム", code="ledger")
        cls.file = PersonalInformationFile.objects.create(
            organization=cls.org,
            name="予防接種ファイル",
            systems=[cls.system.pk],
            user_band=HandlerBand.UNDER_10,
            subject_band=SubjectBand.UNDER_1M,
            subject_count=180_000,
        )
        cls.accounts = [
            StaffAccount.objects.create(
                organization=cls.org,
                system=cls.system,
                login_id=f"u{n}",
                holder=f"職員{n}",
                created_on=dt.date(2024, 4, 1),
                password_changed_on=TODAY - dt.timedelta(days=30),
            )
            for n in range(3)
        ]
        # Five months of office-day logs, then retention: two months archived, three online.
        lines = []
        day = dt.date(2026, 7, 1)
        while day < TODAY:
            if is_office_day(day):
                for account in cls.accounts:
                    lines.append(f"{day}T10:00:00+09:00,ledger,{account.login_id},view,3000000001,PC-1,success\n")
            day += dt.timedelta(days=1)
        ingest_bytes((HEADER + "".join(lines)).encode(), system=cls.system, source="five-months.csv", fmt="csv")
        apply_log_retention(now=dt.datetime(2026, 12, 1, 12, tzinfo=JST))

    def context(self) -> CheckContext:
        return CheckContext(
            organization=self.org, file=PersonalInformationFile.objects.get(pk=self.file.pk), today=TODAY
        )

    def test_the_logs_are_online_for_three_months_and_archived_before(self):
        self.assertEqual(verdict("logs_online", self.context()).outcome, Outcome.PASS)
        archived = verdict("logs_archived", self.context())
        self.assertEqual(archived.outcome, Outcome.PASS, archived.summary)
        self.assertEqual(archived.figures["archived_months"], 2)

    def test_a_day_without_logs_fails_the_online_check(self):
        # A second system of the file whose logs lack one office day (Monday 2 November 2026).
        other = System.objects.create(organization=self.org, name="予約システム", code="booking")
        self.file.systems = [self.system.pk, other.pk]
        self.file.save()
        lines, day = [], dt.date(2026, 9, 1)
        while day < TODAY:
            if is_office_day(day) and day != dt.date(2026, 11, 2):
                lines.append(f"{day}T10:00:00+09:00,booking,u0,view,3000000001,PC-1,success\n")
            day += dt.timedelta(days=1)
        ingest_bytes((HEADER + "".join(lines)).encode(), system=other, source="booking.csv", fmt="csv")
        result = verdict("logs_online", self.context())
        self.assertEqual(result.outcome, Outcome.FAIL)
        self.assertIn("令和8年11月2日", result.summary)

    def test_an_archive_kept_past_seven_years_fails_the_archive_check(self):
        from registry.models import LogArchive

        LogArchive.objects.update(expires_on=TODAY - dt.timedelta(days=1))
        self.assertEqual(verdict("logs_archived", self.context()).outcome, Outcome.FAIL)

    def test_access_after_an_account_was_disabled_fails(self):
        self.assertEqual(verdict("no_access_after_departure", self.context()).outcome, Outcome.PASS)
        StaffAccount.objects.filter(login_id="u1").update(active=False, disabled_on=dt.date(2026, 11, 1))
        result = verdict("no_access_after_departure", self.context())
        self.assertEqual(result.outcome, Outcome.FAIL)
        self.assertEqual(result.figures["accounts"], 1)

    def test_a_departed_holders_account_must_be_disabled_within_thirty_days(self):
        self.assertEqual(verdict("departed_accounts_disabled", self.context()).outcome, Outcome.NOT_APPLICABLE)
        StaffAccount.objects.filter(login_id="u2").update(holder_left_on=dt.date(2026, 9, 30))
        self.assertEqual(verdict("departed_accounts_disabled", self.context()).outcome, Outcome.FAIL)
        StaffAccount.objects.filter(login_id="u2").update(active=False, disabled_on=dt.date(2026, 10, 5))
        self.assertEqual(verdict("departed_accounts_disabled", self.context()).outcome, Outcome.PASS)

    def test_the_accounts_used_in_a_year_count_archived_months_too(self):
        result = verdict("users_within_band", self.context())
        self.assertEqual((result.outcome, result.figures["accounts_used"]), (Outcome.PASS, 3))
        PersonalInformationFile.objects.filter(pk=self.file.pk).update(user_band=HandlerBand.UNDER_50)
        self.assertEqual(verdict("users_within_band", self.context()).outcome, Outcome.FAIL)

    def test_stale_passwords_fail(self):
        self.assertEqual(verdict("passwords_changed", self.context()).outcome, Outcome.PASS)
        StaffAccount.objects.filter(login_id="u0").update(password_changed_on=dt.date(2025, 1, 1))
        result = verdict("passwords_changed", self.context())
        self.assertEqual((result.outcome, result.figures["accounts"]), (Outcome.FAIL, ["u0"]))

    def test_contracts_need_every_clause_and_a_handler_count_within_their_band(self):
        contractor = Contractor.objects.create(organization=self.org, name="株式会社委託")
        contract = DelegationContract.objects.create(
            organization=self.org,
            file=self.file,
            title="接種記録の入力",
            contractor=contractor,
            handler_count=12,
            handler_band=HandlerBand.UNDER_10,
            clauses=list(ContractClause.values),
        )
        self.assertEqual(verdict("contract_clauses", self.context()).outcome, Outcome.PASS)
        self.assertEqual(verdict("contract_handlers_within_band", self.context()).outcome, Outcome.FAIL)
        contract.clauses = [ContractClause.CONFIDENTIALITY.value]
        contract.handler_band = HandlerBand.UNDER_50
        contract.save()
        self.assertEqual(verdict("contract_clauses", self.context()).outcome, Outcome.FAIL)
        self.assertEqual(verdict("contract_handlers_within_band", self.context()).outcome, Outcome.PASS)

    def test_training_and_inspection_within_the_past_year(self):
        self.assertEqual(verdict("training_within_year", self.context()).outcome, Outcome.FAIL)
        self.assertEqual(verdict("inspection_within_year", self.context()).outcome, Outcome.FAIL)
        TrainingRecord.objects.create(
            organization=self.org, held_on=dt.date(2026, 7, 10), kind=TrainingKind.SECURITY, title="研修"
        )
        InspectionRecord.objects.create(
            organization=self.org, held_on=dt.date(2025, 12, 1), kind=InspectionKind.SELF, scope="点検"
        )
        self.assertEqual(verdict("training_within_year", self.context()).outcome, Outcome.PASS)
        self.assertEqual(verdict("inspection_within_year", self.context()).outcome, Outcome.PASS, "365 days ago counts")

    def test_the_subject_count_must_lie_in_the_declared_band(self):
        self.assertEqual(verdict("subjects_within_band", self.context()).outcome, Outcome.PASS)
        PersonalInformationFile.objects.filter(pk=self.file.pk).update(subject_count=1_200_000)
        self.assertEqual(verdict("subjects_within_band", self.context()).outcome, Outcome.FAIL)

    def test_the_threshold_judgment_printed_must_follow_from_the_registry(self):
        claims = threshold_claims("10万人以上30万人未満", "基礎項目評価及び重点項目評価の実施が義務付けられる")
        context = CheckContext(organization=self.org, file=self.file, today=TODAY, claims=claims)
        result = verdict("threshold_agrees", context)
        self.assertEqual(result.outcome, Outcome.PASS, result.summary)
        self.assertEqual((result.figures["subjects"], result.figures["handlers"]), (180_000, 3))
        IncidentRecord.objects.create(
            organization=self.org, occurred_on=dt.date(2026, 3, 1), summary="誤送付", serious_for_my_number=True
        )
        result = verdict("threshold_agrees", context)
        self.assertEqual(result.outcome, Outcome.FAIL)
        self.assertIn("基礎項目評価及び全項目評価の実施が義務付けられる", result.summary)

    def test_a_wrong_subject_band_in_the_assessment_fails_the_threshold_check(self):
        claims = threshold_claims("1万人以上10万人未満", "基礎項目評価及び重点項目評価の実施が義務付けられる")
        context = CheckContext(organization=self.org, file=self.file, today=TODAY, claims=claims)
        result = verdict("threshold_agrees", context)
        self.assertEqual(result.outcome, Outcome.FAIL)
        self.assertIn("対象人数 180,000 人は「10万人以上30万人未満」（記載は「1万人以上10万人未満」）", result.summary)

    def test_printed_counts_must_match_the_entries_and_the_registry(self):
        context = CheckContext(
            organization=self.org,
            file=self.file,
            today=TODAY,
            claims={"counts": {"delegations": (0, 0), "provisions": (1, 1), "transfers": (None, 0)}},
        )
        result = verdict("printed_counts", context)
        self.assertEqual(result.outcome, Outcome.FAIL)
        self.assertEqual(result.summary, "提供の記載 1 件、台帳 0 件")
        Destination.objects.create(organization=self.org, file=self.file, kind=DestinationKind.PROVISION, name="県")
        self.assertEqual(verdict("printed_counts", context).outcome, Outcome.PASS)
        context = CheckContext(
            organization=self.org,
            file=self.file,
            today=TODAY,
            claims={"counts": {"delegations": (0, 0), "provisions": (2, 1), "transfers": (None, 0)}},
        )
        self.assertEqual(verdict("printed_counts", context).summary, "提供（2）件と印字、記載は 1 件")

    def test_every_entry_is_linked_to_this_files_registry_record_and_back(self):
        contractor = Contractor.objects.create(organization=self.org, name="株式会社委託")
        contract = DelegationContract.objects.create(
            organization=self.org, file=self.file, title="入力", contractor=contractor, clauses=[]
        )
        claims = {"linked": {"delegations": [contract.pk], "provisions": [], "transfers": []}}
        context = CheckContext(organization=self.org, file=self.file, today=TODAY, claims=claims)
        self.assertEqual(verdict("entries_linked", context).outcome, Outcome.PASS)
        claims = {"linked": {"delegations": [None], "provisions": [], "transfers": []}}
        context = CheckContext(organization=self.org, file=self.file, today=TODAY, claims=claims)
        result = verdict("entries_linked", context)
        self.assertEqual(result.outcome, Outcome.FAIL)
        self.assertEqual(result.summary, "台帳に紐付いていない委託の記載 1 件、評価書にない台帳の委託 1 件")

    def test_each_inspection_kind_ticked_in_the_assessment_must_have_been_held(self):
        InspectionRecord.objects.create(
            organization=self.org, held_on=dt.date(2026, 5, 1), kind=InspectionKind.SELF, scope="点検"
        )
        claims = {"inspection_kinds": ["jiko_tenken", "gaibu_kansa"]}
        context = CheckContext(organization=self.org, file=self.file, today=TODAY, claims=claims)
        result = verdict("inspection_within_year", context)
        self.assertEqual(result.outcome, Outcome.FAIL)
        self.assertEqual(result.summary, "記載した外部監査の 令和7年12月1日 以降の記録がありません")
        context = CheckContext(
            organization=self.org, file=self.file, today=TODAY, claims={"inspection_kinds": ["jiko_tenken"]}
        )
        self.assertEqual(verdict("inspection_within_year", context).outcome, Outcome.PASS)
