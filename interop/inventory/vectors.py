"""Column parsers: a whole column of cells parsed at once, derived from the declaration.

Every field of a table model (:mod:`interop.schema.tables`) declares one cell parser
(``BeforeValidator(parse_…)`` from :mod:`interop.schema.values`, or ``enum_parser``). The
row validator calls it once per cell through pydantic; the column validator
(:mod:`interop.inventory.columnar`) calls :func:`parse_column`, which gives the same value
or the same error for every cell, column by column:

- numbers (``parse_number``, ``parse_amount``, ``parse_count``, latitude, longitude): one
  ``float()`` pass in C (numpy's object → float conversion calls ``float``), then the
  parser's range check on the whole array; any cell that is not a plain number, or fails
  the check, goes through the declared parser itself, which gives the value (``1,234``,
  full-width digits) or the error sentence;
- dates: ISO ``YYYY-MM-DD`` cells converted in one numpy pass; any other spelling
  (``2020年3月5日``, an invalid day, a time) through ``parse_date``;
- text (``parse_text``): cells arrive trimmed, which is all ``parse_text`` does to a string;
- everything else (enums, booleans, grades, lists): the declared parser once per distinct
  cell (a column of a million cells holds a few distinct statuses).

Cells that are not strings (typed spreadsheet cells: numbers, dates, booleans) always go
through the declared parser. The fast paths only ever accept what the declared parser
accepts, with the same value: ``tests/loaders/test_columnar.py`` runs both validators on
every test inventory and on generated cities with planted bad rows.
"""

from __future__ import annotations

import datetime
import functools
import typing
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import NDArray
from pydantic import BeforeValidator

from interop.schema import values as v
from interop.schema.columns import Column
from interop.schema.tables import Record, column_of

Parser = Callable[[Any], Any]
Errors = dict[int, str]
"""Row position (in the column) -> the parser's error sentence."""

_EPOCH_ORDINAL = datetime.date(1970, 1, 1).toordinal()

FLOAT, COUNT, DATE, ENUM, TEXT, OBJECT = "float", "count", "date", "enum", "text", "object"


def float_check(parse: Parser) -> Callable[[NDArray[np.float64]], NDArray[np.bool_]] | None:
    """Which floats ``parse`` accepts as they are: the check it applies after
    ``parse_number`` (which itself only refuses what is not finite)."""
    checks: dict[Parser, Callable[[NDArray[np.float64]], NDArray[np.bool_]]] = {
        v.parse_number: np.isfinite,
        v.parse_amount: lambda x: np.isfinite(x) & (x >= 0) & (x <= v.MAX_AMOUNT),
        v.parse_count: lambda x: np.isfinite(x) & (x >= 0) & (x == np.floor(x)),
        v.parse_latitude: lambda x: np.isfinite(x) & (x >= -90.0) & (x <= 90.0),
        v.parse_longitude: lambda x: np.isfinite(x) & (x >= -180.0) & (x <= 180.0),
    }
    return checks.get(parse)


@dataclass(frozen=True)
class FieldSpec:
    """One declared field, as the column validator needs it."""

    name: str
    column: Column
    parse: Parser
    kind: str
    """How the parsed column is held: float / count (float64, NaN), date (datetime64[D],
    NaT), enum / text / object (object array, None)."""
    default: Any

    def python(self, value: Any) -> Any:
        """A parsed column entry as the row validator's record holds it."""
        if self.kind == FLOAT:
            return float(value)
        if self.kind == COUNT:
            return int(value)
        if self.kind == DATE:
            return datetime.date.fromordinal(int(value.astype(np.int64)) + _EPOCH_ORDINAL)
        if isinstance(value, list):
            return list(value)
        return value


def _declared_parser(annotation: Any, metadata: list[Any]) -> Parser | None:
    for meta in metadata:
        if isinstance(meta, BeforeValidator):
            return meta.func  # type: ignore[return-value]
    if typing.get_origin(annotation) is typing.Annotated:
        args = typing.get_args(annotation)
        found = _declared_parser(args[0], list(args[1:]))
        if found is not None:
            return found
    for arg in typing.get_args(annotation):
        found = _declared_parser(arg, [])
        if found is not None:
            return found
    return None


def _is_enum(annotation: Any) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, StrEnum):
        return True
    return any(_is_enum(a) for a in typing.get_args(annotation))


@functools.cache
def field_specs(model: type[Record]) -> list[FieldSpec]:
    """The declared fields of ``model``, in declaration order, with their cell parsers
    (read from the pydantic metadata once per model; do not change the list)."""
    specs = []
    for name, info in model.model_fields.items():
        parse = _declared_parser(info.annotation, list(info.metadata))
        if parse is None:
            raise LookupError(f"{model.__name__}.{name} declares no cell parser")
        if parse is v.parse_count:
            kind = COUNT
        elif float_check(parse) is not None:
            kind = FLOAT
        elif parse is v.parse_date:
            kind = DATE
        elif parse is v.parse_text:
            kind = TEXT
        elif _is_enum(info.annotation):
            kind = ENUM
        else:
            kind = OBJECT
        specs.append(FieldSpec(name, column_of(model, name), parse, kind, info.default))
    return specs


# -- parsing a column --------------------------------------------------------------------------


def _one_by_one(
    parse: Parser,
    cells: NDArray[Any] | Sequence[Any],
    positions: NDArray[np.intp],
    out: Any,
    errors: Errors,
) -> None:
    """The declared parser on each of ``cells[positions]``: the value into ``out``, or the error."""
    for k in positions.tolist():
        try:
            out[k] = parse(cells[k])
        except (ValueError, AssertionError) as exc:
            errors[k] = str(exc)


def _strings(cells: NDArray[Any], present: NDArray[np.bool_], text: bool) -> NDArray[np.bool_]:
    """Which present cells are strings (typed spreadsheet cells are not); ``text``: the
    caller knows they all are."""
    if text or set(map(type, cells)) <= {str, type(None)}:  # every CSV column
        return present.copy()
    kinds = np.fromiter((type(c) is str for c in cells), dtype=bool, count=cells.size)
    return kinds & present


def _floats(
    spec: FieldSpec, cells: NDArray[Any], present: NDArray[np.bool_], text: bool
) -> tuple[Any, Errors]:
    strings = np.flatnonzero(_strings(cells, present, text))
    try:
        parsed = cells[strings].astype(np.float64)
    except ValueError:  # some cell is no plain number: convert the rest one by one
        parsed = np.fromiter(map(_float_or_nan, cells[strings]), np.float64, strings.size)
    return checked_floats(spec, cells, present, strings, parsed)


def checked_floats(
    spec: FieldSpec,
    cells: NDArray[Any] | Sequence[Any],
    present: NDArray[np.bool_],
    at: NDArray[np.intp],
    parsed: NDArray[np.float64],
) -> tuple[NDArray[np.float64], Errors]:
    """A number column from the floats ``parsed`` of its cells at ``at``: those the declared
    parser's check accepts (:func:`float_check`) kept as they are, every other present cell
    (NaN at ``at``, or not read as a float) parsed one by one from ``cells`` for its value
    or its error."""
    out = np.full(len(cells), np.nan)
    errors: Errors = {}
    check = float_check(spec.parse)
    assert check is not None
    with np.errstate(invalid="ignore"):
        good = check(parsed)
    out[at[good]] = parsed[good]
    rest = np.setdiff1d(np.flatnonzero(present), at[good], assume_unique=True)
    values: list[Any] = [None] * len(cells)
    _one_by_one(spec.parse, cells, rest, values, errors)
    for k in rest.tolist():
        if k not in errors:
            out[k] = values[k]
    return out, errors


def _float_or_nan(cell: str) -> float:
    try:
        return float(cell)
    except ValueError:
        return np.nan


_DIGITS = [0, 1, 2, 3, 5, 6, 8, 9]
"""Where ``YYYY-MM-DD`` has its digits (and ``-`` at 4 and 7)."""


def iso_days(texts: NDArray[Any]) -> NDArray[np.bool_]:
    """Which of ``texts`` (an object array of strings) are written ``YYYY-MM-DD`` with ASCII
    digits (the regex ``[0-9]{4}-[0-9]{2}-[0-9]{2}``, whole), a column at a time: the
    ten-character strings as fixed-width unicode, their code points compared at once."""
    lengths = np.fromiter(map(len, texts), dtype=np.intp, count=texts.size)
    out = lengths == 10
    ten = np.flatnonzero(out)
    if ten.size:
        codes = texts[ten].astype("U10").view(np.uint32).reshape(-1, 10)
        digits = codes[:, _DIGITS]
        out[ten] = (
            ((digits >= 0x30) & (digits <= 0x39)).all(axis=1)
            & (codes[:, 4] == 0x2D)
            & (codes[:, 7] == 0x2D)
        )
    return out


def _dates(
    spec: FieldSpec, cells: NDArray[Any], present: NDArray[np.bool_], text: bool
) -> tuple[Any, Errors]:
    """Dates, a distinct string at a time: a city's million cameras were installed on a
    few thousand days (the 1M-camera city: 3,981), each looked at once. A ``YYYY-MM-DD``
    string is read by numpy (:func:`iso_days`; by the declared parser where numpy reads
    year 0, which Python's date refuses, and every string so where one is an impossible
    day, 2021-02-30, which numpy refuses), any other string and every typed cell (a
    spreadsheet's date) by the declared parser."""
    days = np.full(cells.size, np.datetime64("NaT"), dtype="datetime64[D]")
    strings = np.flatnonzero(_strings(cells, present, text))
    codes, found = pd.factorize(cells[strings])
    distinct = np.asarray(found, dtype=object)
    value = np.full(distinct.size, np.datetime64("NaT"), dtype="datetime64[D]")
    fast = np.flatnonzero(iso_days(distinct))
    try:
        converted = distinct[fast].astype("datetime64[D]")
        good = converted >= np.datetime64("0001-01-01")
    except ValueError:
        converted, good, fast = value[:0], np.zeros(0, dtype=bool), fast[:0]
    value[fast[good]] = converted[good]
    slow = np.ones(distinct.size, dtype=bool)
    slow[fast[good]] = False
    failed: dict[int, str] = {}
    _parsed_days(spec, distinct, np.flatnonzero(slow), value, failed)
    days[strings] = value[codes]
    errors = _spread(failed, strings, codes)
    typed = np.setdiff1d(np.flatnonzero(present), strings, assume_unique=True)
    _parsed_days(spec, cells, typed, days, errors)
    return days, dict(sorted(errors.items()))  # (by position, as the rows come)


def _parsed_days(
    spec: FieldSpec,
    cells: NDArray[Any],
    positions: NDArray[np.intp],
    days: NDArray[Any],
    errors: Errors,
) -> None:
    """The declared parser on each of ``cells[positions]``: its day into ``days``, or the
    error into ``errors``."""
    values: list[Any] = [None] * cells.size
    _one_by_one(spec.parse, cells, positions, values, errors)
    for k in positions.tolist():
        if k not in errors:
            days[k] = np.datetime64(values[k].toordinal() - _EPOCH_ORDINAL, "D")


def _spread(failed: dict[int, str], positions: NDArray[np.intp], codes: NDArray[np.intp]) -> Errors:
    """The error of each of ``positions`` whose distinct cell (``codes``: which one) failed
    to parse (``failed``: the error by distinct cell)."""
    errors: Errors = {}
    if failed:
        bad = np.isin(codes, np.fromiter(failed, dtype=np.intp))
        for k, code in zip(positions[bad].tolist(), codes[bad].tolist(), strict=True):
            errors[k] = failed[code]
    return errors


def _by_distinct(
    spec: FieldSpec, cells: NDArray[Any], present: NDArray[np.bool_], text: bool
) -> tuple[Any, Errors]:
    """The declared parser once per distinct string cell (and once per typed cell)."""
    out = np.full(cells.size, None, dtype=object)
    errors: Errors = {}
    strings = _strings(cells, present, text)
    where = np.flatnonzero(strings)
    codes, uniques = pd.factorize(cells[where])
    parsed: list[Any] = []
    failed: dict[int, str] = {}
    for code, cell in enumerate(uniques):
        try:
            parsed.append(spec.parse(cell))
        except (ValueError, AssertionError) as exc:
            parsed.append(None)
            failed[code] = str(exc)
    if parsed:
        table = np.empty(len(parsed), dtype=object)
        for code, value in enumerate(parsed):  # item by item: numpy would unpack lists
            table[code] = value
        out[where] = table[codes]  # equal cells share one value (lists are copied on use)
        errors.update(_spread(failed, where, codes))
    _one_by_one(spec.parse, cells, np.flatnonzero(present & ~strings), out, errors)
    return out, errors


def _texts(
    spec: FieldSpec, cells: NDArray[Any], present: NDArray[np.bool_], text: bool
) -> tuple[Any, Errors]:
    """``parse_text`` trims; string cells arrive trimmed, so only typed cells need it."""
    out = cells.copy()
    out[~present] = None
    errors: Errors = {}
    _one_by_one(
        spec.parse, cells, np.flatnonzero(present & ~_strings(cells, present, text)), out, errors
    )
    return out, errors


def parse_column(
    spec: FieldSpec, cells: NDArray[Any], present: NDArray[np.bool_], text: bool = False
) -> tuple[Any, Errors]:
    """Parse the ``present`` cells of one column (an object array, strings trimmed);
    ``text``: the caller knows every present cell is a string (else each is looked at).

    Returns the parsed column (see :attr:`FieldSpec.kind`; missing or failed entries NaN,
    NaT or None) and the error sentence of every failed cell, by position.
    """
    if spec.kind in (FLOAT, COUNT):
        return _floats(spec, cells, present, text)
    if spec.kind == DATE:
        return _dates(spec, cells, present, text)
    if spec.kind == TEXT:
        return _texts(spec, cells, present, text)
    return _by_distinct(spec, cells, present, text)
