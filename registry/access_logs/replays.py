"""Recognizing a batch sent again: by its bytes, by its lines once tidied, or by the id its sender gave it.

A sender that retries may resend the same lines with CRLF instead of LF, an extra blank
line, trailing spaces, or (JSON Lines) other spacing and key order. The content digest
is the SHA-256 of the lines with blank lines dropped, trailing whitespace removed and
each JSON line rewritten in canonical form (sorted keys, no spaces), so all of these are
one batch. A sender may also name its batch (Idempotency-Key or X-Batch-Id header,
`--batch-id` on the command): the same name is the same batch.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from typing import BinaryIO, Literal

from registry.access_logs.records import BLOCK_BYTES, line_blocks
from registry.jp.mynumber import contains_my_number

Format = Literal["csv", "jsonl"]
_BOM = b"\xef\xbb\xbf"
# A block of CSV holding no whitespace but newlines and no blank line is already tidy (the common
# case: hashed as it is). Single bytes and a compiled pattern: `b" \n" in block` is ten times slower.
_WHITESPACE = (b" ", b"\t", b"\r", b"\x0b", b"\x0c")
_BLANK_LINE = re.compile(rb"\n\n")
_BATCH_KEY = re.compile(r"[!-~]{1,100}")  # printable ASCII, no spaces


class BatchKeyError(ValueError):
    """A sender's batch id that cannot be used; the message never repeats it."""


@dataclass(frozen=True)
class BatchIdentity:
    sha256: str  # the bytes as received
    content_sha256: str  # the lines, tidied
    key: str = ""  # the sender's batch id


def checked_batch_key(raw: str | None) -> str:
    """The sender's batch id, or "" when none was given; BatchKeyError when it is unusable."""
    if raw is None or raw == "":
        return ""
    if contains_my_number(raw):
        raise BatchKeyError("バッチIDに個人番号と思われる12桁の数字があります（値は記録しません）")
    if not _BATCH_KEY.fullmatch(raw):
        raise BatchKeyError("バッチIDは空白を含まない半角英数字・記号で100文字までです")
    return raw


def _tidy_csv(block: bytes) -> bytes:
    untidy = block.startswith(b"\n") or any(mark in block for mark in _WHITESPACE) or _BLANK_LINE.search(block)
    if not untidy:
        return block
    return b"".join(line + b"\n" for line in (raw.rstrip() for raw in block.split(b"\n")[:-1]) if line)


def _tidy_jsonl(block: bytes) -> bytes:
    tidy = []
    for raw in block.split(b"\n")[:-1]:
        text = raw.strip()
        if not text:
            continue
        try:
            value = json.loads(text)
        except (ValueError, RecursionError):
            tidy.append(text)  # refused later; hashed as written
            continue
        tidy.append(json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8"))
    return b"".join(line + b"\n" for line in tidy)


class _HashingReader:
    """Hands a stream's bytes on and hashes them as they pass (the SHA-256 of the bytes as received)."""

    def __init__(self, stream: BinaryIO):
        self.stream = stream
        self.digest = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self.stream.read(size)
        self.digest.update(data)
        return data


def _tidy_csv_digest(stream: BinaryIO) -> str | None:
    """The SHA-256 of a CSV stream already tidy (then its bytes are its lines), or None: tidy it line by line."""
    digest = hashlib.sha256()
    last = b"\n"  # as if after a newline, so that a blank first line is seen
    first = True
    while chunk := stream.read(BLOCK_BYTES):
        if first and chunk.startswith(_BOM):
            return None
        first = False
        if last == b"\n" and chunk.startswith(b"\n"):
            return None
        if any(mark in chunk for mark in _WHITESPACE) or _BLANK_LINE.search(chunk):
            return None
        digest.update(chunk)
        last = chunk[-1:]
    return digest.hexdigest() if last == b"\n" else None


def batch_identity(stream: BinaryIO, fmt: Format, key: str = "") -> BatchIdentity:
    """Read *stream* (seekable) to its end with bounded memory and return both digests.

    A tidy CSV file, the common case, is read once: its bytes and its lines have one digest.
    """
    start = stream.tell()
    if fmt == "csv":
        digest = _tidy_csv_digest(stream)
        if digest is not None:
            return BatchIdentity(sha256=digest, content_sha256=digest, key=key)
        stream.seek(start)
    reader = _HashingReader(stream)
    content = hashlib.sha256()
    tidy = _tidy_csv if fmt == "csv" else _tidy_jsonl
    first = True
    for _, block in line_blocks(reader, 1):  # type: ignore[arg-type]
        if first:
            block, first = block.removeprefix(_BOM), False
        content.update(tidy(block))
    return BatchIdentity(sha256=reader.digest.hexdigest(), content_sha256=content.hexdigest(), key=key)
