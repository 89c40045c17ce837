"""Errors that a file can cause; each becomes one `errors` entry of its Extraction, never a traceback."""

from __future__ import annotations


class IngestError(Exception):
    """A file could not be read or understood. `code` is stable and machine-readable."""

    code = "ingest_error"

    def __init__(self, message: str, code: str | None = None) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else self.code


class ReadError(IngestError):
    """The bytes of a file could not be turned into text (unsupported, binary, broken, encrypted, too large …)."""

    code = "read_error"
