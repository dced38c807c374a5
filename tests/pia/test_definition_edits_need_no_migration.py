"""Editing a form definition (a label, a help text, a choice list, even a new item) needs no migration.

The assessment pages' StreamFields are built from the definitions (on first use) and keep their
blocks out of migrations (pia.formdef.fields.DefinitionStreamField). The proof runs Django's
own `makemigrations --check` against an edited copy of the shipped definitions.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml
from wagtail import blocks
from wagtail.fields import StreamField

from pia.formdef.fields import DefinitionStreamField
from pia.formdef.loader import SHIPPED_DEFINITIONS_DIR

ROOT = Path(__file__).resolve().parents[2]


def edited_copy(tmp_path: Path) -> Path:
    """A copy of the shipped definitions with a label, a note, a choice and a whole item changed."""
    target = tmp_path / "definitions"
    shutil.copytree(SHIPPED_DEFINITIONS_DIR, target)
    path = target / "juten-r06-10.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    cover = next(s for s in raw["sections"] if s.get("role") == "cover")
    cover["items"][0]["label"] = "評価書番号（訂正）"
    cover["items"][0]["note"] = "a note edited by a body"
    cover["items"].insert(1, {"key": "added_remark", "label": "追加の記載", "type": "text"})
    raw["choice_lists"]["jisshi_umu"]["choices"].append("検討中")
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


def makemigrations_check(definitions: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test", "PIA_FORM_DEFINITIONS_DIR": str(definitions)}
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "makemigrations", "--check", "--dry-run", "pia"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_an_edited_definition_needs_no_migration(tmp_path):
    definitions = edited_copy(tmp_path)
    result = makemigrations_check(definitions)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No changes detected" in result.stdout


def test_the_edited_copy_is_the_one_the_pages_are_built_from(tmp_path):
    """The check above would prove nothing if the copy were not read: the editor's blocks show the new label."""
    definitions = edited_copy(tmp_path)
    script = (
        "import django; django.setup();"
        "from pia.models import JutenAssessmentPage;"
        "block = JutenAssessmentPage._meta.get_field('s_cover').stream_block.child_blocks['cover'];"
        "print(block.child_blocks['hyokasho_bango'].label, 'added_remark' in block.child_blocks)"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test", "PIA_FORM_DEFINITIONS_DIR": str(definitions)}
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["評価書番号（訂正）", "True"]


def test_wagtails_own_stream_field_would_put_the_blocks_into_migrations():
    """Why the field exists: Wagtail serializes every block and label, ours only that it is a StreamField."""
    child = [("item", blocks.CharBlock(label="評価書番号"))]
    wagtails = StreamField(child, blank=True).deconstruct()
    ours = DefinitionStreamField(child, blank=True).deconstruct()
    assert "評価書番号" in repr(wagtails)
    assert ours[1] == "pia.formdef.fields.DefinitionStreamField"
    assert ours[2] == [[]]
    assert "評価書番号" not in repr(ours)
