"""Decoding file bytes to text: UTF-8 BOM / UTF-16 BOM / UTF-8 / cp1252 / latin-1, mixed UTF-8 + cp1252;
binary and empty input refused with InputError."""
from __future__ import annotations

import re
import unicodedata
from typing import Optional

from ..errors import InputError

# ------------------------------------------------------------------ decoding
_BINARY_CONTROL_RATIO = 0.05  # more than this share of control characters -> binary
_ALLOWED_CONTROLS = {"\t", "\n", "\r", "\f", "\v"}


# Category Cc is exactly U+0000-U+001F and U+007F-U+009F; minus the allowed \t \n \v \f \r.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def _is_control(ch: str) -> bool:
    return unicodedata.category(ch) == "Cc" and ch not in _ALLOWED_CONTROLS


def _looks_binary(text: str) -> bool:
    if not text:
        return False
    if "\x00" in text:
        return True
    sample = text[:200_000]
    n = len(_CONTROL.findall(sample))
    return n > max(2, _BINARY_CONTROL_RATIO * len(sample))


def _utf16_without_bom(data: bytes) -> Optional[str]:
    """UTF-16 text without a BOM: every other byte NUL.  Returns the text or None."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    for zeros, codec in ((odd, "utf-16-le"), (even, "utf-16-be")):
        if zeros.count(0) >= 0.9 * len(zeros):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                return None
    return None


def decode_text(data: bytes, path: str = "<bytes>") -> tuple[str, str]:
    """Decode file bytes to text; returns (text, encoding).  Raises InputError for binary/empty."""
    text, enc, _ = decode_text_reporting(data, path)
    return text, enc


# ------------------------------------------------------------- mixed encodings
# A valid multi-byte UTF-8 sequence. cp1252 text almost never contains one (Danish letters in cp1252
# are single bytes followed by ASCII), so finding one in a file that is not valid UTF-8 as a whole
# means: UTF-8 with pieces in another encoding (e.g. a cp1252 tail appended by an old editor).
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _decode_mixed(data: bytes) -> tuple[str, list[int]]:
    """UTF-8 where the bytes are UTF-8, cp1252 (latin-1 for its five undefined bytes) for each run of
    bytes that is not; returns the text and the (1-based) lines that needed the fallback."""
    out: list[str] = []
    repaired: set[int] = set()
    pos = 0
    while pos < len(data):
        try:
            out.append(data[pos:].decode("utf-8"))
            break
        except UnicodeDecodeError as exc:
            start, end = pos + exc.start, pos + exc.end
            out.append(data[pos:start].decode("utf-8"))
            bad = data[start:end]
            out.append("".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in bad))
            repaired.add(data.count(b"\n", 0, start) + 1)
            pos = end
    return "".join(out), sorted(repaired)


def line_ranges(lines: list[int]) -> str:
    """[3, 4, 5, 9] -> '3-5, 9'."""
    parts: list[str] = []
    for n in lines:
        if parts and n == int(parts[-1].split("-")[-1]) + 1:
            parts[-1] = f"{parts[-1].split('-')[0]}-{n}"
        else:
            parts.append(str(n))
    return ", ".join(parts)


def decode_text_reporting(data: bytes, path: str = "<bytes>") -> tuple[str, str, list[int]]:
    """decode_text, plus the lines decoded as cp1252 inside an otherwise UTF-8 file (mixed encodings)."""
    repaired: list[int] = []
    if data.startswith(b"\xef\xbb\xbf"):
        text, enc = data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text, enc = data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise InputError(path, "binary data, not text") from None
    else:
        text = None
        if b"\x00" in data:
            text = _utf16_without_bom(data)
            if text is None:
                raise InputError(path, "binary data, not text")
            enc = "utf-16"
        else:
            try:
                text, enc = data.decode("utf-8"), "utf-8"
            except UnicodeDecodeError:
                if _UTF8_MULTIBYTE.search(data):
                    text, repaired = _decode_mixed(data)
                    enc = "utf-8+cp1252"
                else:
                    try:
                        text, enc = data.decode("cp1252"), "cp1252"
                    except UnicodeDecodeError:
                        text, enc = data.decode("latin-1"), "latin-1"
    text = text.lstrip("\ufeff")
    if _looks_binary(text):
        raise InputError(path, "binary data, not text")
    if not text.strip():
        raise InputError(path, "empty document")
    return text, enc, repaired


_LINE_SPLIT = re.compile(r"\r\n|\r|\n")


def split_lines(text: str) -> list[str]:
    """Original lines (a final newline does not start another line)."""
    lines = _LINE_SPLIT.split(text)
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()
    return lines
