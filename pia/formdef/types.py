"""The shape of the resolved document (`pia.formdef.document.build_document`), as TypedDicts.

The document is plain JSON (a publication stores it as it stood), so these types describe
dicts and change nothing at run time. Keys marked ``Required`` are in every node of that
kind; the others depend on the node's kind:

* an item node of type ``group`` has ``source`` (when linked to the registry) and ``items``;
* a ``repeat`` has ``max``, ``min``, ``display_groups`` and ``entries`` (repeat entries);
* every other item (a leaf) has ``value`` and ``text``, ``choices`` / ``choice_numbering`` /
  ``choice_index`` when it is a single choice, ``linked`` when the registry prints it, and
  ``in_annex: False`` when the change annex leaves it out;
* a section has ``columns`` and ``rows`` (別添２, printed from the annex, not the document),
  ``files`` (one per 特定個人情報ファイル) or ``items``.

``printed_path`` is set on every item node once it is built (not in the first literal).
"""

from __future__ import annotations

from typing import Any, Required, TypedDict


class SourceRef(TypedDict, total=False):
    """A registry reference: a container's link (``label``, ``found``) or a linked leaf's (``attribute``)."""

    model: Required[str]
    id: Required[int]
    label: str | None
    found: bool
    attribute: str


class CheckState(TypedDict, total=False):
    """One entry of a check list's value (an item of type ``multi_check``)."""

    key: Required[str]
    label: Required[str]
    group: Required[str | None]
    checked: Required[bool]
    text: str | None
    count: int | None


class ItemNode(TypedDict, total=False):
    key: Required[str]
    path: Required[str]  # key path with 1-based indices: files[1].teikyo_iten.teikyosaki[2].name
    number: Required[str]
    label: Required[str]  # as printed, with the entry's number for an item of a repeat entry
    type: Required[str]  # an ItemType value
    significant: Required[bool]
    printed_path: str  # the change annex's 項目
    # group
    source: SourceRef
    items: list[ItemNode]
    # repeat
    max: int
    min: int
    display_groups: list[str]
    entries: list[EntryNode]
    # leaf
    linked: SourceRef
    choices: list[str]
    choice_numbering: str
    choice_index: int | None
    in_annex: bool
    value: Any  # str, int, bool, list[CheckState] or None, as the item's type holds it
    text: str  # the value in the change annex's notation


class EntryNode(TypedDict, total=False):
    """One entry of a repeat group (システム2, 提供先3 …)."""

    index: Required[int]  # 1-based
    id: Required[str | None]  # stable across versions: the diff matches entries by it
    label: Required[str]
    printed_path: Required[str]
    source: SourceRef
    items: list[ItemNode]


class FileNode(TypedDict, total=False):
    """One 特定個人情報ファイル of a section repeated per file."""

    index: Required[int]
    id: Required[str | None]
    source: SourceRef
    items: list[ItemNode]


class AnnexColumn(TypedDict):
    key: str
    label: str


class SectionNode(TypedDict, total=False):
    key: Required[str]
    number: Required[str]
    label: Required[str]
    printed_label: Required[str]
    tab: Required[str]
    per_file: Required[bool]
    significant: Required[bool]
    # 別添２ (the change annex)
    columns: list[AnnexColumn]
    rows: list[Any]  # always empty: the annex prints the publication's rows, not the document's
    # a section per 特定個人情報ファイル
    files: list[FileNode]
    # any other section
    source: SourceRef
    items: list[ItemNode]


class DefinitionInfo(TypedDict):
    """The form definition the document was built from."""

    id: str
    kind: str
    kind_label: str
    title: str
    edition: str
    yoshiki: str
    form_label: str
    table_of_contents: list[str]


class AssessmentMeta(TypedDict, total=False):
    """The assessment as it stood (``pia.models.pages``); left out of the content hash."""

    identifier: str
    title: str
    affair: str
    organization: str
    page_id: int | None
    revision_id: int | None
    as_of: str


class ResolvedDocument(TypedDict):
    format: str
    definition: DefinitionInfo
    assessment: AssessmentMeta
    sections: list[SectionNode]
