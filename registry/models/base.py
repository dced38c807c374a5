"""What every registry record shares: it belongs to one 評価実施機関 and keeps its history."""

from __future__ import annotations

from django.db import models


class OrganizationOwnedQuerySet(models.QuerySet):
    def for_user(self, user):
        """Records of the organizations the user belongs to (all of them for a superuser)."""
        if user.is_superuser:
            return self
        if not user.is_authenticated:
            return self.none()
        return self.filter(organization__memberships__user=user).distinct()

    def for_organization(self, organization):
        return self.filter(organization=organization)


class OrganizationOwned(models.Model):
    organization = models.ForeignKey(
        "registry.Organization", on_delete=models.PROTECT, related_name="+", verbose_name="評価実施機関"
    )

    objects = OrganizationOwnedQuerySet.as_manager()

    class Meta:
        abstract = True
