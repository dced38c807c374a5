"""Join separately rendered PDF chunks into one tagged document and stamp its running texts.

Each chunk is a WeasyPrint PDF with its own structure tree. Joining keeps them all:
the chunks' top-level structure elements become children of one Document element,
and the pages' StructParents and the ParentTree keys are shifted so they stay unique.
The header and footer come from an overlay PDF drawn on every page as an Artifact, so
screen readers skip them, as they skip a printed page's running texts.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Sequence
from dataclasses import dataclass

import pikepdf
from pikepdf import Array, Dictionary, Name


@dataclass(frozen=True)
class Metadata:
    title: str
    author: str
    subject: str
    keywords: str
    language: str = "ja"


def _struct_children(pdf: pikepdf.Pdf) -> list[pikepdf.Object]:
    root = pdf.Root.get("/StructTreeRoot")
    if root is None:
        return []
    kids = root.get("/K")
    if kids is None:
        return []
    elements = list(kids) if isinstance(kids, Array) else [kids]
    children: list[pikepdf.Object] = []
    for element in elements:
        # WeasyPrint's root element is a Document: keep its children, not a Document in a Document.
        if isinstance(element, Dictionary) and element.get("/S") == Name.Document:
            inner = element.get("/K")
            children.extend(list(inner) if isinstance(inner, Array) else ([inner] if inner is not None else []))
        else:
            children.append(element)
    return children


def _parent_tree_nums(pdf: pikepdf.Pdf) -> list[tuple[int, pikepdf.Object]]:
    root = pdf.Root.get("/StructTreeRoot")
    if root is None or "/ParentTree" not in root:
        return []
    nums = root.ParentTree.get("/Nums")
    if nums is None:
        return []
    return [(int(nums[i]), nums[i + 1]) for i in range(0, len(nums), 2)]


def _subset_tag(chunk: int, name: str) -> str:
    digest = hashlib.sha256(f"{chunk}:{name}".encode()).digest()
    return "".join(chr(ord("A") + byte % 26) for byte in digest[:6])


def _retag_fonts(pdf: pikepdf.Pdf, chunk: int) -> None:
    """Give each chunk's font subsets their own tag (ABCDEF+IPAexMincho).

    Every chunk embeds its own subset of the same font, and WeasyPrint names a subset
    after the font, not after its glyphs; readers may take two subsets with one name for
    one font and draw the wrong glyphs. The tag is the PDF's way to tell subsets apart.
    """
    seen: set[tuple[int, int]] = set()
    for page in pdf.pages:
        fonts = page.obj.get("/Resources", Dictionary()).get("/Font", Dictionary())
        for font in fonts.values():
            if not font.is_indirect or font.objgen in seen:
                continue
            seen.add(font.objgen)
            targets = [font, *list(font.get("/DescendantFonts", Array()))]
            for target in targets:
                descriptor = target.get("/FontDescriptor")
                for holder, key in ((target, "/BaseFont"), (descriptor, "/FontName")):
                    if holder is None or key not in holder:
                        continue
                    name = str(holder[key])[1:]
                    if len(name) > 7 and name[6] == "+":
                        holder[key] = Name("/" + _subset_tag(chunk, name) + name[6:])


def _prefix_ids(elements: list[pikepdf.Object], prefix: str) -> None:
    """Make table-header IDs (and the cells' Headers pointing at them) unique across joined chunks."""
    stack = list(elements)
    while stack:
        element = stack.pop()
        if not isinstance(element, Dictionary):
            continue
        if "/ID" in element:
            element.ID = pikepdf.String(prefix + str(element.ID))
        attributes = element.get("/A")
        if isinstance(attributes, Dictionary) and "/Headers" in attributes:
            attributes.Headers = Array([pikepdf.String(prefix + str(h)) for h in attributes.Headers])
        kids = element.get("/K")
        if isinstance(kids, Array):
            stack.extend(kids)
        elif isinstance(kids, Dictionary):
            stack.append(kids)


def _indirect(pdf: pikepdf.Pdf, value: pikepdf.Object) -> pikepdf.Object:
    return value if value.is_indirect else pdf.make_indirect(value)


def assemble(
    chunks: Sequence[bytes], running: bytes | None, metadata: Metadata, outline: Sequence[str | None]
) -> bytes:
    """One PDF of *chunks* in order, with running texts, page numbers and a bookmark per titled chunk."""
    target = pikepdf.new()
    document = target.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Document, K=Array()))
    tree_root = target.make_indirect(
        Dictionary(Type=Name.StructTreeRoot, K=Array([document]), ParentTree=Dictionary(Nums=Array()))
    )
    document.P = tree_root
    nums = Array()
    offset = 0
    first_pages: list[int] = []
    for chunk, data in enumerate(chunks):
        source = pikepdf.open(io.BytesIO(data))
        _retag_fonts(source, chunk)
        first_pages.append(len(target.pages))
        highest = -1
        for page in source.pages:
            target.pages.append(page)
            copied = target.pages[-1]
            if "/StructParents" in copied.obj:
                key = int(copied.obj.StructParents)
                highest = max(highest, key)
                copied.obj.StructParents = key + offset
            for annotation in copied.obj.get("/Annots", []):
                if "/StructParent" in annotation:
                    key = int(annotation.StructParent)
                    highest = max(highest, key)
                    annotation.StructParent = key + offset
        children = _struct_children(source)
        _prefix_ids(children, f"c{chunk}-")
        for element in children:
            copied_element = target.copy_foreign(_indirect(source, element))
            if isinstance(copied_element, Dictionary):
                copied_element.P = document
            document.K.append(copied_element)
        for key, value in _parent_tree_nums(source):
            highest = max(highest, key)
            nums.append(key + offset)
            nums.append(target.copy_foreign(_indirect(source, value)))
        offset += highest + 1
    tree_root.ParentTree.Nums = nums
    tree_root.ParentTreeNextKey = offset
    target.Root.StructTreeRoot = tree_root
    target.Root.MarkInfo = Dictionary(Marked=True)
    target.Root.Lang = pikepdf.String(metadata.language)
    target.Root.ViewerPreferences = Dictionary(DisplayDocTitle=True)
    if running is not None:
        _stamp(target, running)
    with target.open_outline() as outlines:
        for title, first_page in zip(outline, first_pages, strict=True):
            if title:
                outlines.root.append(pikepdf.OutlineItem(title, first_page))
    target.docinfo[Name.Title] = metadata.title
    target.docinfo[Name.Author] = metadata.author
    target.docinfo[Name.Subject] = metadata.subject
    target.docinfo[Name.Keywords] = metadata.keywords
    target.docinfo[Name.Creator] = "pia-manager"
    with target.open_metadata(set_pikepdf_as_editor=False) as xmp:
        xmp["dc:title"] = metadata.title
        xmp["dc:creator"] = [metadata.author]
        xmp["dc:description"] = metadata.subject
        xmp["dc:language"] = [metadata.language]
        xmp["pdf:Keywords"] = metadata.keywords
    buffer = io.BytesIO()
    # A deterministic /ID: the same document renders the same bytes, so a re-render matches the stored hash.
    target.save(
        buffer, compress_streams=True, object_stream_mode=pikepdf.ObjectStreamMode.generate, deterministic_id=True
    )
    return buffer.getvalue()


# Page numbers are set in Helvetica, which every PDF reader has: its digit widths are known
# (556/1000 em; space and slash 278), so the number is right-aligned exactly without a layout pass.
_HELVETICA_WIDTHS = {**dict.fromkeys("0123456789", 556), " ": 278, "/": 278}
PAGE_NUMBER_SIZE = 8.0
MARGIN_RIGHT_PT = 14 / 25.4 * 72
BASELINE_PT = 8 / 25.4 * 72 + 2.5


def page_number_stream(number: int, total: int, page_width: float) -> bytes:
    text = f"{number} / {total}"
    width = sum(_HELVETICA_WIDTHS[char] for char in text) * PAGE_NUMBER_SIZE / 1000
    x = page_width - MARGIN_RIGHT_PT - width
    return (
        f"/Artifact BMC BT /PiaPageNumber {PAGE_NUMBER_SIZE:g} Tf 0.2 g {x:.2f} {BASELINE_PT:.2f} Td ({text}) Tj ET EMC"
    ).encode("ascii")


def _stamp(target: pikepdf.Pdf, running: bytes) -> None:
    """Draw the running texts (page 1 of *running* on the cover, page 2 elsewhere) and the page numbers."""
    source = pikepdf.open(io.BytesIO(running))
    _retag_fonts(source, -1)
    forms = [target.copy_foreign(page.as_form_xobject()) for page in source.pages[:2]]
    font = target.make_indirect(
        Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica, Encoding=Name.WinAnsiEncoding)
    )
    total = len(target.pages)
    for number, page in enumerate(target.pages, start=1):
        which = 0 if number == 1 else len(forms) - 1
        # Fixed names (pikepdf's prefix= picks random ones): the same document gives the same bytes.
        name = Name(f"/PiaRunning{which}")
        page.add_resource(forms[which], Name.XObject, name, replace_existing=True)
        page.add_resource(font, Name.Font, Name("/PiaPageNumber"), replace_existing=True)
        # The page's own content may leave its transformation matrix changed (WeasyPrint flips the y
        # axis): wrap it in q/Q so that the stamp is drawn in default page coordinates.
        page.contents_add(target.make_stream(b"q\n"), prepend=True)
        # Marked as Artifacts: running texts and page numbers are pagination, not content.
        stream = b"\nQ\n/Artifact BMC q " + name.unparse() + b" Do Q EMC\n"
        stream += page_number_stream(number, total, float(page.mediabox[2]))
        page.contents_add(target.make_stream(stream), prepend=False)
