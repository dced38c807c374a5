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


def schema_labels() -> list[str]:
    """What the research schema says the form prints: every distinct item label (a repeat's
    ``{n}`` as entry 1, an entry name's ``（件名）`` standing for the header cell it is printed in,
    as the schema's notes say), every choice as its ＜選択肢＞ numbers it, every check label."""
    import re

    schema = reference_schema()
    header_cell = re.compile(r"\{n\}（[^）]*）$")
    labels: dict[str, str] = {}

    def walk(fields: list[dict]) -> None:
        for field in fields:
            labels.setdefault(field["label_ja"], header_cell.sub("{n}", field["label_ja"]).replace("{n}", "1"))
            walk(field.get("fields", []))
            walk(field.get("row_fields", []))

    for section in schema["sections"]:
        walk(section.get("fields", []))
        walk(section.get("row_fields", []))
    choices = [
        (lst["numbering"].replace("1", str(n), 1) if lst.get("numbering") else "") + choice
        for lst in schema["choice_lists"].values()
        for n, choice in enumerate(lst["choices"], start=1)
    ]
    checks = [
        item["label_ja"]
        for lst in schema["check_lists"].values()
        for items in [*(group["items"] for group in lst.get("groups", [])), lst.get("items", [])]
        for item in items
    ]
    return [*labels.values(), *choices, *checks]
