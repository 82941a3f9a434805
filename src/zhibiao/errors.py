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
}


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


class QueryError(ZhibiaoError):
    """A question to the fact store cannot be answered as asked: an unknown indicator or zone,
    a period or format that is not understood."""


class StoreError(ZhibiaoError):
    """The fact store cannot be opened or used: a bad database URL, an unreachable server, a
    schema newer than this version of zhibiao."""
