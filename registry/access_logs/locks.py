"""One run at a time of a job that must not overlap itself (retention), across processes.

PostgreSQL: a session-level advisory lock (pg_try_advisory_lock), released when the run
ends or its connection dies. SQLite: an exclusive flock on a file beside the database,
released when the run ends or its process dies. Neither leaves a stale lock behind.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from django.db import DatabaseError, connection


class AlreadyRunning(RuntimeError):
    """Another process holds the lock; this run changed nothing."""


def _advisory_key(name: str) -> int:
    """A stable signed 64-bit key for pg_try_advisory_lock."""
    return int.from_bytes(hashlib.sha256(f"pia:{name}".encode()).digest()[:8], "big", signed=True)


def _lock_path(name: str) -> Path:
    database = str(connection.settings_dict["NAME"])
    if connection.is_in_memory_db():  # type: ignore[attr-defined]
        # An in-memory database lives in one process (the test suite's): so does its lock.
        digest = hashlib.sha256(database.encode()).hexdigest()[:16]
        return Path(tempfile.gettempdir()) / f"pia-{digest}-{os.getpid()}-{name}.lock"
    return Path(f"{database}.{name}.lock")


@contextlib.contextmanager
def exclusive_run(name: str, message: str) -> Iterator[None]:
    """Hold the lock *name* for the block; raise AlreadyRunning(*message*) at once when it is taken."""
    if connection.vendor == "postgresql":
        key = _advisory_key(name)
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
            if not cursor.fetchone()[0]:
                raise AlreadyRunning(message)
        try:
            yield
        finally:
            # In an aborted transaction the unlock fails; the lock then ends with the session.
            with contextlib.suppress(DatabaseError), connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [key])
        return
    path = _lock_path(name)
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise AlreadyRunning(message) from None
        yield
        if connection.is_in_memory_db():  # type: ignore[attr-defined]
            path.unlink(missing_ok=True)  # only this process uses it; a shared lock file must stay
    finally:
        os.close(descriptor)  # closing the descriptor releases the flock
