"""What exists: the bodies that assess (評価実施機関), their departments and their staff."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from simple_history.models import HistoricalRecords

from registry.enums import Role
from registry.models.base import OrganizationOwnedQuerySet

slug_validator = RegexValidator(r"^[a-z0-9][a-z0-9-]*$", "半角英小文字・数字・ハイフンで入力してください。")


class OrganizationQuerySet(models.QuerySet["Organization"]):
    def for_user(self, user) -> OrganizationQuerySet:
        """Organizations the user belongs to; every organization for a superuser."""
        if user.is_superuser:
            return self
        if not user.is_authenticated:
            return self.none()
        return self.filter(memberships__user=user).distinct()


class Organization(models.Model):
    """評価実施機関: the body named on the assessment, e.g. 長岡市長."""

    name = models.CharField("評価実施機関名", max_length=100, help_text="評価書に印字される名称（例：長岡市長）")
    slug = models.SlugField("識別子", max_length=50, unique=True, validators=[slug_validator])
    municipality = models.CharField("団体名", max_length=100, blank=True, help_text="例：長岡市（新潟県）")
    local_government_code = models.CharField(
        "地方公共団体コード",
        max_length=6,
        blank=True,
        validators=[RegexValidator(r"^\d{6}$", "6桁の数字で入力してください。")],
    )
    address = models.CharField("所在地", max_length=200, blank=True)
    history = HistoricalRecords()

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        verbose_name = "評価実施機関"
        verbose_name_plural = "評価実施機関"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Department(models.Model):
    """部署: where the 所属長 sits and where 請求 and 問合せ are addressed."""

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="departments", verbose_name="評価実施機関"
    )
    name = models.CharField("部署名", max_length=100)
    head_title = models.CharField("所属長の役職名", max_length=50, blank=True)
    postal_code = models.CharField(
        "郵便番号", max_length=8, blank=True, validators=[RegexValidator(r"^\d{3}-?\d{4}$", "例：940-8501")]
    )
    address = models.CharField("住所", max_length=200, blank=True)
    phone = models.CharField("電話番号", max_length=20, blank=True)
    contact_label = models.CharField(
        "問合せ・請求先での表記",
        max_length=100,
        blank=True,
        help_text="請求先・連絡先に印字する部署名（例：総務部　庶務課）。空欄なら部署名",
    )
    history = HistoricalRecords()

    objects = OrganizationOwnedQuerySet.as_manager()

    class Meta:
        verbose_name = "部署"
        verbose_name_plural = "部署"
        ordering = ["organization", "name"]
        constraints = [models.UniqueConstraint(fields=["organization", "name"], name="unique_department_name")]

    def __str__(self) -> str:
        return self.name

    def contact_text(self) -> str:
        """The department as the form's 請求先 and 連絡先 print it: name, postal address, phone."""
        address = " ".join(part for part in (self.postal_code, self.address) if part)
        return "\n".join(part for part in (self.contact_label or self.name, address, self.phone) if part)


class Membership(models.Model):
    """A user's role in one organization; a user may serve several."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField("役割", max_length=20, choices=Role.choices)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "所属"
        verbose_name_plural = "所属"
        constraints = [models.UniqueConstraint(fields=["user", "organization", "role"], name="unique_membership")]

    def __str__(self) -> str:
        return f"{self.user} / {self.organization} / {self.get_role_display()}"
