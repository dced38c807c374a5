"""The demo's people: who they are and the password each logs in with."""

from __future__ import annotations

from dataclasses import dataclass

from registry.enums import Role


@dataclass(frozen=True)
class Persona:
    username: str
    last_name: str
    first_name: str
    organization: str | None  # organization slug; None for the administrator
    role: str | None
    description: str

    @property
    def password(self) -> str:
        # Demo only: published in the README and printed by `make demo`.
        return f"{self.username}-demo-2026"


PERSONAS = (
    Persona(
        "nagaoka-officer",
        "保健",
        "花子",
        "nagaoka",
        Role.OFFICER,
        "長岡市 福祉保健部保健医療課の担当者：評価書を編集し、承認を申請する",
    ),
    Persona(
        "nagaoka-approver",
        "医療",
        "一郎",
        "nagaoka",
        Role.APPROVER,
        "長岡市 保健医療課長（所属長）：承認・差戻し・公表",
    ),
    Persona("nagaoka-auditor", "監査", "次郎", "nagaoka", Role.AUDITOR, "長岡市の監査担当：閲覧のみ（編集不可）"),
    Persona(
        "midorino-officer", "緑野", "三郎", "midorino", Role.OFFICER, "架空の緑野市の担当者：長岡市の評価書は見えない"
    ),
    Persona("admin", "管理", "者", None, None, "システム管理者（全機関）"),
)
