"""Benchmark: `manage.py help` beside a bare Wagtail project with the same third-party apps (budget 1.25×).

The work runs in scripts/bench-startup, which writes the bare project to a temporary folder and
times both in fresh processes; this test runs it and shows its figures (run with `make bench`).
"""

import pytest

from tests.bench.scripts import run_and_show


@pytest.mark.bench
def test_start_up_beside_a_bare_wagtail_project():
    run_and_show("bench-startup")
