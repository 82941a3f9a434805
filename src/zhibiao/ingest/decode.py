"""Bytes → text: UTF-8 first, then GB18030 / Big5 found by charset-normalizer.

Reports come from Chinese newspaper sites, government portals and old archives, so besides
UTF-8 the encodings that matter are GBK (decoded as its superset GB18030) and Big5. Anything
else (a PDF, an image, Latin-1 bytes) is refused with a :class:`DocumentError` rather than
turned into mojibake that would silently produce wrong facts.
"""

from __future__ import annotations

import codecs
import re
from functools import cache

from zhibiao.errors import DocumentError

__all__ = ["DEFAULT_MAX_BYTES", "decode_bytes"]

DEFAULT_MAX_BYTES = 50_000_000

# File signatures of the binary formats most likely to be dropped into a folder of reports.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "zip archive (.docx/.xlsx are zip files)"),
    (b"\x1f\x8b", "gzip data"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE2 file (.doc/.xls)"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "7z archive"),
    (b"\x7fELF", "ELF executable"),
    (b"MZ\x90\x00", "Windows executable"),
    (b"BZh91AY&SY", "bzip2 data"),
    (b"\xfd7zXZ\x00", "xz data"),
    (b"RIFF", "RIFF media file"),
    (b"SQLite format 3\x00", "SQLite database"),
)

# Byte-order marks that decide the encoding outright (longest first: UTF-32 LE starts like UTF-16 LE).
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# C0 control bytes that never occur in text (tab, LF, CR, FF and ESC excepted).
_CONTROL = re.compile(rb"[\x01-\x08\x0b\x0e-\x1a\x1c-\x1f]")
_SNIFF = 8192

# The encodings charset-normalizer may choose from: restricting it is both faster and what makes
# random high bytes "undecodable" instead of a plausible Latin-1 or KOI8 guess.
_CANDIDATES = ["gb18030", "gbk", "gb2312", "big5", "cp950", "big5hkscs"]

# Detected encoding → the codecs to decode with, in order. GBK and GB2312 are decoded as
# GB18030, their superset, so a rare character outside GBK does not fail the whole file.
_DECODE_AS: dict[str, tuple[str, ...]] = {
    "gb2312": ("gb18030",),
    "gbk": ("gb18030",),
    "cp936": ("gb18030",),
    "gb18030": ("gb18030",),
    "big5": ("big5", "cp950", "big5hkscs"),
    "cp950": ("cp950", "big5hkscs"),
    "big5hkscs": ("big5hkscs",),
}



@cache
def _expected() -> re.Pattern[str]:
    """Characters expected in Chinese text; anything else (kana, Greek, private use…) is "odd" and
    counts against a candidate decoding in the short-text fallback. Compiled on first use: a class
    over the CJK block takes milliseconds to compile, and most imports never need it."""
    return re.compile(r"[\x00-\x7f\u2000-\u206f\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def decode_bytes(data: bytes, where: str, *, max_bytes: int = DEFAULT_MAX_BYTES,
                 declared: str | None = None) -> str:
    """Decode the bytes of one report to text.

    A byte-order mark decides outright (UTF-8, UTF-16, UTF-32). Otherwise strict UTF-8 is tried
    first (by far the most common case, and the cheapest), then the ``declared`` charset (e.g.
    from an HTML ``<meta charset>``) when it is a GB or Big5 one, then charset-normalizer
    restricted to the GB18030 and Big5 families. ``where`` names the input in errors.

    Raises :class:`DocumentError` with ``E_EMPTY``, ``E_TOO_LARGE``, ``E_BINARY`` or ``E_ENCODING``.

    >>> decode_bytes("增长36.7%".encode("gb18030"), "x.txt", declared="gbk")
    '增长36.7%'
    """
    if not data:
        raise DocumentError(where, "E_EMPTY")
    if len(data) > max_bytes:
        raise DocumentError(where, "E_TOO_LARGE", f"{len(data)} bytes > {max_bytes}")
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise DocumentError(where, "E_BINARY", kind)
    text = _decode(data, where, declared)
    if not text.strip():
        raise DocumentError(where, "E_EMPTY", "only whitespace")
    return text


def _decode(data: bytes, where: str, declared: str | None) -> str:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            if codec == "utf-8-sig":
                data = data[len(bom):]  # then decoded like any UTF-8 below
                break
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:
                detail = f"invalid {codec} after its byte-order mark"
                raise DocumentError(where, "E_ENCODING", detail) from exc
    # Checked before UTF-8: NUL-ridden bytes (a binary, UTF-16 without BOM) can be valid UTF-8.
    sniff = data[:_SNIFF]
    if b"\x00" in sniff:
        raise DocumentError(where, "E_BINARY", "NUL bytes")
    if len(_CONTROL.findall(sniff)) * 50 > len(sniff):
        raise DocumentError(where, "E_BINARY", "control bytes")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        # UTF-8 cut off in the middle of its last character (a crawler's byte limit) is still UTF-8.
        if _truncated_at_end(exc, data):
            return data[:exc.start].decode("utf-8") + "\ufffd"
    if declared:
        text = _decode_as(data, _codecs_for(declared))
        if text is not None:
            return text
    text = _detect(data)
    if text is None:
        raise DocumentError(where, "E_ENCODING", "not UTF-8, GB18030 or Big5")
    return text


def _codecs_for(name: str) -> tuple[str, ...]:
    """The codecs for a detected or declared charset; none outside the GB and Big5 families
    (a page declaring ISO-8859-1 is wrong far more often than it is Latin-1)."""
    try:
        # WHATWG labels such as "x-gbk" are not known to Python under that name.
        canonical = codecs.lookup(name.strip().lower().removeprefix("x-")).name
    except LookupError:
        return ()
    return _DECODE_AS.get(canonical, ())


def _truncated_at_end(exc: UnicodeDecodeError, data: bytes) -> bool:
    return exc.end == len(data) and exc.start >= len(data) - 3 and exc.start > 0


def _decode_as(data: bytes, codec_names: tuple[str, ...]) -> str | None:
    """Strict decode with the first codec that works; a multi-byte character cut at the end is tolerated."""
    for name in codec_names:
        try:
            return data.decode(name)
        except UnicodeDecodeError as exc:
            if _truncated_at_end(exc, data):
                try:
                    return data[:exc.start].decode(name) + "\ufffd"
                except UnicodeDecodeError:
                    continue
        except LookupError:
            continue
    return None


def _detect(data: bytes) -> str | None:
    # Imported here: only non-UTF-8 inputs pay for loading the detector.
    import charset_normalizer

    best = charset_normalizer.from_bytes(data, cp_isolation=_CANDIDATES).best()
    if best is not None:
        text = _decode_as(data, _codecs_for(best.encoding))
        if text is not None:
            return text
    return _guess_short(data)


def _guess_short(data: bytes) -> str | None:
    """Fallback for texts too short for detection: the decoding with the fewest unexpected characters.

    Big5 bytes are nearly always valid GBK too, so both are tried and the one that reads like
    Chinese (no kana, private-use or box characters) wins; GB18030 on a tie, as the likelier.
    """
    best: tuple[int, str] | None = None
    for codecs_ in (("gb18030",), ("big5", "cp950")):
        text = _decode_as(data, codecs_)
        if text is None:
            continue
        odd = len(text) - len(_expected().findall(text))
        if best is None or odd < best[0]:
            best = (odd, text)
    if best is None or best[0] * 10 > len(best[1]):
        return None
    return best[1]
