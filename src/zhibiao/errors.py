"""Domain errors, each with a stable code, converted to one-line messages at the CLI boundary."""

from __future__ import annotations

# One catalog of reason codes, so that stored error records and tests can rely on them.
ERROR_CODES: dict[str, str] = {
    "E_EMPTY": "the document is empty",
    "E_BINARY": "the file is not text (binary content)",
    "E_ENCODING": "the bytes could not be decoded in any supported encoding",
    "E_TOO_LARGE": "the document is larger than the size limit",
    "E_JSON": "the line is not valid JSON",
    "E_SCHEMA": "the record does not have the fields a document needs",
    "E_READ": "the file could not be read",
    "E_EXTRACT": "extraction failed on this document",
    "E_TIMEOUT": "extraction took longer than the time budget of this document",
    "E_STORE": "the document could not be stored",
    "E_INTERNAL": "an unexpected error on this document (a bug: the run went on without it)",
}

# Warnings: the document is kept, something in it was repaired or left out (one line each).
WARNING_CODES: dict[str, str] = {
    "W_TEXT": "characters that are no text were replaced by U+FFFD",
    "W_PUBLISHED": "the publication date is no calendar date and was left out",
    "W_META": "a metadata value was left out",
    "W_FACT": "a fact with a number out of range was left out",
}


def warning_line(where: str, code: str, detail: str = "") -> str:
    """The one line of a warning about ``where`` (a document), like an error's message.

    >>> warning_line("d1", "W_PUBLISHED", "'abc' is no calendar date")
    "d1: W_PUBLISHED: the publication date is no calendar date and was left out ('abc' is no calendar date)"
    """
    if code not in WARNING_CODES:
        raise ValueError(f"unknown warning code {code!r}")
    line = f"{where}: {code}: {WARNING_CODES[code]}" + (f" ({detail})" if detail else "")
    return " ".join(line.split())


class ZhibiaoError(Exception):
    """Base class of every error zhibiao raises on purpose."""


class DocumentError(ZhibiaoError):
    """One input document (or file, or JSONL line) could not be processed.

    ``where`` names it (a path, ``path:line`` or a doc_id), ``code`` is a key of ERROR_CODES.
    """

    def __init__(self, where: str, code: str, detail: str = "") -> None:
        if code not in ERROR_CODES:
            raise ValueError(f"unknown error code {code!r}")
        self.where = where
        self.code = code
        self.detail = detail
        super().__init__(self.message)

    @property
    def message(self) -> str:
        reason = ERROR_CODES[self.code]
        return f"{self.where}: {self.code}: {reason}" + (f" ({self.detail})" if self.detail else "")

    def to_dict(self) -> dict[str, str]:
        return {"where": self.where, "code": self.code, "message": self.message}


def internal_error(where: str, exc: BaseException) -> DocumentError:
    """The ``E_INTERNAL`` error of an unexpected exception met on one document (one line).

    >>> internal_error("c.jsonl:3", RecursionError("maximum recursion depth exceeded")).message
    'c.jsonl:3: E_INTERNAL: an unexpected error on this document (a bug: the run went on without it) \
(RecursionError: maximum recursion depth exceeded)'
    """
    return DocumentError(where, "E_INTERNAL", f"{type(exc).__name__}: {' '.join(str(exc).split())[:300]}")


class QueryError(ZhibiaoError):
    """A question to the fact store cannot be answered as asked: an unknown indicator or zone,
    a period or format that is not understood."""


class StoreError(ZhibiaoError):
    """The fact store cannot be opened or used: a bad database URL, an unreachable server, a
    schema newer than this version of zhibiao."""
