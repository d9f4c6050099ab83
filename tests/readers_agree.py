"""The two CSV readers must give the same raw table (issue 7).

A plain CSV file of a contract table (no quote character, no bare carriage return, no
line wider than the header) is read by pandas' C parser
(:func:`loaders.csv_folder._plain_table`); any other by the csv module, row by row
(``_table``). :func:`checked` reads every file the plain reader takes with the csv module
too and fails unless the two agree: the same headers, the same row numbers, the same cells
— but that the csv module leaves a short row's missing cells None where pandas gives
``""`` (both an empty cell). ``tests/conftest.py`` puts it in place for the whole test
session, so every CSV file any test reads is checked; ``tests/loaders/test_csv_plain.py``
adds files made to be odd.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from interop.inventory.raw import RawTable
from interop.loaders import csv_folder

CHECKED = {"tables": 0}
"""How many tables were read both ways in this session."""

PlainReader = Callable[[bytes, str, str, str], RawTable | None]


def assert_same_table(plain: RawTable, by_rows: RawTable) -> None:
    """``plain`` (pandas) holds what ``by_rows`` (the csv module) holds."""
    assert plain.name == by_rows.name
    assert plain.source == by_rows.source
    assert plain.headers == by_rows.headers
    assert plain.numbers == by_rows.numbers
    assert plain.merged == by_rows.merged == {}
    for header, mine, theirs in zip(plain.headers, plain.cells, by_rows.cells, strict=True):
        assert len(mine) == len(theirs), header
        odd = [
            (k, a, b)
            for k, (a, b) in enumerate(zip(mine, theirs, strict=True))
            if a != b and not (b is None and a == "")
        ]
        assert not odd, (header, odd[:5])


def checked(plain_table: PlainReader) -> Any:
    """``_plain_table`` that also reads the file with the csv module and compares."""

    def both(data: bytes, encoding: str, source: str, name: str) -> RawTable | None:
        plain = plain_table(data, encoding, source, name)
        if plain is not None:
            assert_same_table(plain, csv_folder._table(data, encoding, source, name, True))
            CHECKED["tables"] += 1
        return plain

    return both
