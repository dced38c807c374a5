"""A task that leaves a trace of every run, for tests/config/test_parallel_task_workers.py.

The worker processes import it by its path (``tests.config.tasks_for_workers.record_run``): they run
from the project's root, which is on their ``sys.path`` as the directory of ``manage.py``.
"""

from __future__ import annotations

import os
import time

from django.tasks import task

# Long enough that two workers polling the same queue overlap, short enough for a fast test.
WORK_SECONDS = 0.02


@task()
def record_run(number: int, journal: str) -> int:
    """Append ``<number> <pid>`` to the journal; a task run twice shows as a repeated number."""
    time.sleep(WORK_SECONDS)
    # One write(2) on a descriptor opened with O_APPEND: lines from two processes never interleave.
    descriptor = os.open(journal, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(descriptor, f"{number} {os.getpid()}\n".encode())
    finally:
        os.close(descriptor)
    return number
