"""Test data builders, one module per app (factory-boy, and the application's own services).

``accounts``: users; ``registry``: organizations and their registry records; ``pia``: bodies set
up through ``provision_organization``/``grant_role`` and assessments saved and published through
Wagtail's revisions.
"""

from tests.factories.accounts import UserFactory
from tests.factories.registry import (
    ContractorFactory,
    DelegationContractFactory,
    DepartmentFactory,
    DestinationFactory,
    IncidentRecordFactory,
    InspectionRecordFactory,
    OrganizationFactory,
    PersonalInformationFileFactory,
    StaffAccountFactory,
    SubcontractFactory,
    SystemFactory,
    TrainingRecordFactory,
)

__all__ = [
    "ContractorFactory",
    "DelegationContractFactory",
    "DepartmentFactory",
    "DestinationFactory",
    "IncidentRecordFactory",
    "InspectionRecordFactory",
    "OrganizationFactory",
    "PersonalInformationFileFactory",
    "StaffAccountFactory",
    "SubcontractFactory",
    "SystemFactory",
    "TrainingRecordFactory",
    "UserFactory",
]
