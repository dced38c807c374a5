from pia.models.drift import DriftSnapshot
from pia.models.pages import (
    AssessmentPage,
    JutenAssessmentPage,
    KisoAssessmentPage,
    OrganizationPage,
    PortalHomePage,
    ZenkomokuAssessmentPage,
)
from pia.models.publications import (
    AnnexDecision,
    AnnexRow,
    ArtifactKind,
    ArtifactStatus,
    Publication,
    PublicationArtifact,
    content_hash,
)
from pia.models.sitemaps import SitemapFile
from pia.models.workflow import ShozokuchoApprovalTask

__all__ = [
    "AnnexDecision",
    "AnnexRow",
    "ArtifactKind",
    "ArtifactStatus",
    "DriftSnapshot",
    "PublicationArtifact",
    "AssessmentPage",
    "Publication",
    "content_hash",
    "JutenAssessmentPage",
    "KisoAssessmentPage",
    "ZenkomokuAssessmentPage",
    "OrganizationPage",
    "PortalHomePage",
    "ShozokuchoApprovalTask",
    "SitemapFile",
]
