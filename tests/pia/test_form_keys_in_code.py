"""The form's knowledge lives in its definitions: application code names at most a handful of form keys.

`scripts/form-keys-in-code` lists every key of a definition (section, item, choice list, check item)
written as a string in application code; each must carry a comment saying why.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MAX_KEYS = 20


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603
        [sys.executable, "scripts/form-keys-in-code", *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def test_application_code_names_few_form_keys_and_says_why():
    result = run("--max", str(MAX_KEYS))
    assert result.returncode == 0, result.stdout
    assert "0 without a comment saying why" in result.stdout


def test_the_script_finds_a_key_written_into_code(tmp_path):
    """The count above would prove nothing if the script found nothing: a planted key is reported."""
    planted = ROOT / "pia" / "zz_planted_form_key.py"
    planted.write_text('VALUE = "taisho_ninzu"\n', encoding="utf-8")
    try:
        result = run("--max", "100")
    finally:
        planted.unlink()
    assert "pia/zz_planted_form_key.py:1: taisho_ninzu  (unexplained)" in result.stdout
    assert result.returncode == 1
