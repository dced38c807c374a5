"""Mark the tests that flush the database, so `make test` runs them after the others, in one process;
empty the caches after each test.

A transactional test (``TransactionTestCase``, ``transactional_db``, ``live_server``) ends by
emptying every table, the rows migrations made included (the root page, locales, content types).
Django runs them last for that reason; the parallel run (pytest-xdist) cannot keep that order,
so they get a run of their own (in parallel too: each process has its own database).
"""

from __future__ import annotations

import pytest
from django.core.cache import caches
from django.test import TestCase, TransactionTestCase

_TRANSACTIONAL_FIXTURES = {"transactional_db", "live_server", "django_db_serialized_rollback"}


def _is_transactional(item: pytest.Item) -> bool:
    cls = getattr(item, "cls", None)
    if cls is not None and issubclass(cls, TransactionTestCase) and not issubclass(cls, TestCase):
        return True
    return bool(_TRANSACTIONAL_FIXTURES & set(getattr(item, "fixturenames", ())))


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if _is_transactional(item):
            item.add_marker(pytest.mark.transactional)


@pytest.fixture(autouse=True)
def _empty_caches():
    """Each test starts with empty caches, as a fresh process would (the rows cached by one test are gone)."""
    yield
    for cache in caches.all(initialized_only=True):
        cache.clear()
