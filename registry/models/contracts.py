"""Delegation (委託): contractors, contracts and their chains of subcontracts (再委託)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from simple_history.models import HistoricalRecords

from registry.enums import ContractClause, HandlerBand
from registry.models.base import OrganizationOwned

MAX_CONTRACT_DOCUMENT_BYTES = 20 * 1024 * 1024
CONTRACT_DOCUMENT_EXTENSIONS = ["pdf", "docx", "xlsx"]
_MAGIC = {"pdf": b"%PDF-", "docx": b"PK\x03\x04", "xlsx": b"PK\x03\x04"}


def validate_contract_document(upload) -> None:
    """Refuse oversized files and files whose content does not match their extension."""
    if upload.size > MAX_CONTRACT_DOCUMENT_BYTES:
        raise ValidationError("契約書のファイルは20MB以下にしてください。")
    extension = upload.name.rsplit(".", 1)[-1].lower()
    magic = _MAGIC.get(extension)
    if magic is not None:
        head = upload.read(len(magic))
        upload.seek(0)
        if head != magic:
            raise ValidationError("ファイルの内容が拡張子と一致しません（PDF・Word・Excel のみ受け付けます）。")


class Contractor(OrganizationOwned):
    name = models.CharField("事業者名", max_length=200)
    address = models.CharField("所在地", max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "委託先事業者"
        verbose_name_plural = "委託先事業者"
        ordering = ["organization", "name"]

    def __str__(self) -> str:
        return self.name


class DelegationContract(OrganizationOwned):
    """委託事項: what is delegated to whom, under which contract clauses."""

    file = models.ForeignKey(
        "registry.PersonalInformationFile",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contracts",
        verbose_name="特定個人情報ファイル",
    )
    title = models.CharField("委託事項（件名）", max_length=300)
    content = models.TextField("委託内容", blank=True)
    contractor = models.ForeignKey(
        Contractor, on_delete=models.PROTECT, related_name="contracts", verbose_name="委託先"
    )
    handler_count = models.PositiveIntegerField("委託先における取扱者数（実数）", null=True, blank=True)
    handler_band = models.CharField("委託先における取扱者数", max_length=30, choices=HandlerBand.choices, blank=True)
    subcontracted = models.BooleanField("再委託する", default=False)
    approval_method = models.TextField("再委託の許諾方法", blank=True)
    subcontracted_matters = models.TextField("再委託事項", blank=True)
    period_start = models.DateField("契約期間（開始）", null=True, blank=True)
    period_end = models.DateField("契約期間（終了）", null=True, blank=True)
    clauses = models.JSONField("契約書の規定", default=list, blank=True)
    document = models.FileField(
        "契約書",
        upload_to="contracts/%Y/",
        blank=True,
        validators=[FileExtensionValidator(CONTRACT_DOCUMENT_EXTENSIONS), validate_contract_document],
        help_text="PDF・Word・Excel、20MB まで",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "委託契約"
        verbose_name_plural = "委託契約"
        ordering = ["organization", "title"]

    def __str__(self) -> str:
        return self.title

    def printed_handler_band(self) -> str:
        if self.handler_band:
            return self.handler_band
        return HandlerBand.for_count(self.handler_count).value if self.handler_count is not None else ""

    def clause_labels(self) -> list[str]:
        return [ContractClause(key).label for key in self.clauses or [] if key in ContractClause.values]


class SubcontractQuerySet(models.QuerySet):
    def for_user(self, user):
        if user.is_superuser:
            return self
        if not user.is_authenticated:
            return self.none()
        return self.filter(contract__organization__memberships__user=user).distinct()


class Subcontract(models.Model):
    """再委託: a link in the chain; a subcontractor may subcontract again (parent)."""

    contract = models.ForeignKey(
        DelegationContract, on_delete=models.CASCADE, related_name="subcontracts", verbose_name="委託契約"
    )
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children", verbose_name="再委託元"
    )
    contractor = models.ForeignKey(Contractor, on_delete=models.PROTECT, related_name="+", verbose_name="再委託先")
    matters = models.TextField("再委託事項", blank=True)
    history = HistoricalRecords()

    objects = SubcontractQuerySet.as_manager()

    class Meta:
        verbose_name = "再委託"
        verbose_name_plural = "再委託"

    def __str__(self) -> str:
        return f"{self.contract} → {self.contractor}"

    @property
    def depth(self) -> int:
        """1 for a subcontract of the contractor itself, 2 for its subcontractor's, and so on."""
        depth, node = 1, self.parent
        while node is not None:
            depth, node = depth + 1, node.parent
        return depth
