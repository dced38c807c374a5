"""Untrusted XML in: decoded honestly, then parsed without DTDs, entities, XInclude or the network.

A check on the raw bytes can be dodged (a UTF-16 file has no ``<!ENTITY`` byte string, a DOCTYPE
can follow a long comment), so the file is first decoded in the encoding its BOM or XML
declaration names, undecodable bytes and contradicting declarations refused; then any DOCTYPE,
ENTITY or XInclude namespace anywhere in the text is refused before parsing; the parser resolves
no entity, loads no DTD, opens no connection and keeps lxml's size limits; and the parsed tree is
checked again (its DTD, entity references, XInclude namespaces however spelt). Every refusal is
an `XMLInputError` with a reason in Japanese and, where there is one, the line.
"""

from __future__ import annotations

import codecs
import re

from lxml import etree


class XMLInputError(ValueError):
    """The XML cannot be read safely; the message says why (and on which line)."""

    def __init__(self, reason: str, line: int | None = None) -> None:
        self.reason = reason
        self.line = line
        super().__init__(f"{reason}（{line} 行目）" if line else reason)


def hardened_parser(encoding: str | None = None) -> etree.XMLParser:
    """A parser that resolves no entity, loads no DTD, opens no connection and keeps lxml's size limits."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        dtd_validation=False,
        load_dtd=False,
        huge_tree=False,
        encoding=encoding,
    )


def parse_untrusted_xml(data: bytes, *, max_bytes: int) -> etree._Element:
    """The root element of *data*, or XMLInputError saying why the file is refused."""
    if len(data) > max_bytes:
        raise XMLInputError(f"XML が大きすぎます（上限 {max_bytes // (1024 * 1024)} MB）。")
    if not data.strip():
        raise XMLInputError("XML が空です。")
    text = _decode(data)
    _refuse_declarations_in_text(text)
    # The text is parsed as UTF-8 now; its declaration named the encoding it had on disk, so it is
    # blanked out (keeping its line breaks, so that lines are counted as in the file).
    declaration = _DECLARATION.match(text)
    if declaration:
        text = "\n" * declaration.group(0).count("\n") + text[declaration.end() :]
    try:
        root = etree.fromstring(text.encode("utf-8"), hardened_parser("utf-8"))
    except etree.XMLSyntaxError as exc:
        raise XMLInputError(f"XML として読めません：{exc.msg}", exc.lineno) from exc
    _refuse_declarations_in_tree(root)
    return root


# Encodings: UTF-8 (the export's), UTF-16 and UTF-32 with their BOM, and the Japanese legacy ones.
_READABLE_ENCODINGS = {"utf-8", "ascii", "cp932", "euc_jp", "iso2022_jp"}
_BOMS = (  # UTF-32 LE first: its BOM begins with UTF-16 LE's
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Without a BOM, how the first characters "<?" are written tells the width (XML 1.0 Appendix F).
_WIDE_STARTS = (
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00<\x00?", "utf-16-be"),
    (b"<\x00?\x00", "utf-16-le"),
)
_DECLARATION = re.compile(r"<\?xml(?=\s)(?P<attributes>[^?]*)\?>")
_DECLARED_ENCODING = re.compile(r"""\sencoding\s*=\s*(["'])(?P<name>[A-Za-z][A-Za-z0-9._-]*)\1""")


def _encoding_on_disk(data: bytes) -> tuple[str | None, int]:
    """(codec told by the BOM or by how "<?" is written, or None for an ASCII-compatible file; BOM length)."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec, len(bom)
    for start, codec in _WIDE_STARTS:
        if data.startswith(start):
            return codec, 0
    return None, 0


def _declared_encoding(head: str) -> str | None:
    if re.match(r"<\?xml\s", head) is None:
        return None
    declaration = _DECLARATION.match(head)
    if declaration is None:
        raise XMLInputError("XML 宣言が閉じていません。", 1)
    found = _DECLARED_ENCODING.search(declaration.group("attributes"))
    return found.group("name") if found else None


# What Japanese software writes as "Shift_JIS" is Windows-31J (①, Ⅰ, ～ …), as browsers read it.
_ALIASES = dict.fromkeys(("shift_jis", "shift-jis", "sjis", "x-sjis", "ms_kanji", "windows-31j"), "cp932")


def _codec(name: str) -> str:
    try:
        return codecs.lookup(_ALIASES.get(name.lower(), name)).name
    except LookupError:
        raise XMLInputError(f"XML 宣言の文字コード「{name}」は読めません。", 1) from None


def _decode(data: bytes) -> str:
    """The file as text, in the encoding its BOM or declaration names; undecodable bytes are refused."""
    on_disk, bom = _encoding_on_disk(data)
    body = data[bom:]
    head = codecs.getincrementaldecoder(on_disk or "latin-1")(errors="replace").decode(body[:1024])
    declared = _declared_encoding(head)
    if on_disk is not None:
        # The BOM (or the width of "<?") decides; a declaration that says otherwise is a broken file.
        family = on_disk[:6]  # "utf-8", "utf-16" or "utf-32"
        if declared is not None and not _codec(declared).startswith(family):
            raise XMLInputError(
                f"XML 宣言の文字コード「{declared}」とファイルの文字コード（{family.upper()}）が合いません。", 1
            )
        codec = on_disk
    else:
        codec = _codec(declared or "utf-8")
        if codec.startswith(("utf-16", "utf-32")):
            raise XMLInputError(
                f"XML 宣言の文字コード「{declared}」とファイルの文字コード（ASCII 互換）が合いません。", 1
            )
        if codec not in _READABLE_ENCODINGS:
            raise XMLInputError(
                f"文字コード「{declared}」の XML は読み込みません（UTF-8、UTF-16、Shift_JIS、EUC-JP が使えます）。",
                1,
            )
        if codec not in ("utf-8", "ascii") and not body.isascii() and _is_utf8(body):
            # Japanese text in Shift_JIS or EUC-JP is never valid UTF-8; the declaration is wrong.
            raise XMLInputError(f"XML 宣言の文字コードは「{declared}」ですが、ファイルは UTF-8 で書かれています。", 1)
    try:
        text = body.decode(codec)
    except UnicodeDecodeError as exc:
        line = body[: exc.start].decode(codec, errors="replace").count("\n") + 1
        raise XMLInputError(f"文字コード {codec.upper()} として読めないバイトがあります。", line) from exc
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise XMLInputError("NUL 文字があります（UTF-16 のファイルには BOM を付けてください）。", line)
    return text


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


XINCLUDE_NAMESPACE = "http://www.w3.org/2001/XInclude"
_REFUSED_MARKUP = re.compile(rf"<!\s*(?:DOCTYPE|ENTITY)|{re.escape(XINCLUDE_NAMESPACE)}", re.IGNORECASE)
_REFUSED_MESSAGE = "DOCTYPE や ENTITY（DTD・実体宣言）、XInclude を含む XML は読み込みません。"


def _refuse_declarations_in_text(text: str) -> None:
    """Anywhere in the file, in comments and CDATA too: such a file is refused, never parsed."""
    found = _REFUSED_MARKUP.search(text)
    if found:
        raise XMLInputError(_REFUSED_MESSAGE, text.count("\n", 0, found.start()) + 1)


def _refuse_declarations_in_tree(root: etree._Element) -> None:
    """The same, as the parser saw it: a DTD, an entity reference, an XInclude namespace (however spelt)."""
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        raise XMLInputError(_REFUSED_MESSAGE, 1)
    for entity in root.iter(etree.Entity):
        raise XMLInputError(_REFUSED_MESSAGE, entity.sourceline)
    for element in root.iter(etree.Element):
        names = [element.tag, *element.attrib]
        if XINCLUDE_NAMESPACE in element.nsmap.values() or any(
            etree.QName(name).namespace == XINCLUDE_NAMESPACE for name in names
        ):
            raise XMLInputError(_REFUSED_MESSAGE, element.sourceline)
