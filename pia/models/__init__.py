from .pages import AssessmentPage, JutenAssessmentPage, OrganizationPage, PortalHomePage
from .publications import AnnexDecision, AnnexRow, Publication, content_hash
from .workflow import ShozokuchoApprovalTask

__all__ = [
    "AnnexDecision",
    "AnnexRow",
    "AssessmentPage",
    "Publication",
    "content_hash",
    "JutenAssessmentPage",
    "OrganizationPage",
    "PortalHomePage",
    "ShozokuchoApprovalTask",
]
