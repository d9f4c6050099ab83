"""A column's cells as the column validator reads them (:mod:`interop.inventory.columnar`,
and the copy that parses some columns beside it, :mod:`interop.inventory.beside`): trimmed,
which are given, which are typed spreadsheet cells, and which may carry a notice — the
row validator's reading of a cell, a column at a time."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from interop.inventory.vectors import FieldSpec, iso_days
from interop.schema.values import parse_date, trim_id

Array = NDArray[Any]


def column_cells(
    values: list[Any], is_id: bool
) -> tuple[Array, NDArray[np.bool_], list[Any], list[int], bool]:
    """One column's cells, strings trimmed (ids also of invisible format characters,
    :func:`trim_id`), None for an empty cell; which are given; the cells as written; the
    positions of cells that are not text (typed spreadsheet cells); and, for ids, whether
    a cell holds an invisible character.

    A column of text only (every CSV column) is done in C: ``map(str.strip)``, which
    refuses any cell that is not text (then the column is looked at cell by cell), and
    numpy's element-wise comparison; a million cells a column is the camera table's size."""
    n = len(values)
    try:
        column = np.fromiter(map(str.strip, values), dtype=object, count=n)
        text_only = True
    except TypeError:  # a typed spreadsheet cell, or None
        column = np.empty(n, dtype=object)
        column[:] = [v.strip() if type(v) is str else v for v in values]
        text_only = False
    invisible = is_id and has_invisible(values, text_only)
    if invisible:
        column[:] = [trim_id(v) if type(v) is str else v for v in values]
    if text_only:
        present = np.asarray(column != "", dtype=bool)
        typed: list[int] = []
    else:
        present = np.fromiter((v is not None and v != "" for v in column), dtype=bool, count=n)
        typed = [k for k, v in enumerate(values) if v is not None and type(v) is not str]
    column[~present] = None
    return column, present, values, typed, invisible


def invisible_in(text: str) -> bool:
    """Whether ``text`` holds an invisible format character (Unicode category Cf, what
    :func:`trim_id` trims); none is ASCII, so ASCII text is answered at C speed."""
    return not text.isascii() and any(unicodedata.category(c) == "Cf" for c in text)


def has_invisible(values: list[Any], text_only: bool = False) -> bool:
    """Whether any text cell holds an invisible format character (one search over all)."""
    text = values if text_only else [v for v in values if type(v) is str]
    return not "".join(text).isascii() and any(map(invisible_in, text))


def noticeable(
    spec: FieldSpec | None,
    is_id: bool,
    raws: list[Any],
    column: Array,
    present: NDArray[np.bool_],
    typed: list[int],
    invisible: bool,
) -> list[int]:
    """The given cells whose notice may say something: for ids those holding an invisible
    character (:func:`id_notice` says nothing of the others); for dates those that are not
    a plain ``YYYY-MM-DD`` (no time of day to drop); for any other column every cell."""
    given = np.flatnonzero(present)
    if is_id:
        if not invisible:
            return []
        return [k for k in given.tolist() if type(raws[k]) is str and invisible_in(raws[k])]
    if spec is not None and spec.parse is parse_date:
        # a YYYY-MM-DD day (most) is plain; the other cells are looked at one by one
        if not typed:  # (every given cell is text, trimmed in ``column``: a distinct one
            # at a time, a million cameras' install dates being a few thousand days)
            codes, distinct = pd.factorize(column[given])
            given = given[~iso_days(np.asarray(distinct, dtype=object))[codes]]
        plain = PLAIN_DAY.fullmatch
        return [k for k in given.tolist() if type(raws[k]) is not str or not plain(raws[k].strip())]
    return given.tolist()


PLAIN_DAY = re.compile(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}")
