# form keys: the codes of Network, TransferMethod and InspectionKind are the keys of the check-list items
# they fill (pia/formdef/links.py hands them over as they are), so a registry record ticks its own box.

from django.db import models


class Role(models.TextChoices):
    OFFICER = "officer", "担当者"
    APPROVER = "approver", "所属長（承認者）"
    AUDITOR = "auditor", "監査担当"


class Network(models.TextChoices):
    """The standard connections the form lists under ③他のシステムとの接続."""

    JOHO_TEIKYO_NW = "joho_teikyo_nw", "情報提供ネットワークシステム"
    CHONAI_RENKEI = "chonai_renkei", "庁内連携システム"
    JUKI_NW = "juki_nw", "住民基本台帳ネットワークシステム"
    KIZON_JUKI = "kizon_juki", "既存住民基本台帳システム"
    ATENA = "atena", "宛名システム等"
    ZEIMU = "zeimu", "税務システム"


class FileType(models.TextChoices):
    SYSTEM = "システム用ファイル", "システム用ファイル"
    OTHER = "その他の電子ファイル（表計算ファイル等）", "その他の電子ファイル（表計算ファイル等）"


class SubjectBand(models.TextChoices):
    """対象となる本人の数 as the form's bands."""

    UNDER_10K = "1万人未満", "1万人未満"
    UNDER_100K = "1万人以上10万人未満", "1万人以上10万人未満"
    UNDER_1M = "10万人以上100万人未満", "10万人以上100万人未満"
    UNDER_10M = "100万人以上1,000万人未満", "100万人以上1,000万人未満"
    OVER_10M = "1,000万人以上", "1,000万人以上"

    @classmethod
    def for_count(cls, count: int) -> "SubjectBand":
        for limit, band in (
            (10_000, cls.UNDER_10K),
            (100_000, cls.UNDER_100K),
            (1_000_000, cls.UNDER_1M),
            (10_000_000, cls.UNDER_10M),
        ):
            if count < limit:
                return band
        return cls.OVER_10M


class HandlerBand(models.TextChoices):
    """取扱者数 / 使用者数 as the form's bands."""

    UNDER_10 = "10人未満", "10人未満"
    UNDER_50 = "10人以上50人未満", "10人以上50人未満"
    UNDER_100 = "50人以上100人未満", "50人以上100人未満"
    UNDER_500 = "100人以上500人未満", "100人以上500人未満"
    UNDER_1000 = "500人以上1,000人未満", "500人以上1,000人未満"
    OVER_1000 = "1,000人以上", "1,000人以上"

    @classmethod
    def for_count(cls, count: int) -> "HandlerBand":
        for limit, band in (
            (10, cls.UNDER_10),
            (50, cls.UNDER_50),
            (100, cls.UNDER_100),
            (500, cls.UNDER_500),
            (1000, cls.UNDER_1000),
        ):
            if count < limit:
                return band
        return cls.OVER_1000

    @property
    def floor(self) -> int:
        """The fewest people the band holds (for a count known only by its band)."""
        return {"UNDER_10": 0, "UNDER_50": 10, "UNDER_100": 50, "UNDER_500": 100, "UNDER_1000": 500}.get(
            self.name, 1000
        )


class ContractClause(models.TextChoices):
    """The clause kinds the seed lists under 規定の内容 (委託契約書中の規定)."""

    LAW_COMPLIANCE = "law", "個人情報保護条例その他個人情報の保護に関する法令等遵守に関する事項"
    CONFIDENTIALITY = "confidentiality", "秘密保持義務に関する事項"
    PURPOSE_LIMIT = "purpose", "特定個人情報の目的外利用の禁止に関する事項"
    SUBCONTRACT = "subcontract", "再委託における条件に関する事項"
    RETURN_DISPOSAL = "return", "委託契約終了後の特定個人情報の返却又は廃棄に関する事項"
    SUPERVISION = "supervision", "従業者に対する監督・教育に関する事項"
    AUDIT = "audit", "必要があると認めるときに実地調査を行うことができる規定に関する事項"


class DestinationKind(models.TextChoices):
    PROVISION = "provision", "提供先"
    TRANSFER = "transfer", "移転先"


class TransferMethod(models.TextChoices):
    """⑥提供方法 / ⑥移転方法 (the union of both printed lists, without その他)."""

    JOHO_TEIKYO_NW = "joho_teikyo_nw", "情報提供ネットワークシステム"
    CHONAI_RENKEI = "chonai_renkei", "庁内連携システム"
    SENYOSEN = "senyosen", "専用線"
    EMAIL = "email", "電子メール"
    DENSHI_BAITAI = "denshi_baitai", "電子記録媒体（フラッシュメモリを除く。）"
    FLASH = "flash", "フラッシュメモリ"
    KAMI = "kami", "紙"


class InspectionKind(models.TextChoices):
    SELF = "jiko_tenken", "自己点検"
    INTERNAL = "naibu_kansa", "内部監査"
    EXTERNAL = "gaibu_kansa", "外部監査"


class TrainingKind(models.TextChoices):
    SECURITY = "security", "情報セキュリティ研修"
    NEW_STAFF = "new_staff", "初任者・臨時職員研修"
    ELEARNING = "elearning", "e-ラーニング"
    OTHER = "other", "その他"


class LogAction(models.TextChoices):
    """What a log entry records the account doing (the canonical values of the `action` column)."""

    LOGIN = "login", "ログイン"
    LOGOUT = "logout", "ログアウト"
    SEARCH = "search", "検索"
    VIEW = "view", "照会"
    CREATE = "create", "登録"
    UPDATE = "update", "更新"
    DELETE = "delete", "削除"
    EXPORT = "export", "出力"
    PRINT = "print", "印刷"


class LogResult(models.TextChoices):
    SUCCESS = "success", "成功"
    FAILURE = "failure", "失敗"
    DENIED = "denied", "拒否"


class LogDays(models.TextChoices):
    """On which days a system is expected to write log entries (for the gap report)."""

    DAILY = "daily", "毎日"
    BUSINESS_DAYS = "business_days", "開庁日（土日・祝日・年末年始を除く）"
    IRREGULAR = "irregular", "不定期（欠落を検出しない）"


class ArchiveStatus(models.TextChoices):
    WRITING = "writing", "書込み中"
    VERIFIED = "verified", "検証済み（オンラインの行を削除中）"
    COMPLETE = "complete", "保管中"
    EXPIRED = "expired", "保管期間満了により削除済み"
