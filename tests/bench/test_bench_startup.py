"""Benchmark: `manage.py help` beside a bare Wagtail project with the same third-party apps (budget 1.25×).

The work runs in scripts/bench-startup, which writes the bare project to a temporary folder and
times both in fresh processes; this test runs it and shows its figures (run with `make bench`).
"""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.bench
def test_start_up_beside_a_bare_wagtail_project():
    done = subprocess.run(  # noqa: S603
        [sys.executable, str(ROOT / "scripts" / "bench-startup")], cwd=ROOT, capture_output=True, text=True
    )
    print(done.stdout)
    assert done.returncode == 0, done.stderr[-3000:]
