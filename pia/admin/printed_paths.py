"""Internal item paths (``files[1].hokan.hokan_basho``) in text shown to people, replaced by printed paths.

Stored text such as a publication's reconstruction notes names items by the path the code uses.
People read the form as printed (「２．特定個人情報ファイルの概要 ⑥保管場所」), so before such text reaches
a page every internal path in it is looked up in resolved documents (``printed_path`` of the node whose
``path`` it is). A path the documents do not know (an item removed since, a sub-field of a check list)
is shown as its nearest known ancestor's printed path; an indexed path nothing matches is shown as
「（不明な項目）」, never as itself (a dotted word nothing matches, such as a file name, is left as written).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from pia.formdef.document import iter_nodes, section_entries
from pia.formdef.types import ResolvedDocument

UNKNOWN = "（不明な項目）"

# A dotted or indexed identifier: ``kihon.systems[3]``, ``risk[1].hokan.risk.sonota_sochi``. A bare word
# (no dot, no index) is ordinary text and stays as it is; so does anything inside a longer word or a URL.
_SEGMENT = r"[a-z_][a-z0-9_]*(?:\[\d+\])?"
INTERNAL_PATH = re.compile(
    rf"(?<![\w./:\-\[])(?:[a-z_][a-z0-9_]*\[\d+\](?:\.{_SEGMENT})*|{_SEGMENT}(?:\.{_SEGMENT})+)(?![\w/\-\[])",
    re.ASCII,
)


def printed_paths(document: ResolvedDocument) -> dict[str, str]:
    """Every internal path of *document* (sections, files, items, repeat entries) → its printed path."""
    found: dict[str, str] = {}
    for section in document.get("sections", []):
        label = str(section.get("printed_label") or section.get("label") or "")
        if label:
            found[section["key"]] = label
            for entry in section_entries(section):
                found.setdefault(f"{section['key']}[{entry['index']}]", label)
    for node in iter_nodes(document):
        printed = node.get("printed_path")
        if printed:
            found[node["path"]] = printed
        for entry in node.get("entries", []):
            if entry.get("printed_path"):
                found[f"{node['path']}[{entry['index']}]"] = entry["printed_path"]
    return found


def printed_path_of(path: str, known: Mapping[str, str]) -> str | None:
    """The printed path of *path*, else of its nearest known ancestor (None: no part of it is known)."""
    candidate = path
    while candidate:
        if candidate in known:
            return known[candidate]
        cut = max(candidate.rfind("."), candidate.rfind("["))
        candidate = candidate[:cut] if cut > 0 else ""
    return None


def _replacement(path: str, known: Mapping[str, str]) -> str:
    printed = printed_path_of(path, known)
    if printed is not None:
        return printed
    # Unknown: an indexed path (``nosuch[2].gone``) is surely an item path; a dotted word such as a
    # file name (``nagaoka.csv``) or a domain is ordinary text and stays.
    return UNKNOWN if "[" in path else path


def humanize(text: str, known: Mapping[str, str]) -> str:
    """*text* with each internal path in it replaced by its printed path."""
    return INTERNAL_PATH.sub(lambda match: _replacement(match.group(0), known), text)


def combined_paths(documents: Iterable[ResolvedDocument]) -> dict[str, str]:
    """The paths of several documents; where they differ, the earlier document in *documents* wins."""
    found: dict[str, str] = {}
    for document in documents:
        for path, printed in printed_paths(document).items():
            found.setdefault(path, printed)
    return found
