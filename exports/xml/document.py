"""A publication as XML (open data): the resolved document and its change annex, under our namespace.

`publication_xml` writes, `read_publication_xml` reads back exactly what was written
(a round trip gives the same document and annex; line breaks are read as LF, the only line
break stored text holds), and every document written or read is validated against the schema
shipped in `exports/schema/`.

Reading treats the file as hostile: `xml_input.parse_untrusted_xml` decodes it and refuses
DTDs, entities, XInclude and oversized files before and after parsing; then the schema, and no
text may hold a 個人番号. Every refusal is a `PublicationXMLError` with a reason in Japanese
and, where there is one, the line.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from pathlib import Path
from typing import Any, Literal, cast

from lxml import etree

from exports.artifact_data import AnnexLine, PublishedData
from exports.xml.input import XMLInputError, hardened_parser, parse_untrusted_xml
from pia.formdef.types import (
    AssessmentMeta,
    CheckState,
    EntryNode,
    FileNode,
    ItemNode,
    ResolvedDocument,
    SectionNode,
    SourceRef,
)
from registry.jp.mynumber import MY_NUMBER_MESSAGE, contains_my_number
from registry.jp.wareki import format_date
from registry.text import normalize_newlines

NAMESPACE = "urn:x-pia-manager:publication:1"
SCHEMA_PATH = Path(__file__).with_name("schema") / "pia-publication-1.xsd"
MAX_XML_BYTES = 20 * 1024 * 1024
_N = f"{{{NAMESPACE}}}"


class PublicationXMLError(XMLInputError):
    """The XML is not a publication this system can read; the message says why (and on which line)."""


@functools.cache
def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMA_PATH), hardened_parser()))


def _bool(value: Any) -> str:
    return "true" if value else "false"


def _el(parent: etree._Element, tag: str, text: str | None = None, **attributes: Any) -> etree._Element:
    element = etree.SubElement(parent, _N + tag)
    for name, value in attributes.items():
        if value is not None:
            element.set(name.replace("_", "-"), value if isinstance(value, str) else str(value))
    if text is not None:
        element.text = text
    return element


def _scalar(parent: etree._Element, tag: str, value: Any, **attributes: Any) -> etree._Element:
    """A JSON scalar with its type kept: string, integer, boolean or null."""
    if value is None:
        return _el(parent, tag, nil="true", **attributes)
    if isinstance(value, bool):
        return _el(parent, tag, _bool(value), type="boolean", **attributes)
    if isinstance(value, int):
        return _el(parent, tag, str(value), type="integer", **attributes)
    return _el(parent, tag, str(value), **attributes)


_SOURCE_KEYS: tuple[Literal["id", "label", "found", "attribute"], ...] = ("id", "label", "found", "attribute")


def _source(parent: etree._Element, tag: str, source: SourceRef | None) -> None:
    if not source:
        return
    element = _el(parent, tag, model=source["model"])
    for key in _SOURCE_KEYS:
        if key in source:
            _scalar(element, key, source[key])


def _check(parent: etree._Element, check: CheckState) -> None:
    element = _el(parent, "check", key=check["key"], checked=_bool(check["checked"]))
    _el(element, "label", check["label"])
    _scalar(element, "group", check.get("group"))
    if "text" in check:
        _scalar(element, "text", check["text"])
    if "count" in check:
        _scalar(element, "count", check["count"])


def _item(parent: etree._Element, node: ItemNode) -> None:
    element = _el(
        parent,
        "item",
        key=node["key"],
        type=node["type"],
        number=node["number"],
        significant=_bool(node["significant"]),
    )
    _el(element, "label", node["label"])
    _el(element, "path", node["path"])
    _el(element, "printed-path", node["printed_path"])
    if "in_annex" in node:
        _el(element, "in-annex", _bool(node["in_annex"]))
    _source(element, "linked", node.get("linked"))
    _source(element, "source", node.get("source"))
    match node["type"]:
        case "group":
            for child in node["items"]:
                _item(element, child)
        case "repeat":
            repeat = _el(element, "repeat", min=node["min"], max=node["max"])
            for label in node["display_groups"]:
                _el(repeat, "display-group", label)
            for entry in node["entries"]:
                _entry(repeat, entry)
        case _:
            if "choices" in node:
                choices = _el(element, "choices", numbering=node["choice_numbering"])
                _scalar(choices, "selected", node["choice_index"])
                for choice in node["choices"]:
                    _el(choices, "choice", choice)
            if node["type"] == "multi_check":
                checks = _el(element, "checks")
                for check in node["value"]:
                    _check(checks, check)
            else:
                _scalar(element, "value", node["value"])
            _el(element, "text", node["text"])


def _entry(parent: etree._Element, entry: EntryNode) -> None:
    element = _el(parent, "entry", index=entry["index"])
    _scalar(element, "id", entry["id"])
    _el(element, "label", entry["label"])
    _el(element, "printed-path", entry["printed_path"])
    _source(element, "source", entry.get("source"))
    for child in entry["items"]:
        _item(element, child)


def _section(parent: etree._Element, section: SectionNode) -> None:
    element = _el(
        parent,
        "section",
        key=section["key"],
        number=section["number"],
        tab=section["tab"],
        per_file=_bool(section["per_file"]),
        significant=_bool(section["significant"]),
    )
    _el(element, "label", section["label"])
    _el(element, "printed-label", section["printed_label"])
    _source(element, "source", section.get("source"))
    if "columns" in section:
        columns = _el(element, "columns")
        for column in section["columns"]:
            _el(columns, "column", column["label"], key=column["key"])
    elif section.get("per_file"):
        for file in section["files"]:
            file_element = _el(element, "file", index=file["index"])
            _scalar(file_element, "id", file["id"])
            _source(file_element, "source", file.get("source"))
            for child in file["items"]:
                _item(file_element, child)
    else:
        for child in section["items"]:
            _item(element, child)


def _annex(parent: etree._Element, lines: tuple[AnnexLine, ...]) -> None:
    annex = _el(parent, "annex")
    for line in lines:
        row = _el(
            annex,
            "row",
            henko_bi=line.henko_bi.isoformat(),
            version=line.version,
            significant=_bool(line.is_significant),
        )
        _el(row, "henko-bi-wareki", format_date(line.henko_bi))
        _el(row, "komoku", line.komoku)
        _el(row, "item-path", line.item_path)
        _el(row, "henko-mae", line.henko_mae)
        _el(row, "henko-go", line.henko_go)
        _el(row, "teishutsu-jiki", line.teishutsu_jiki)
        _el(row, "setsumei", line.explanation)


def publication_tree(data: PublishedData) -> etree._Element:
    document = data.document
    root = etree.Element(_N + "publication", nsmap={None: NAMESPACE})
    root.set("format", document["format"])
    root.set("content-hash", data.content_hash)
    if data.version is not None:
        root.set("version", str(data.version))
    if data.kohyo_bi is not None:
        root.set("kohyo-bi", data.kohyo_bi.isoformat())
    definition = document["definition"]
    element = _el(
        root,
        "definition",
        id=definition["id"],
        kind=definition["kind"],
        kind_label=definition["kind_label"],
        edition=definition["edition"],
        yoshiki=definition["yoshiki"],
    )
    _el(element, "title", definition["title"])
    _el(element, "form-label", definition["form_label"])
    for entry in definition["table_of_contents"]:
        _el(element, "toc-entry", entry)
    assessment = _el(root, "assessment")
    for name, value in document.get("assessment", {}).items():
        _scalar(assessment, "meta", value, name=name)
    for section in document["sections"]:
        _section(root, section)
    _annex(root, data.annex)
    return root


def publication_xml(data: PublishedData) -> bytes:
    """The publication as UTF-8 XML, validated against the shipped schema before it is returned."""
    try:
        root = publication_tree(data)
    except ValueError as exc:
        # lxml refuses control characters; the form refuses them too, so this is a stored oddity.
        raise PublicationXMLError(f"XML に書けない文字が含まれています：{exc}") from exc
    schema().assertValid(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


# Reading -----------------------------------------------------------------------------------------


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname


def _children(element: etree._Element, tag: str) -> list[etree._Element]:
    return element.findall(_N + tag)


def _child(element: etree._Element, tag: str) -> etree._Element | None:
    return element.find(_N + tag)


def _element_text(element: etree._Element) -> str:
    """An element's text with LF line breaks (registry.text).

    XML's end-of-line handling already reads a literal CRLF or CR as LF; a CR written as ``&#13;``
    survives the parser, and no text we store holds one, so it is read as a line break too.
    """
    return normalize_newlines(element.text or "")


def _text(element: etree._Element | None) -> str:
    return "" if element is None else _element_text(element)


def _read_scalar(element: etree._Element) -> Any:
    if element.get("nil") == "true":
        return None
    text = _element_text(element)
    match element.get("type"):
        case "integer":
            return int(text)
        case "boolean":
            return text == "true"
        case _:
            return text


def _read_source(element: etree._Element | None) -> SourceRef | None:
    if element is None:
        return None
    source: dict[str, Any] = {"model": element.get("model")}
    for child in element:
        source[_local(child)] = _read_scalar(child)
    return cast(SourceRef, source)


def _read_check(element: etree._Element) -> CheckState:
    check: CheckState = {
        "key": element.get("key"),
        "label": _text(_child(element, "label")),
        "group": _read_scalar(_child(element, "group")),
        "checked": element.get("checked") == "true",
    }
    text, count = _child(element, "text"), _child(element, "count")
    if text is not None:
        check["text"] = _read_scalar(text)
    if count is not None:
        check["count"] = _read_scalar(count)
    return check


def _read_item(element: etree._Element) -> ItemNode:
    node: ItemNode = {
        "key": element.get("key"),
        "path": _text(_child(element, "path")),
        "number": element.get("number", ""),
        "label": _text(_child(element, "label")),
        "type": element.get("type"),
        "significant": element.get("significant") == "true",
    }
    kind = node["type"]
    node["printed_path"] = _text(_child(element, "printed-path"))
    linked = _read_source(_child(element, "linked"))
    source = _read_source(_child(element, "source"))
    if kind == "group":
        if source:
            node["source"] = source
        node["items"] = [_read_item(child) for child in _children(element, "item")]
        return node
    if kind == "repeat":
        repeat = _child(element, "repeat")
        assert repeat is not None  # noqa: S101 - the schema requires it
        node["max"], node["min"] = int(repeat.get("max", "0")), int(repeat.get("min", "0"))
        node["display_groups"] = [_text(group) for group in _children(repeat, "display-group")]
        node["entries"] = [_read_entry(entry) for entry in _children(repeat, "entry")]
        return node
    if linked:
        node["linked"] = linked
    choices = _child(element, "choices")
    if choices is not None:
        node["choices"] = [_text(choice) for choice in _children(choices, "choice")]
        node["choice_numbering"] = choices.get("numbering")
        node["choice_index"] = _read_scalar(_child(choices, "selected"))
    in_annex = _child(element, "in-annex")
    if in_annex is not None:
        node["in_annex"] = _text(in_annex) == "true"
    if kind == "multi_check":
        checks = _child(element, "checks")
        node["value"] = [_read_check(check) for check in _children(checks, "check")] if checks is not None else []
    else:
        node["value"] = _read_scalar(_child(element, "value"))
    node["text"] = _text(_child(element, "text"))
    return node


def _read_entry(element: etree._Element) -> EntryNode:
    entry: EntryNode = {
        "index": int(element.get("index", "0")),
        "id": _read_scalar(_child(element, "id")),
        "label": _text(_child(element, "label")),
        "printed_path": _text(_child(element, "printed-path")),
    }
    source = _read_source(_child(element, "source"))
    if source:
        entry["source"] = source
    entry["items"] = [_read_item(child) for child in _children(element, "item")]
    return entry


def _read_section(element: etree._Element) -> SectionNode:
    section: SectionNode = {
        "key": element.get("key"),
        "number": element.get("number", ""),
        "label": _text(_child(element, "label")),
        "printed_label": _text(_child(element, "printed-label")),
        "tab": element.get("tab"),
        "per_file": element.get("per-file") == "true",
        "significant": element.get("significant") == "true",
    }
    columns = _child(element, "columns")
    if columns is not None:
        section["columns"] = [{"key": c.get("key"), "label": _text(c)} for c in _children(columns, "column")]
        section["rows"] = []
        return section
    if section["per_file"]:
        section["files"] = []
        for file_element in _children(element, "file"):
            file: FileNode = {
                "index": int(file_element.get("index", "0")),
                "id": _read_scalar(_child(file_element, "id")),
            }
            source = _read_source(_child(file_element, "source"))
            if source:
                file["source"] = source
            file["items"] = [_read_item(child) for child in _children(file_element, "item")]
            section["files"].append(file)
        return section
    source = _read_source(_child(element, "source"))
    if source:
        section["source"] = source
    section["items"] = [_read_item(child) for child in _children(element, "item")]
    return section


def _read_annex(element: etree._Element | None) -> tuple[AnnexLine, ...]:
    """The annex as printed: each line as `AnnexLine.as_printed` gives it (the ※ default is not printed)."""
    if element is None:
        return ()
    lines = []
    for row in _children(element, "row"):
        henko_bi = dt.date.fromisoformat(row.get("henko-bi", ""))
        version = int(row.get("version")) if row.get("version") else None
        significant = row.get("significant")
        # The 説明 is read as written, in whatever wording the body used; a file without the
        # significant attribute (written before it existed) has the significance read from that wording.
        line = AnnexLine.from_printed(
            henko_bi=henko_bi,
            komoku=_text(_child(row, "komoku")),
            item_path=_text(_child(row, "item-path")),
            henko_mae=_text(_child(row, "henko-mae")),
            henko_go=_text(_child(row, "henko-go")),
            teishutsu_jiki=_text(_child(row, "teishutsu-jiki")),
            explanation=_text(_child(row, "setsumei")),
            version=version,
            significant=None if significant is None else significant in ("true", "1"),
        )
        lines.append(line)
    return tuple(lines)


def read_publication_xml(data: bytes) -> PublishedData:
    """Parse and validate an exported publication; PublicationXMLError says what is wrong."""
    root = _safe_root(data)
    try:
        return _published_data(root)
    except PublicationXMLError:
        raise
    except (ValueError, TypeError, AttributeError, AssertionError) as exc:
        # The schema types every value read here, so this is a file the schema let through oddly.
        raise PublicationXMLError("XML の内容を読み取れません。") from exc


def _safe_root(data: bytes) -> etree._Element:
    """The validated root of *data*, after every check of the module docstring."""
    try:
        root = parse_untrusted_xml(data, max_bytes=MAX_XML_BYTES)
    except XMLInputError as exc:
        raise PublicationXMLError(exc.reason, exc.line) from exc
    validator = schema()
    try:
        valid = validator.validate(root)
    except etree.Error as exc:
        raise PublicationXMLError(f"スキーマで検証できません：{exc}") from exc
    if not valid:
        error = validator.error_log.last_error
        raise PublicationXMLError(f"スキーマに合いません：{error.message}", error.line)
    _refuse_my_numbers(root)
    return root


_META_LABELS = {"identifier": "識別子", "title": "名前", "affair": "事務の名称", "organization": "評価実施機関名"}
# Attributes that hold machine values: a hex digest may hold 12 digits that pass the check.
_MACHINE_ATTRIBUTES = frozenset({"content-hash"})
# Entry ids are block ids (UUIDs, from Wagtail's editor or ours): about one in a few hundred holds 12
# digits that pass the check. An <id> is a machine value only when it is a UUID; any other text is scanned.
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def _machine_text(element: etree._Element) -> bool:
    return _local(element) == "id" and bool(_UUID.match(element.text or ""))


def _refuse_my_numbers(root: etree._Element) -> None:
    """No text or attribute may hold a 個人番号; the refusal names the item, never the value."""
    for element in root.iter(etree.Element):
        values = [None if _machine_text(element) else element.text, element.tail]
        values += [value for name, value in element.attrib.items() if name not in _MACHINE_ATTRIBUTES]
        if any(contains_my_number(value) for value in values if value):
            raise PublicationXMLError(f"{_where(element)}：{MY_NUMBER_MESSAGE}", element.sourceline)


def _where(element: etree._Element) -> str:
    """The printed name of the item holding *element*, for messages (never a name holding a number)."""
    for node in (element, *element.iterancestors()):
        match _local(node):
            case "item" | "entry":
                name = _text(_child(node, "printed-path")) or _text(_child(node, "label"))
            case "section":
                name = _text(_child(node, "printed-label")) or _text(_child(node, "label"))
            case "meta":
                meta_name = node.get("name", "")
                name = f"評価書の{_META_LABELS.get(meta_name, meta_name)}"
            case "row":
                parent = node.getparent()
                name = f"別添２（変更箇所）の {parent.index(node) + 1 if parent is not None else ''} 番目の行"
            case "definition":
                name = "様式の情報"
            case _:
                continue
        if name and not contains_my_number(name):
            return f"「{name}」"
    return "文書"


def _published_data(root: etree._Element) -> PublishedData:
    definition = _child(root, "definition")
    assert definition is not None  # noqa: S101 - the schema requires it
    meta = {item.get("name"): _read_scalar(item) for item in _children(_child(root, "assessment"), "meta")}
    document: ResolvedDocument = {
        "format": root.get("format"),
        "definition": {
            "id": definition.get("id"),
            "kind": definition.get("kind"),
            "kind_label": definition.get("kind-label"),
            "title": _text(_child(definition, "title")),
            "edition": definition.get("edition"),
            "yoshiki": definition.get("yoshiki"),
            "form_label": _text(_child(definition, "form-label")),
            "table_of_contents": [_text(entry) for entry in _children(definition, "toc-entry")],
        },
        "assessment": cast(AssessmentMeta, meta),
        "sections": [_read_section(section) for section in _children(root, "section")],
    }
    version = root.get("version")
    kohyo_bi = root.get("kohyo-bi")
    return PublishedData(
        document=document,
        annex=_read_annex(_child(root, "annex")),
        version=int(version) if version else None,
        content_hash=root.get("content-hash", ""),
        kohyo_bi=dt.date.fromisoformat(kohyo_bi) if kohyo_bi else None,
    )
