"""The research reference, copied verbatim into tests/reference/ (never read from ../shared)."""

from functools import cache
from pathlib import Path

import yaml

REFERENCE_DIR = Path(__file__).resolve().parent / "reference"


@cache
def reference_schema() -> dict:
    return yaml.safe_load((REFERENCE_DIR / "jp-pia-schema.yaml").read_text(encoding="utf-8"))


@cache
def reference_values() -> dict:
    return yaml.safe_load((REFERENCE_DIR / "jp-pia-seed-values.yaml").read_text(encoding="utf-8"))
