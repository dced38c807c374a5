"""Resolved document → JSON bytes (UTF-8, Japanese kept readable)."""

from __future__ import annotations

import json

from pia.formdef.types import ResolvedDocument


def document_json(document: ResolvedDocument, *, indent: int | None = 2) -> bytes:
    return json.dumps(document, ensure_ascii=False, indent=indent, sort_keys=False).encode("utf-8")
