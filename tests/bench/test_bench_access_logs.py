"""Benchmark: access-log ingestion beside a raw bulk load (budget: half of COPY), anomaly reports over many rows.

The work runs in scripts/bench-access-logs, one process per phase, so that each phase's
peak memory is its own; this test runs it and shows its figures (run with `make bench`).
"""

import pytest

from tests.bench.scripts import run_and_show


@pytest.mark.bench
def test_access_log_ingestion_and_reports():
    run_and_show("bench-access-logs")
