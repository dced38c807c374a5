"""Reading a log file as blocks of whole lines and, on the exact path, as one record per line."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import BinaryIO

from registry.access_logs.layout import CANONICAL_COLUMNS, MAX_CHARS, MAX_LINE_BYTES, REQUIRED_COLUMNS, LineError
from registry.access_logs.validation import my_number_reason
from registry.jp.mynumber import contains_my_number

BLOCK_BYTES = 4 * 1024 * 1024


class LayoutError(ValueError):
    """The file as a whole cannot be read (a bad header): nothing of it is stored."""

    def __init__(self, error: LineError):
        super().__init__(str(error))
        self.error = error


def line_blocks(stream: BinaryIO, first_line: int, block_bytes: int = BLOCK_BYTES) -> Iterator[tuple[int, bytes]]:
    """Yield (number of the block's first line, whole lines) with bounded memory.

    A line longer than MAX_LINE_BYTES is cut to MAX_LINE_BYTES + 1 bytes, so that it is
    still refused as too long without being held whole.
    """
    line = first_line
    rest = b""
    skipping = False
    while True:
        data = stream.read(block_bytes)
        if not data:
            if rest:
                yield line, rest + b"\n"
            return
        if skipping:
            end = data.find(b"\n")
            if end < 0:
                continue
            data = data[end:]  # keep the newline: it closes the cut line kept in *rest*
            skipping = False
        data = rest + data
        cut = data.rfind(b"\n") + 1
        if cut == 0:
            if len(data) > MAX_LINE_BYTES:
                rest, skipping = data[: MAX_LINE_BYTES + 1], True
            else:
                rest = data
            continue
        block, rest = data[:cut], data[cut:]
        if len(rest) > MAX_LINE_BYTES:
            rest, skipping = rest[: MAX_LINE_BYTES + 1], True
        yield line, block
        line += block.count(b"\n")


def read_header(stream: BinaryIO, encoding: str, delimiter: str) -> list[str]:
    raw = stream.readline(MAX_LINE_BYTES + 1)
    if len(raw) > MAX_LINE_BYTES:
        raise LayoutError(LineError(1, "見出し行が長すぎます"))
    try:
        text = raw.decode(encoding).lstrip("\ufeff").rstrip("\r\n")
    except UnicodeDecodeError:
        raise LayoutError(LineError(1, f"見出し行を文字コード {encoding} として読めません")) from None
    if not text:
        raise LayoutError(LineError(1, "見出し行がありません"))
    return [name.strip() for name in next(csv.reader([text], delimiter=delimiter))]


def _shown(heading: str) -> str:
    return "（個人番号と思われる値）" if contains_my_number(heading) else heading


@dataclass(frozen=True)
class CsvLayout:
    """Which position of a CSV line holds which canonical column."""

    positions: Mapping[str, int]
    width: int
    encoding: str = "utf-8"
    delimiter: str = ","
    # Columns of a mapped layout that are not stored, by position, with the heading to name them by:
    # they are read only to refuse a 個人番号 in them (every column is guarded, stored or not).
    unmapped: Mapping[int, str] = field(default_factory=dict)

    @classmethod
    def from_header(
        cls,
        header: list[str],
        names: Mapping[str, str] | None = None,
        encoding: str = "utf-8",
        delimiter: str = ",",
    ) -> CsvLayout:
        """*names* maps canonical columns to this system's headings (None: the canonical headings)."""
        if names is None:
            extra = [_shown(heading) for heading in header if heading not in CANONICAL_COLUMNS]
            if extra:
                raise LayoutError(LineError(1, f"見出しに定義されていない列があります: {', '.join(extra)[:200]}"))
            names = {column: column for column in CANONICAL_COLUMNS}
        unknown = [column for column in names if column not in CANONICAL_COLUMNS]
        if unknown:
            raise LayoutError(LineError(1, f"列対応に定義されていない列があります: {', '.join(unknown)}"))
        index = {heading: n for n, heading in enumerate(header)}
        missing = [names.get(c, c) for c in REQUIRED_COLUMNS if names.get(c) not in index]
        if missing:
            raise LayoutError(LineError(1, f"見出しに必要な列がありません: {', '.join(missing)}"))
        positions = {column: index[heading] for column, heading in names.items() if heading in index}
        used = set(positions.values())
        unmapped = {n: _shown(heading) for n, heading in enumerate(header) if n not in used}
        return cls(positions=positions, width=len(header), encoding=encoding, delimiter=delimiter, unmapped=unmapped)

    @property
    def is_canonical_order(self) -> bool:
        return (
            self.encoding == "utf-8"
            and self.delimiter == ","
            and self.width == len(CANONICAL_COLUMNS)
            and all(self.positions.get(column) == n for n, column in enumerate(CANONICAL_COLUMNS))
        )


def _decoded(raw: bytes, line: int, encoding: str) -> str | LineError | None:
    if len(raw) > MAX_LINE_BYTES:
        return LineError(line, f"行が長すぎます（{MAX_LINE_BYTES}バイトまで）")
    try:
        text = raw.decode(encoding).rstrip("\r")
    except UnicodeDecodeError:
        return LineError(line, f"文字コード {encoding} として読めない文字があります")
    return text if text.strip() else None


def csv_records(block: bytes, first_line: int, layout: CsvLayout) -> Iterator[tuple[int, dict[str, str] | LineError]]:
    """One record per non-blank line: its canonical values, or why the line cannot be read."""
    for offset, raw in enumerate(block.split(b"\n")[:-1]):
        line = first_line + offset
        text = _decoded(raw, line, layout.encoding)
        if text is None:
            continue
        if isinstance(text, LineError):
            yield line, text
            continue
        try:
            fields = next(csv.reader([text], delimiter=layout.delimiter, strict=True))
        except csv.Error:
            yield line, LineError(line, "CSVとして読めません（引用符の対応など）")
            continue
        if len(fields) != layout.width:
            yield line, LineError(line, f"列の数が{len(fields)}です（見出しは{layout.width}列）")
            continue
        guarded = [heading for position, heading in layout.unmapped.items() if contains_my_number(fields[position])]
        if guarded:
            yield line, LineError(line, my_number_reason(f"列「{guarded[0]}」"))
            continue
        yield line, {column: fields[position] for column, position in layout.positions.items()}


def jsonl_records(block: bytes, first_line: int) -> Iterator[tuple[int, dict[str, str] | LineError]]:
    for offset, raw in enumerate(block.split(b"\n")[:-1]):
        line = first_line + offset
        text = _decoded(raw, line, "utf-8")
        if text is None:
            continue
        if isinstance(text, LineError):
            yield line, text
            continue
        try:
            value = json.loads(text)
        except (ValueError, RecursionError):  # RecursionError: "[[[[…" nested deeper than Python recurses
            yield line, LineError(line, "JSONとして読めません")
            continue
        if not isinstance(value, dict):
            yield line, LineError(line, "1行に1つのJSONオブジェクトが必要です")
            continue
        unknown = [key for key in value if key not in MAX_CHARS]
        if unknown:
            # The keys are not repeated: a key may be a value sent in the wrong place.
            known = ", ".join(CANONICAL_COLUMNS)
            yield line, LineError(line, f"定義されていない項目が{len(unknown)}個あります（使える項目：{known}）")
            continue
        if not all(isinstance(v, str) or v is None for v in value.values()):
            yield line, LineError(line, "値はすべて文字列で指定してください")
            continue
        yield line, value
