"""A sheet's rows set into its XML as the workbook is zipped, not copied into it before.

In constant-memory mode xlsxwriter keeps a sheet's rows in a file of their own and, when
the workbook closes, copies them into the sheet's XML file (between ``<sheetData>`` and
``</sheetData>``), which it then deflates into the workbook. At a million cameras the
findings sheet is 107 MB of XML: the copy wrote it all once more, to be read once more,
0.5 s of the workbook's 3.8 s. While :func:`splicing` lasts, the copy
(:class:`~interop.report.xlsx_rows.RowWriter`'s, at close) only notes where the rows go
(:func:`defer`), and :class:`SplicingZipFile` — the ``ZipFile`` xlsxwriter zips with, for
that long (:class:`~interop.report.tables.Book`) — reads the rows file there as it
deflates the sheet: the same bytes in the same zip entry (its size, which decides
whether the entry needs ZIP64, counted with the rows), one file fewer written.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import zipfile
from collections.abc import Iterator
from typing import IO, Any, Literal

_pending: dict[str, tuple[int, str]] | None = None
"""While :func:`splicing`: a sheet's XML file -> (the byte its rows go before, the file
of rows)."""

CHUNK = 1 << 20
"""Bytes of a rows file read at a time (into the zip, or copied into the sheet's XML)."""


@contextlib.contextmanager
def splicing() -> Iterator[None]:
    """Sheets' rows set into their XML by :class:`SplicingZipFile` for as long as this
    lasts (not re-entrant: one workbook closes at a time, ``tables._deflated_at`` sees to
    it, and lasts as long).
    A rows file not zipped by then is deleted, as the copy would have deleted it, and,
    when the workbook closed without an error, that is one: its sheet went into the
    workbook without its rows (zipped by another ``ZipFile``)."""
    global _pending
    if _pending is not None:
        raise RuntimeError("a workbook's rows are being spliced already")
    _pending = {}
    failed = True
    try:
        yield
        failed = False
    finally:
        left, _pending = _pending, None
        for _, rows in left.values():
            with contextlib.suppress(OSError):
                os.unlink(rows)
        if left and not failed:
            raise RuntimeError(f"sheets zipped without their rows: {', '.join(sorted(left))}")


def defer(sheet: str, at: int, rows: str) -> bool:
    """Have the zip set the file ``rows`` into the XML file ``sheet`` before its byte
    ``at`` (and delete it then); False, nothing noted, when no :func:`splicing` lasts."""
    if _pending is None or sheet in _pending:
        return False
    _pending[sheet] = (at, rows)
    return True


class SplicingZipFile(zipfile.ZipFile):
    """A ``ZipFile`` whose :meth:`write` of a sheet noted by :func:`defer` zips the sheet
    with its rows set in."""

    _splice: tuple[int, str] | None = None

    def write(
        self,
        filename: Any,
        arcname: Any = None,
        compress_type: int | None = None,
        compresslevel: int | None = None,
    ) -> None:
        splice = None if _pending is None else _pending.pop(os.fspath(filename), None)
        if splice is None:
            super().write(filename, arcname, compress_type, compresslevel)
            return
        self._splice = splice
        try:
            super().write(filename, arcname, compress_type, compresslevel)
        finally:
            self._splice = None
            with contextlib.suppress(OSError):  # (gone: the write said so, not this)
                os.unlink(splice[1])

    def open(  # type: ignore[override]
        self,
        name: Any,
        mode: Literal["r", "w"] = "r",
        pwd: bytes | None = None,
        *,
        force_zip64: bool = False,
    ) -> IO[bytes] | _Spliced:
        splice, self._splice = self._splice, None
        if splice is None or mode != "w" or not isinstance(name, zipfile.ZipInfo):
            return super().open(name, mode, pwd, force_zip64=force_zip64)
        at, rows = splice
        name.file_size += os.path.getsize(rows)  # (the whole entry's: ZIP64 or not)
        return _Spliced(super().open(name, mode, pwd, force_zip64=force_zip64), at, rows)


class _Spliced:
    """The zip entry's writer, with the rows file written into it at byte ``at`` of what
    is written to it."""

    def __init__(self, entry: IO[bytes], at: int, rows: str) -> None:
        self._entry = entry
        self._left: int | None = at
        self._rows = rows

    def write(self, data: bytes) -> int:
        left = self._left
        if left is None or len(data) < left:
            self._entry.write(data)
            if left is not None:
                self._left = left - len(data)
            return len(data)
        view = memoryview(data)
        self._entry.write(view[:left])
        with open(self._rows, "rb") as rows:
            shutil.copyfileobj(rows, self._entry, CHUNK)
        self._left = None
        self._entry.write(view[left:])
        return len(data)

    def __enter__(self) -> _Spliced:
        return self

    def __exit__(self, *exc: object) -> None:
        self._entry.close()
        if self._left is not None and exc[0] is None:
            raise RuntimeError(f"the sheet ended before its rows' place ({self._rows})")
