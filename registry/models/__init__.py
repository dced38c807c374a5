from .access_logs import AccessLogEntry, AccessLogSearch, IngestToken, LogArchive, LogBatch, LogFormat
from .base import OrganizationOwned, OrganizationOwnedQuerySet
from .contracts import Contractor, DelegationContract, Subcontract
from .destinations import Destination
from .organizations import Department, Membership, Organization, OrganizationQuerySet
from .staff import IncidentRecord, InspectionRecord, StaffAccount, TrainingRecord
from .systems import PersonalInformationFile, System

__all__ = [
    "AccessLogEntry",
    "AccessLogSearch",
    "IngestToken",
    "LogArchive",
    "LogBatch",
    "LogFormat",
    "Contractor",
    "DelegationContract",
    "Department",
    "Destination",
    "IncidentRecord",
    "InspectionRecord",
    "Membership",
    "Organization",
    "OrganizationOwned",
    "OrganizationOwnedQuerySet",
    "OrganizationQuerySet",
    "PersonalInformationFile",
    "StaffAccount",
    "Subcontract",
    "System",
    "TrainingRecord",
]
