from registry.models.access_logs import (
    AccessLogAccountSeen,
    AccessLogDay,
    AccessLogEntry,
    AccessLogSearch,
    IngestToken,
    LogArchive,
    LogBatch,
    LogFormat,
)
from registry.models.base import OrganizationOwned, OrganizationOwnedQuerySet
from registry.models.contracts import Contractor, DelegationContract, Subcontract
from registry.models.destinations import Destination
from registry.models.organizations import Department, Membership, Organization, OrganizationQuerySet
from registry.models.staff import IncidentRecord, InspectionRecord, StaffAccount, TrainingRecord
from registry.models.systems import PersonalInformationFile, System

__all__ = [
    "AccessLogAccountSeen",
    "AccessLogDay",
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
