"""A definition that cannot be loaded fails `manage.py check`, though start-up no longer loads it.

The definitions load on first use; the system check pia.E001 loads them all, so `check`,
`migrate` and `runserver` still refuse a deployment whose definitions could not be printed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from pia.formdef.loader import SHIPPED_DEFINITIONS_DIR

ROOT = Path(__file__).resolve().parents[2]


def check_with(definitions: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(DJANGO_SETTINGS_MODULE="config.settings.test", PIA_FORM_DEFINITIONS_DIR=str(definitions))
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )


def test_an_edition_extending_an_unknown_form_fails_the_check(tmp_path):
    definitions = tmp_path / "definitions"
    shutil.copytree(SHIPPED_DEFINITIONS_DIR, definitions)
    path = definitions / "kiso-h29-05.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("extends: kiso-r06-10", "extends: kiso-r99-01"))
    result = check_with(definitions)
    assert result.returncode != 0
    assert "pia.E001" in result.stderr
    assert "kiso-r99-01" in result.stderr


def test_the_shipped_definitions_pass_the_check():
    result = check_with(SHIPPED_DEFINITIONS_DIR)
    assert result.returncode == 0, result.stderr[-3000:]
