"""Two `manage.py db_worker` processes on one PostgreSQL queue: every task runs exactly once.

Production runs several task workers beside the web processes (docs/topology.md). They are safe in
parallel because django-tasks-db claims a task with ``SELECT … FOR UPDATE SKIP LOCKED``
(``DBTaskResultQuerySet.get_locked``) and marks it running in the same transaction. This test starts
two real worker processes, under the production settings, against the test database, fills the queue
at once and reads back the journal the tasks write: a task run twice shows as a repeated number.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
import unittest
from collections import Counter
from pathlib import Path
from urllib.parse import quote

from django.db import connection, transaction
from django.tasks import TaskResultStatus
from django.test import TransactionTestCase, override_settings
from django_tasks_db.models import DBTaskResult

from tests.config.tasks_for_workers import record_run

ROOT = Path(__file__).resolve().parents[2]
TASK_COUNT = 40
WORKER_IDS = ("worker-a", "worker-b")
START_SECONDS = 60  # a cold start of Django and Wagtail on a busy 2-core machine
DRAIN_SECONDS = 60
# The queue the workers read: the production backend (config/settings/production.py).
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def database_url() -> str:
    """The URL of the database this test uses (the test database), for the worker processes."""
    settings = connection.settings_dict
    user = quote(settings["USER"] or "", safe="")
    password = f":{quote(settings['PASSWORD'], safe='')}" if settings["PASSWORD"] else ""
    port = f":{settings['PORT']}" if settings["PORT"] else ""
    return f"postgres://{user}{password}@{settings['HOST'] or ''}{port}/{quote(settings['NAME'], safe='')}"


def worker_environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_ALLOW_ASYNC_UNSAFE", "PIA_S3_BUCKET")}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY="a-long-random-production-secret-" + "x" * 40,
        ALLOWED_HOSTS="pia.example.jp",
        PIA_LOG_PSEUDONYM_KEY="a-long-random-pseudonym-key-" + "y" * 40,
        USE_DB_WORKER="true",
        DATABASE_URL=database_url(),
        PYTHONUNBUFFERED="1",
    )
    return env


def start_worker(worker_id: str, log: Path) -> subprocess.Popen:
    with log.open("wb") as output:
        return subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                "manage.py",
                "db_worker",
                "--worker-id",
                worker_id,
                "--interval",
                "0.05",
                "--no-startup-delay",
                "--no-reload",
                "--skip-checks",  # the deployment checks have their own tests (test_our_deployment_checks.py)
            ],
            cwd=ROOT,
            env=worker_environment(),
            stdout=output,
            stderr=subprocess.STDOUT,
        )


def stop(worker: subprocess.Popen) -> None:
    if worker.poll() is None:
        worker.send_signal(signal.SIGTERM)  # the worker finishes the task in hand, then exits
        try:
            worker.wait(timeout=15)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait(timeout=15)


@unittest.skipUnless(
    connection.vendor == "postgresql",
    "needs PostgreSQL (set DATABASE_URL): parallel workers claim tasks with SELECT … FOR UPDATE SKIP LOCKED, "
    "and production runs on PostgreSQL; SQLite allows one writer, so one worker is all it takes there",
)
class ParallelTaskWorkersTest(TransactionTestCase):
    # A transactional test ends by flushing every table; restore what migrations created (locales,
    # content types) for the tests that run after it in the same process.
    serialized_rollback = True

    def test_two_workers_on_one_queue_run_each_task_exactly_once(self):
        with tempfile.TemporaryDirectory(prefix="pia-workers-") as scratch:
            journal = Path(scratch) / "journal.txt"
            logs = {worker_id: Path(scratch) / f"{worker_id}.log" for worker_id in WORKER_IDS}
            workers = {worker_id: start_worker(worker_id, logs[worker_id]) for worker_id in WORKER_IDS}
            try:
                started = time.monotonic()
                self.wait_until_listening(workers, logs)
                listening = time.monotonic()
                # One transaction: the whole queue appears at once, with both workers polling it.
                with override_settings(TASKS=DATABASE_QUEUE), transaction.atomic():
                    ids = [record_run.enqueue(n, str(journal)).id for n in range(TASK_COUNT)]
                self.wait_until_drained(ids, workers, logs)
                drained = time.monotonic()
            finally:
                for worker in workers.values():
                    stop(worker)
            lines = journal.read_text(encoding="utf-8").split() if journal.exists() else []

        numbers = Counter(int(number) for number in lines[0::2])
        run_by_pid = Counter(int(pid) for pid in lines[1::2])
        self.assertEqual([n for n, runs in numbers.items() if runs > 1], [], "tasks that ran more than once")
        self.assertEqual(sorted(numbers), list(range(TASK_COUNT)), "every task ran")
        worker_pids = {worker.pid for worker in workers.values()}
        self.assertLessEqual(set(run_by_pid), worker_pids, "every run happened in one of the two workers")

        results = DBTaskResult.objects.filter(id__in=ids)
        self.assertEqual(results.count(), TASK_COUNT)
        self.assertEqual(set(results.values_list("status", flat=True)), {TaskResultStatus.SUCCESSFUL})
        claims = [tuple(claimed_by) for claimed_by in results.values_list("worker_ids", flat=True)]
        self.assertTrue(all(len(claimed_by) == 1 for claimed_by in claims), f"each task claimed once: {claims}")
        split = Counter(claimed_by[0] for claimed_by in claims)
        self.assertLessEqual(set(split), set(WORKER_IDS))
        # Information, not an assertion: which worker got how much depends on the scheduler.
        print(
            f"\ntasks run per worker: {dict(sorted(split.items()))}; workers listening after "
            f"{listening - started:.1f} s, {TASK_COUNT} tasks done {drained - listening:.1f} s later"
        )

    def wait_until_listening(self, workers: dict[str, subprocess.Popen], logs: dict[str, Path]) -> None:
        deadline = time.monotonic() + START_SECONDS
        waiting = set(workers)
        while waiting and time.monotonic() < deadline:
            for worker_id in list(waiting):
                if "Starting worker" in logs[worker_id].read_text(encoding="utf-8", errors="replace"):
                    waiting.discard(worker_id)
                elif workers[worker_id].poll() is not None:
                    self.fail(f"{worker_id} exited: {logs[worker_id].read_text(encoding='utf-8', errors='replace')}")
            time.sleep(0.1)
        self.assertFalse(waiting, f"workers not started after {START_SECONDS} s")

    def wait_until_drained(self, ids: list, workers: dict[str, subprocess.Popen], logs: dict[str, Path]) -> None:
        deadline = time.monotonic() + DRAIN_SECONDS
        pending = DBTaskResult.objects.filter(id__in=ids).exclude(
            status__in=[TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED]
        )
        while pending.exists():
            if time.monotonic() > deadline:
                output = {name: log.read_text(encoding="utf-8", errors="replace") for name, log in logs.items()}
                self.fail(f"{pending.count()} of {TASK_COUNT} tasks not run after {DRAIN_SECONDS} s: {output}")
            if all(worker.poll() is not None for worker in workers.values()):
                self.fail("both workers exited before the queue was drained")
            time.sleep(0.1)
