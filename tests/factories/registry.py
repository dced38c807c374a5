"""Registry records (what exists): organizations, departments, systems, files, contracts, staff.

Every factory takes the organization the record belongs to; related records (a file's
department, a contract's contractor) default to new records of the same organization.
``build_registry`` makes one small, consistent registry for a body, the records an
assessment of the persona tests links to.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import factory
from factory.django import DjangoModelFactory

from registry.enums import (
    ContractClause,
    DestinationKind,
    FileType,
    HandlerBand,
    InspectionKind,
    Network,
    SubjectBand,
    TrainingKind,
    TransferMethod,
)
from registry.models import (
    Contractor,
    DelegationContract,
    Department,
    Destination,
    IncidentRecord,
    InspectionRecord,
    Organization,
    PersonalInformationFile,
    StaffAccount,
    Subcontract,
    System,
    TrainingRecord,
)

SAME_ORGANIZATION = factory.SelfAttribute("..organization")


class OrganizationFactory(DjangoModelFactory):
    class Meta:
        model = Organization
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"org{n}")
    name = factory.Sequence(lambda n: f"試験市{n}長")


class DepartmentFactory(DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ("organization", "name")

    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"試験部第{n}課")
    head_title = "課長"


class SystemFactory(DjangoModelFactory):
    class Meta:
        model = System

    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"試験システム{n}")
    code = factory.Sequence(lambda n: f"system-{n}")
    functions = factory.LazyFunction(lambda: [{"title": "記録の登録", "description": ""}])


class PersonalInformationFileFactory(DjangoModelFactory):
    class Meta:
        model = PersonalInformationFile

    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"試験ファイル{n}")
    file_type = FileType.SYSTEM
    subject_band = SubjectBand.UNDER_100K
    department = factory.SubFactory(DepartmentFactory, organization=SAME_ORGANIZATION)
    user_band = HandlerBand.UNDER_50


class ContractorFactory(DjangoModelFactory):
    class Meta:
        model = Contractor

    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"試験事業者{n}株式会社")


class DelegationContractFactory(DjangoModelFactory):
    class Meta:
        model = DelegationContract

    organization = factory.SubFactory(OrganizationFactory)
    file = factory.SubFactory(PersonalInformationFileFactory, organization=SAME_ORGANIZATION)
    title = factory.Sequence(lambda n: f"試験業務{n}の委託")
    contractor = factory.SubFactory(ContractorFactory, organization=SAME_ORGANIZATION)
    handler_band = HandlerBand.UNDER_10
    clauses = factory.LazyFunction(lambda: list(ContractClause.values))


class SubcontractFactory(DjangoModelFactory):
    class Meta:
        model = Subcontract

    contract = factory.SubFactory(DelegationContractFactory)
    contractor = factory.SubFactory(ContractorFactory, organization=factory.SelfAttribute("..contract.organization"))
    matters = "システムの保守の一部"


class DestinationFactory(DjangoModelFactory):
    class Meta:
        model = Destination

    organization = factory.SubFactory(OrganizationFactory)
    file = factory.SubFactory(PersonalInformationFileFactory, organization=SAME_ORGANIZATION)
    kind = DestinationKind.PROVISION
    name = factory.Sequence(lambda n: f"提供先{n}")


class StaffAccountFactory(DjangoModelFactory):
    class Meta:
        model = StaffAccount

    organization = factory.SubFactory(OrganizationFactory)
    system = factory.SubFactory(SystemFactory, organization=SAME_ORGANIZATION)
    login_id = factory.Sequence(lambda n: f"u{n:04d}")
    holder = factory.Sequence(lambda n: f"試験 職員{n}")
    created_on = dt.date(2024, 4, 1)


class TrainingRecordFactory(DjangoModelFactory):
    class Meta:
        model = TrainingRecord

    organization = factory.SubFactory(OrganizationFactory)
    held_on = dt.date(2025, 7, 10)
    kind = TrainingKind.SECURITY
    title = "情報セキュリティ研修"
    attendees = 20


class InspectionRecordFactory(DjangoModelFactory):
    class Meta:
        model = InspectionRecord

    organization = factory.SubFactory(OrganizationFactory)
    held_on = dt.date(2025, 11, 20)
    kind = InspectionKind.SELF
    scope = "特定個人情報ファイルの取扱い（アクセス権限、操作ログの確認）"


class IncidentRecordFactory(DjangoModelFactory):
    class Meta:
        model = IncidentRecord

    organization = factory.SubFactory(OrganizationFactory)
    occurred_on = dt.date(2024, 5, 1)
    summary = "通知書の誤送付"


# The registry of the persona tests' body A. Names a reader recognises in the printed form, each
# used once, so a test can find what it looks for; full-width letters (ＶＲＳ) as officials type them.
SYSTEMS = (
    {
        "name": "予防接種記録システム（ＶＲＳ）",
        "code": "vrs",
        "functions": [
            {"title": "接種記録の登録", "description": "医療機関から届いた接種記録を登録する。"},
            {"title": "接種券の発行", "description": ""},
        ],
        "networks": [Network.JOHO_TEIKYO_NW],
    },
    {
        "name": "健康管理システム",
        "code": "kenko-kanri",
        "functions": [{"title": "予診票の管理", "description": ""}],
        "networks": [Network.CHONAI_RENKEI, Network.ATENA],
    },
    {
        "name": "中間サーバー",
        "code": "chukan-server",
        "functions": [{"title": "符号の取得", "description": ""}],
        "networks": [Network.JOHO_TEIKYO_NW],
    },
)
DEPARTMENTS = (
    {
        "name": "福祉保健部保健医療課",
        "head_title": "課長",
        "postal_code": "940-0084",
        "address": "試験県試験市幸町2丁目1番1号",
        "phone": "0258-00-0001",
    },
    {"name": "総務部庶務課", "head_title": "課長", "contact_label": "総務部　庶務課", "phone": "0258-00-0002"},
)
# Several texts span two lines, as officials write them (⑤再委託の許諾方法 among those printed): a browser
# posts their line breaks as CRLF, and saving a record unchanged must store what it stored.
FILE = {
    "name": "予防接種ファイル",
    "subject_band": SubjectBand.UNDER_1M,
    "subject_count": 180_000,
    "subject_range": "市内に住民登録のある予防接種の対象者\n（転入予定者を含む。）",
    "necessity": "接種の記録を管理し、接種勧奨を行うため。\n副反応の疑いの報告に対応するため。",
    "record_items_heading": "予防接種ファイル",
    "record_items": [
        {"name": "個人番号", "conditional": False},
        {"name": "氏名", "conditional": False},
        {"name": "接種記録", "conditional": False},
        {"name": "連絡先", "conditional": True},
    ],
    "record_items_note": "（※）は本人から申出があった場合に限る。",
    "retention_start": dt.date(2021, 4, 1),
    "user_band": HandlerBand.UNDER_50,
}
CONTRACTS = (
    {
        "title": "予防接種記録システムの運用保守",
        "content": "システムの運用及び保守\n障害発生時の一次対応",
        "contractor": "株式会社ミドリ情報サービス",
        "handler_band": HandlerBand.UNDER_10,
        "subcontracted": True,
        "approval_method": "書面により事前に承認する。\n再委託先及び再委託事項を記載した申請書の提出を求める。",
        "subcontracted_matters": "障害対応の一部\n（夜間・休日の監視）",
        "subcontractor": "再委託先データ株式会社",
    },
    {
        "title": "健康管理システムの運用保守",
        "content": "システムの運用保守\n帳票の印刷及び封入",
        "contractor": "株式会社ＡＢＣ電算",
        "handler_band": HandlerBand.UNDER_10,
        "subcontracted": False,
    },
)
PROVISIONS = (
    {
        "name": "都道府県知事又は市町村長",
        "legal_basis": "番号法第19条第8号",
        "purpose": "予防接種の実施に関する事務\n（転出先での接種履歴の確認）",
        "information": "予防接種の実施に関する情報",
        "subject_band": SubjectBand.UNDER_1M,
        "subject_range": "転出した接種対象者",
        "methods": [TransferMethod.JOHO_TEIKYO_NW],
        "timing": "照会を受けた都度\n（随時）",
    },
)


@dataclass
class Registry:
    """One body's registry, as the assessment factory links to it."""

    organization: Organization
    departments: list[Department]
    systems: list[System]
    file: PersonalInformationFile
    contractors: list[Contractor]
    contracts: list[DelegationContract]
    provisions: list[Destination]
    transfers: list[Destination] = field(default_factory=list)
    accounts: list[StaffAccount] = field(default_factory=list)

    def records_by_source(self) -> dict[str, list[Any]]:
        """The records each kind of registry link of the form takes, in order (see pia.formdef.links)."""
        return {
            "system": self.systems,
            "department": self.departments,
            "file": [self.file],
            "contract": self.contracts,
            "destination": self.provisions,
            "destination:itensaki": self.transfers,
        }


def build_registry(organization: Organization, *, history_user=None) -> Registry:
    """A small registry for *organization*: two departments, three systems, a file, two contracts and more."""

    def saved(obj):
        obj._history_user = history_user  # simple-history records who made it
        obj.save()
        return obj

    departments = [saved(Department(organization=organization, **spec)) for spec in DEPARTMENTS]
    systems = [saved(System(organization=organization, **spec)) for spec in SYSTEMS]
    # The first system exchanges data with the second: printed as ［〇］その他（健康管理システム）.
    systems[0].connected_systems = [systems[1].pk]
    saved(systems[0])
    file = saved(
        PersonalInformationFile(
            organization=organization, department=departments[0], systems=[s.pk for s in systems], **FILE
        )
    )
    contractors, contracts = [], []
    for spec in CONTRACTS:
        spec = dict(spec)
        contractor = saved(Contractor(organization=organization, name=spec.pop("contractor")))
        subcontractor = spec.pop("subcontractor", None)
        contract = saved(
            DelegationContract(
                organization=organization,
                file=file,
                contractor=contractor,
                clauses=list(ContractClause.values),
                period_start=dt.date(2025, 4, 1),
                period_end=dt.date(2026, 3, 31),
                **spec,
            )
        )
        if subcontractor:
            chosen = saved(Contractor(organization=organization, name=subcontractor))
            saved(Subcontract(contract=contract, contractor=chosen, matters=contract.subcontracted_matters))
        contractors.append(contractor)
        contracts.append(contract)
    provisions = [saved(Destination(organization=organization, file=file, **spec)) for spec in PROVISIONS]
    accounts = [
        saved(
            StaffAccount(
                organization=organization,
                system=system,
                login_id=f"u{n:04d}",
                holder=f"試験 職員{n:02d}",
                department=departments[0],
                role="担当者",
                created_on=dt.date(2024, 4, 1),
            )
        )
        for n, system in enumerate((systems[0], systems[0], systems[1], systems[2]), start=1)
    ]
    saved(
        TrainingRecord(
            organization=organization,
            held_on=dt.date(2025, 7, 10),
            kind=TrainingKind.SECURITY,
            title="情報セキュリティ研修",
            attendees=20,
        )
    )
    saved(
        InspectionRecord(
            organization=organization,
            held_on=dt.date(2025, 11, 20),
            kind=InspectionKind.SELF,
            scope="予防接種ファイルの取扱い\n（アクセス権限、操作ログの確認）",
        )
    )
    return Registry(
        organization=organization,
        departments=departments,
        systems=systems,
        file=file,
        contractors=contractors,
        contracts=contracts,
        provisions=provisions,
        accounts=accounts,
    )
