from registry.models import Contractor, DelegationContract, Organization, Subcontract
from tests.factories import OrganizationFactory


def test_a_chain_of_three_subcontracts_round_trips(db):
    org = OrganizationFactory(slug="chain", name="試験市長")
    contractors = [Contractor.objects.create(organization=org, name=f"事業者{n}") for n in range(4)]
    contract = DelegationContract.objects.create(
        organization=org, title="住民記録システムの保守", contractor=contractors[0], subcontracted=True
    )
    parent = None
    for contractor in contractors[1:]:
        parent = Subcontract.objects.create(contract=contract, parent=parent, contractor=contractor, matters="保守作業")

    deepest = Subcontract.objects.get(contractor__name="事業者3")
    chain = []
    node = deepest
    while node is not None:
        chain.append(node.contractor.name)
        node = node.parent
    assert chain == ["事業者3", "事業者2", "事業者1"]
    assert deepest.depth == 3
    assert contract.subcontracts.filter(parent__isnull=True).get().children.get().children.get() == deepest
    assert Organization.objects.filter(slug="chain").exists()
