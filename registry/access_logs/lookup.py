"""Finding a system by the code the commands and the push endpoint use."""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist

from registry.models import System


def system_by_code(code: str) -> System:
    """`<organization>/<system>`, or a system code that is unique across organizations."""
    organization, _, system = code.rpartition("/")
    systems = System.objects.select_related("organization").filter(code=system)
    if organization:
        systems = systems.filter(organization__slug=organization)
    found = list(systems[:2])
    if len(found) != 1:
        raise ObjectDoesNotExist(
            f"システム「{code}」が見つかりません"
            if not found
            else f"「{code}」は複数の機関にあります：機関/コードで指定してください"
        )
    return found[0]
