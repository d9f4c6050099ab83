"""Rows of a constant-memory xlsxwriter worksheet written as one string each, as xlsxwriter
would write them.

xlsxwriter spends some 15 µs of Python on every cell: argument decoding, dimension checks,
a named tuple held until the row is flushed, then an attribute list and five regular
expressions over the text. A national city's findings are 2.6 million cells, and that
was more than half of writing findings.xlsx. :class:`RowWriter` writes the XML xlsxwriter
writes for the same cells — a text cell with nothing to escape (nearly all of them) as
it is, any other through xlsxwriter's own escaping functions — one ``write`` per row, and
keeps the worksheet's bookkeeping (dimensions, last row) so that xlsxwriter closes the
sheet as if it had written every cell. A cell of UTF-8 bytes (:class:`PlainUtf8`, a
finding's evidence made JSON once for findings.json and the workbook) goes into the file
of rows as its bytes, under the file's text layer. ``tests/outputs/test_tables.py``
compares the two writers' sheets, cell kind by cell kind, so that an xlsxwriter upgrade
that writes cells differently fails a test instead of changing the workbook silently. A
text repeated down a column (a rule's name, a severity, a recommendation: five of a
finding row's thirteen cells) is made a cell once per sheet
(:meth:`RowWriter.write_values`): the national city's workbook took 20.7 s instead of
22.5 s. One deliberate difference: text from ``<r>`` to ``</r>``, which xlsxwriter writes
into the XML unescaped (:func:`read_as_markup`), is escaped like any other. When the
workbook closes, the rows go from the sheet's file of rows into its XML as bytes
(:func:`_copy_rows`; read into the zip as the sheet is deflated, while
:mod:`interop.report.xlsx_splice` lasts), the same bytes xlsxwriter's copy through text
gives.

It relies on what :class:`~interop.report.tables.Book` guarantees: constant-memory mode,
rows written in order, once each, no row heights or row formats, a format on every cell;
and on xlsxwriter 3.3.1 or later (pyproject.toml), whose escaping helpers it calls, whose
cut of long text by UTF-16 units it repeats (earlier versions cut by characters), and
whose file of rows and ``<sheetData>`` writer it takes over at close.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from math import isinf, isnan
from typing import Any

from xlsxwriter.format import Format
from xlsxwriter.utility import _preserve_whitespace, xl_col_to_name
from xlsxwriter.worksheet import Worksheet, _utf16_len, _utf16_truncate

from interop.report import xlsx_splice


class PlainText:
    """Text found to need nothing escaped (:func:`plain`): written into the sheet as it is,
    with no second look. Made by whoever looked (``Book.cell``), which saves the writer
    encoding and searching every text again (a national city's workbook holds two
    million of them, and kilobytes of evidence each finding)."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PlainText) and other.text == self.text

    def __hash__(self) -> int:
        return hash(self.text)

    def __repr__(self) -> str:
        return f"PlainText({self.text!r})"


@dataclass(slots=True, unsafe_hash=True)
class PlainUtf8:
    """Text as UTF-8 bytes found to need nothing escaped (:func:`plain_json_utf8`) and to
    fit a cell whatever its characters (at most :data:`UTF8_FITS` bytes: a character is
    at least one byte, and at most two UTF-16 units for four bytes): written into the
    sheet's XML as its bytes. A finding's evidence as
    :class:`~interop.findings.model.EvidenceTexts` holds it, 92 MB at a million cameras,
    goes into the workbook without being decoded, looked at as text, copied into the
    row's text and encoded again (a million cameras' workbook alone: 2.1 s, not 2.7 s)."""

    data: bytes


UTF8_FITS = 32_767
"""The most bytes of UTF-8 a :class:`PlainUtf8` holds: Excel's 32,767 characters, which
xlsxwriter counts in UTF-16 units; neither count can exceed the bytes'."""

CellValue = str | PlainText | PlainUtf8 | int | float | bool
"""What :meth:`RowWriter.write` takes in a cell (None: no cell)."""
Cell = tuple[CellValue, Format]
"""A cell's value and its format."""

_ESCAPED_BYTES = bytes(range(0x09)) + bytes(range(0x0B, 0x20)) + b"&<>"
"""Characters xlsxwriter rewrites in an inline string, as UTF-8 bytes: control characters
(as ``_xHHHH_``) and ``& < >`` (as entities); so are U+FFFE and U+FFFF, and ``_xHHHH_``
itself. Text without any of them and without white space at either end is written as it
is. (Deleting bytes finds them some ten times faster than a regular expression scans
Chinese text.)"""
_ESCAPE_OF_ESCAPE = re.compile("_x[0-9a-fA-F]{4}_")


def plain(value: str) -> bool:
    """Whether xlsxwriter would write ``value`` into a cell as it is: no character it
    escapes, no ``_xHHHH_``, no white space at either end (one encoding and one deletion
    of bytes, then a few searches)."""
    raw = value.encode("utf-8", "surrogatepass")
    return (
        len(raw.translate(None, _ESCAPED_BYTES)) == len(raw)
        and _nothing_else_escaped(value)
        and not value[:1].isspace()
        and not value[-1:].isspace()
    )


def plain_json(value: str) -> bool:
    """:func:`plain` for compact JSON text (pydantic's, as a finding's evidence is written):
    JSON writes every control character as an escape (``\\u0001``) and starts and ends
    with a bracket, so only ``& < >``, the two non-characters and ``_xHHHH_`` are looked
    for, without encoding the text (a million cameras' evidence, 82 million characters:
    0.2 s instead of 0.4 s)."""
    return not ("&" in value or "<" in value or ">" in value) and _nothing_else_escaped(value)


def plain_json_utf8(data: bytes) -> bool:
    """:func:`plain_json` for compact JSON as UTF-8 bytes, found without decoding them:
    no ``& < >``, neither non-character (U+FFFE, U+FFFF: ``EF BF BE``, ``EF BF BF``), no
    ``_xHHHH_``, and no line feed (compact JSON holds none: written as bytes, a line feed
    would miss the text file's translation of it on Windows)."""
    return (
        not (b"&" in data or b"<" in data or b">" in data or b"\n" in data)
        and b"\xef\xbf\xbe" not in data
        and b"\xef\xbf\xbf" not in data
        and (b"_x" not in data or _ESCAPE_OF_ESCAPE_UTF8.search(data) is None)
    )


_ESCAPE_OF_ESCAPE_UTF8 = re.compile(rb"_x[0-9a-fA-F]{4}_")


def _nothing_else_escaped(value: str) -> bool:
    """What both :func:`plain` and :func:`plain_json` look for beyond the bytes: neither
    non-character (U+FFFE, U+FFFF) and no ``_xHHHH_`` (which xlsxwriter escapes too)."""
    return (
        "\ufffe" not in value and "\uffff" not in value and _ESCAPE_OF_ESCAPE.search(value) is None
    )


def read_as_markup(text: str) -> bool:
    """Whether xlsxwriter (constant-memory mode) would write ``text`` into the sheet's XML
    as it is, taking it for rich-text runs: text from ``<r>`` to ``</r>``. An inventory
    value of that shape could close its cell and add others — a formula, past the guard
    against formulas. :class:`RowWriter` escapes it like any other text."""
    return text.startswith("<r>") and text.endswith("</r>")


class RowWriter:
    """Writes whole rows into one constant-memory worksheet (see the module docstring)."""

    def __init__(self, ws: Worksheet) -> None:
        if not ws.constant_memory or ws.row_info or ws.excel_version != 2007:
            raise ValueError("RowWriter writes plain rows of a constant-memory worksheet")
        self.ws = ws
        self._letters: list[str] = []
        self._styles: dict[int, str] = {}
        """`` s="N"`` of each format, by id (a format's number is fixed at its first cell)."""
        self._repeats: list[_Repeats] = []
        """Each column's repeated texts (:meth:`write_values`)."""
        self._text_written = True
        """Whether text may wait in the file of rows' text layer (xlsxwriter's or this
        writer's), to be flushed before a row goes in as bytes."""
        # the rows go into the sheet's XML as bytes when the workbook closes (_copy_rows)
        xlsxwriters_copy = ws._write_optimized_sheet_data
        ws._write_optimized_sheet_data = lambda: _copy_rows(ws, xlsxwriters_copy)  # type: ignore[method-assign]

    def _style(self, fmt: Format) -> str:
        style = self._styles.get(id(fmt))
        if style is None:
            style = self._styles[id(fmt)] = f' s="{fmt._get_xf_index()}"'
        return style

    def _letter(self, col: int) -> str:
        while len(self._letters) <= col:
            self._letters.append(xl_col_to_name(len(self._letters)))
        return self._letters[col]

    def write(self, row: int, cells: Sequence[tuple[CellValue, Format] | None]) -> None:
        """Write row ``row`` (0-based): each cell a value with its format, or None (empty).

        Text must be at most 32,767 characters already (:func:`~interop.report.tables.cell_text`);
        xlsxwriter's own cut (by UTF-16 units) still applies, as it would.
        """
        self._write(row, cells)

    def write_values(
        self, row: int, values: Sequence[Any], cell: Callable[[Any], Cell | None]
    ) -> None:
        """Write row ``row`` of ``values``, each made a cell by ``cell`` (a function of the
        value alone, as :meth:`write` takes it). A text repeated down a column (a rule's
        name, a severity) is made a cell once: its XML but the cell's reference is kept
        for the column (:class:`_Repeats`)."""
        repeats = self._repeats
        if len(repeats) < len(values):
            repeats.extend(_Repeats() for _ in range(len(values) - len(repeats)))
        items: list[str | Cell | None] = []
        longest = _Repeats.LONGEST
        for value, seen in zip(values, repeats, strict=False):
            # (text short enough to come back: _Repeats.LONGEST)
            tail = (
                seen.tails.get(value)
                if seen.on and type(value) is str and len(value) <= longest
                else None
            )
            if tail is None:
                items.append(cell(value))
            else:
                seen.hits += 1
                items.append(tail)
        self._write(row, items, values)

    def _write(
        self,
        row: int,
        items: Sequence[str | Cell | None],
        values: Sequence[Any] | None = None,
    ) -> None:
        """Write row ``row``: each item a cell to make, the XML after a cell's reference
        kept from an earlier row (:meth:`write_values`, whose ``values`` the cells made
        here are kept for), or None (no cell)."""
        ws = self.ws
        if row >= ws.xls_rowmax or items.count(None) == len(items):
            return  # xlsxwriter drops such cells (and writes nothing for an empty row)
        if row < ws.previous_row:
            raise ValueError(f"row {row} comes after row {ws.previous_row}: rows go in order")
        if ws.table:  # a row xlsxwriter holds (the header): out first, as it would go
            ws._write_single_row(row)  # (before this row's formats get their numbers)
            self._text_written = True
        number = str(row + 1)
        parts: list[str | bytes] = [f'<row r="{number}">']
        binary = False
        first = last = -1
        letters, repeats, longest = self._letters, self._repeats, _Repeats.LONGEST
        if len(letters) < len(items):
            self._letter(len(items) - 1)
        for col, item in enumerate(items):
            if item is None:
                continue
            if first < 0:
                first = col
            last = col
            if type(item) is str:
                tail = item
            else:
                made = self._tail(*item)  # type: ignore[misc]
                if isinstance(made, bytes):  # (never kept: only text is repeatable)
                    parts += (f'<c r="{letters[col]}{number}"', made)
                    binary = True
                    continue
                tail = made
                if values is not None and repeats[col].on:
                    value = values[col]
                    if type(value) is str and len(value) <= longest:
                        repeats[col].keep(value, tail)
            parts.append(f'<c r="{letters[col]}{number}"{tail}')
        parts.append("</row>")
        self._out(parts, binary)
        if ws.dim_rowmin is None or row < ws.dim_rowmin:
            ws.dim_rowmin = row
        if ws.dim_rowmax is None or row > ws.dim_rowmax:
            ws.dim_rowmax = row
        if ws.dim_colmin is None or first < ws.dim_colmin:
            ws.dim_colmin = first
        if ws.dim_colmax is None or last > ws.dim_colmax:
            ws.dim_colmax = last
        ws.previous_row = row

    def _out(self, parts: list[str | bytes], binary: bool) -> None:
        """A row's XML into the file of rows: as text, or, when a cell is bytes
        (``binary``: a :class:`PlainUtf8`), as bytes into the file under the text layer,
        that layer flushed first when text may be waiting in it (once a sheet, as a rule)."""
        fh = self.ws.fh
        if not binary:
            fh.write("".join(parts))  # type: ignore[arg-type]
            self._text_written = True
            return
        out: list[bytes] = []
        run: list[str] = []
        for part in parts:
            if type(part) is bytes:
                out += (_encoded("".join(run)), part)
                run.clear()
            else:
                run.append(part)  # type: ignore[arg-type]
        out.append(_encoded("".join(run)))
        if self._text_written:
            fh.flush()
            self._text_written = False
        fh.buffer.write(b"".join(out))

    def _tail(self, value: CellValue, fmt: Format) -> str | bytes:
        """A cell's XML after its reference (``<c r="B2"``): its style, kind and value
        (bytes for :class:`PlainUtf8`)."""
        style = self._styles.get(id(fmt)) or self._style(fmt)
        if isinstance(value, str):
            return self._string(style, value)
        if isinstance(value, PlainText):
            return self._string(style, value.text, checked=True)
        if isinstance(value, PlainUtf8):
            return b"".join(
                (f'{style} t="inlineStr"><is><t>'.encode(), value.data, b"</t></is></c>")
            )
        if isinstance(value, bool):
            return f'{style} t="b"><v>{int(value)}</v></c>'
        if isnan(value) or isinf(value):  # refused, as xlsxwriter refuses it
            raise TypeError("NAN/INF not supported in write_number() without 'nan_inf_to_errors'")
        return f"{style}><v>{value:.16G}</v></c>"

    def _string(self, style: str, value: str, checked: bool = False) -> str:
        """An inline-string cell after its reference, escaped as xlsxwriter's
        ``_write_cell`` escapes it — all of it: xlsxwriter writes text that
        :func:`read_as_markup` unescaped (``checked``: :func:`plain` said so already)."""
        limit = self.ws.xls_strmax
        if len(value) > limit // 2 and _utf16_len(value) > limit:
            value, checked = _utf16_truncate(value, limit), False
        if checked or plain(value):
            return f'{style} t="inlineStr"><is><t>{value}</t></is></c>'
        ws = self.ws
        value = ws._escape_control_characters(value)  # (no rich-text shortcut: see below)
        preserve = ' xml:space="preserve"' if _preserve_whitespace(value) else ""
        return f'{style} t="inlineStr"><is><t{preserve}>{ws._escape_data(value)}</t></is></c>'


def _encoded(text: str) -> bytes:
    """Text as the file of rows' text layer writes it (UTF-8, a line feed as the
    system's line separator)."""
    if os.linesep != "\n":
        text = text.replace("\n", os.linesep)
    return text.encode("utf-8")


def _copy_rows(ws: Worksheet, xlsxwriters_copy: Callable[[], None]) -> None:
    """``<sheetData>`` as xlsxwriter writes it when the workbook closes (constant-memory
    mode): the rows kept in the sheet's file of rows, then that file deleted — but copied
    as bytes. xlsxwriter reads it back as text, 64 KB at a time, and writes the text into
    the sheet's XML file: at a million cameras 107 MB decoded from UTF-8 and encoded
    again, 0.3 s of the workbook's 3 s. The same bytes either way (both files are UTF-8;
    ``tests/outputs/test_tables.py`` compares the sheets with xlsxwriter's). While the
    workbook is zipped by :class:`~interop.report.xlsx_splice.SplicingZipFile`, not even
    copied: the rows file is read there, into the zip (:func:`~interop.report.xlsx_splice.defer`).
    xlsxwriter's own copy when the sheet has no rows or its XML goes to no file
    (``in_memory``)."""
    target = getattr(ws.fh, "buffer", None)
    if ws.dim_rowmin is None or target is None:
        xlsxwriters_copy()
        return
    ws._xml_start_tag("sheetData")
    ws.row_data_fh.close()  # (its last rows written out)
    ws.fh.flush()  # (the start tag written before the rows)
    if not xlsx_splice.defer(ws.fh.name, target.tell(), ws.row_data_filename):
        with open(ws.row_data_filename, "rb") as rows:
            shutil.copyfileobj(rows, target, xlsx_splice.CHUNK)
        os.unlink(ws.row_data_filename)
    ws._xml_end_tag("sheetData")


class _Repeats:
    """One column's texts already made cells (:meth:`RowWriter.write_values`), while the
    column repeats itself: after :data:`TRIAL` texts, a column where most were new (ids,
    titles) is given up, so that it holds no copy of its texts."""

    TRIAL = 1000
    LONGEST = 500
    """Longer texts are not kept: a name, a severity, a recommendation comes back; a
    finding's evidence, kilobytes of JSON, is never looked up (hashing it would cost more)."""
    KEEP = 10_000
    """At most this many texts kept for a column (a few hundred rule names and
    recommendations at most; more would be texts that seldom come back)."""

    __slots__ = ("hits", "made", "on", "tails")

    def __init__(self) -> None:
        self.tails: dict[str, str] = {}
        self.on = True
        self.hits = self.made = 0

    def keep(self, value: str, tail: str) -> None:
        self.made += 1
        if self.made == self.TRIAL and self.made > self.hits:
            self.on, self.tails = False, {}
        elif len(self.tails) < self.KEEP:
            self.tails[value] = tail
