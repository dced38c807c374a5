"""Start-up loads no heavy library and no form definition: they load when first used.

Every management command and every web process starts with `django.setup()` and the URL conf.
polars (access-log store), WeasyPrint and pikepdf (PDF), openpyxl (Excel), segno (the MFA set-up's
QR code) and the YAML form definitions cost about a second together; they are imported or read by
the code that uses them.
Checked in a fresh process, under development and production settings.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("polars", "weasyprint", "pikepdf", "openpyxl", "segno")

PROBE = """
import json, sys
import django

django.setup()
from django.urls import get_resolver

get_resolver().url_patterns
from pia.formdef.loader import all_definitions, definitions_loaded
from pia.formdef.mappings import shipped_mappings

print(json.dumps({
    "heavy": sorted(name for name in sys.argv[1:] if name in sys.modules),
    "definitions_loaded": definitions_loaded() or all_definitions.cache_info().currsize > 0,
    "mappings_loaded": shipped_mappings.cache_info().currsize > 0,
}))
"""

SETTINGS = {
    "config.settings.dev": {},
    "config.settings.production": {
        "SECRET_KEY": "a-long-random-production-secret-" + "x" * 40,
        "ALLOWED_HOSTS": "pia.example.jp",
        "PIA_LOG_PSEUDONYM_KEY": "a-long-random-pseudonym-key-" + "y" * 40,
    },
}


def started(settings: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    env.update(DJANGO_SETTINGS_MODULE=settings, **SETTINGS[settings])
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-c", PROBE, *HEAVY], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module", params=sorted(SETTINGS))
def start_up(request):
    return started(request.param)


def test_start_up_imports_no_heavy_library(start_up):
    assert start_up["heavy"] == []


def test_start_up_reads_no_form_definition_nor_mapping(start_up):
    assert start_up["definitions_loaded"] is False
    assert start_up["mappings_loaded"] is False
