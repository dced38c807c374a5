"""Benchmark: the portal at a national size (1,800 bodies, 45,000 assessments, 135,000 publications).

The work runs in scripts/bench-national (PostgreSQL scratch databases, one process per phase); this
test runs it and shows its figures (run with `make bench`). BENCH_NATIONAL_BODIES, _ASSESSMENTS and
_VERSIONS set the size, BENCH_NATIONAL_REQUESTS the requests per page.
"""

import pytest

from tests.bench.scripts import run_and_show


@pytest.mark.bench
def test_a_portal_for_every_body():
    run_and_show("bench-national")
