from .pages import AssessmentPage, JutenAssessmentPage, OrganizationPage, PortalHomePage
from .workflow import ShozokuchoApprovalTask

__all__ = ["AssessmentPage", "JutenAssessmentPage", "OrganizationPage", "PortalHomePage", "ShozokuchoApprovalTask"]
