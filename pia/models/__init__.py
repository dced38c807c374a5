from .pages import AssessmentPage, JutenAssessmentPage, OrganizationPage, PortalHomePage
from .publications import (
    AnnexDecision,
    AnnexRow,
    ArtifactKind,
    ArtifactStatus,
    Publication,
    PublicationArtifact,
    content_hash,
)
from .workflow import ShozokuchoApprovalTask

__all__ = [
    "AnnexDecision",
    "AnnexRow",
    "ArtifactKind",
    "ArtifactStatus",
    "PublicationArtifact",
    "AssessmentPage",
    "Publication",
    "content_hash",
    "JutenAssessmentPage",
    "OrganizationPage",
    "PortalHomePage",
    "ShozokuchoApprovalTask",
]
