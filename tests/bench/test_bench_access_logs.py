"""Benchmark: access-log ingestion beside a raw bulk load (budget: half of COPY), anomaly reports over many rows.

The work runs in scripts/bench-access-logs, one process per phase, so that each phase's
peak memory is its own; this test runs it and shows its figures (run with `make bench`).
"""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.bench
def test_access_log_ingestion_and_reports():
    done = subprocess.run(  # noqa: S603
        [sys.executable, str(ROOT / "scripts" / "bench-access-logs")], cwd=ROOT, capture_output=True, text=True
    )
    print(done.stdout)
    assert done.returncode == 0, done.stderr[-3000:]
