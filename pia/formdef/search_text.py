"""Plain, normalized text of a published document, for searching Japanese without word boundaries.

Japanese has no spaces between words, so search is by substring: the document's printed
text and the query are both NFKC-normalized (full-width Ｌａｔｉｎ and digits become
half-width, half-width ｶﾅ becomes full-width) and lower-cased, and every term of the
query must occur. At a national scale the pg_trgm GIN index of migration pia/0014 serves it on PostgreSQL.
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from pia.formdef.document import iter_nodes

if TYPE_CHECKING:
    from pia.formdef.types import ResolvedDocument


def normalize(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "").lower()


def document_text(document: ResolvedDocument) -> str:
    """Every printed value and the assessment's identity, one line each."""
    meta = document.get("assessment", {})
    parts = [str(meta.get(key) or "") for key in ("organization", "title", "affair", "identifier")]
    parts.append(str(document.get("definition", {}).get("kind_label") or ""))
    for node in iter_nodes(document):
        if node.get("text"):
            parts.append(node["text"])
        elif node["type"] == "single_choice" and node.get("value"):
            parts.append(str(node["value"]))
    return normalize("\n".join(part for part in parts if part))


def query_terms(query: str) -> list[str]:
    return [term for term in normalize(query).split() if term][:8]
