"""What openpyxl's read-only, values-only reading hides: formulas with no stored result,
and merged cells.

Read with ``data_only=True``, a formula cell whose result was never stored reads as
``None`` — an empty cell, and a row of them vanishes. Merged ranges are not available in
read-only mode at all. :func:`scan_sheet` reads the sheet's XML once more for both, only
when it holds a formula or a merge (a quick byte search first, so that a plain sheet of
values costs one extra decompression and no parsing).
"""

from __future__ import annotations

import re
from typing import Any

from openpyxl.utils.cell import column_index_from_string, coordinate_from_string
from openpyxl.xml.functions import iterparse  # defusedxml's when it is installed

_MARKERS = re.compile(rb"<(?:\w+:)?f[\s>/]|mergeCell")
_CHUNK = 1 << 20


def _has_markers(source: Any) -> bool:
    tail = b""
    while chunk := source.read(_CHUNK):
        if _MARKERS.search(tail + chunk):
            return True
        tail = chunk[-32:]
    return False


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def scan_sheet(sheet: Any) -> tuple[dict[tuple[int, int], str], list[str]]:
    """``({(row number, column index from 0): "=formula"}, ["A1:F1", …])`` of a read-only
    openpyxl worksheet: its formula cells with no stored result, and its merged ranges."""
    formulas: dict[tuple[int, int], str] = {}
    merges: list[str] = []
    source = sheet._get_source()  # openpyxl's own access to the sheet's XML
    try:
        if not _has_markers(source):
            return formulas, merges
    finally:
        source.close()
    source = sheet._get_source()
    try:
        row_number, column = 0, 0
        for event, element in iterparse(source, events=("start", "end")):
            tag = _local(element.tag)
            if event == "start":
                if tag == "row":
                    row_number = int(element.get("r") or row_number + 1)
                    column = 0
                continue
            if tag == "c":
                ref = element.get("r")
                if ref:
                    letters, row_number = coordinate_from_string(ref)
                    column = column_index_from_string(letters)
                else:
                    column += 1
                children = {_local(child.tag): child for child in element}
                stored = children.get("v")
                unstored = stored is None or (stored.text is None and element.get("t") != "str")
                if "f" in children and unstored:  # openpyxl writes <v/>; a "" result is t="str"
                    text = children["f"].text
                    formulas[(row_number, column - 1)] = f"={text}" if text else "=(shared formula)"
                element.clear()
            elif tag == "row":
                element.clear()
            elif tag == "mergeCell" and element.get("ref"):
                merges.append(str(element.get("ref")))
    finally:
        source.close()
    return formulas, merges
