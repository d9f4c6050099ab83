"""Cell parsers: turn what a spreadsheet cell holds into a typed value.

Every parser takes a non-empty cell (the validator maps empty cells to ``None`` before
any parser runs) and raises ``ValueError`` with a plain sentence on bad input; that
sentence becomes the ``reason`` of a rejected row.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

MULTI_SEPARATORS = re.compile(r"[;；,，、]")
_THOUSANDS = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?")

_TRUE = {"true", "yes", "1", "是", "y", "t"}
_FALSE = {"false", "no", "0", "否", "n", "f"}

_TIME = r"(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?"
_DATE_PATTERNS = (
    re.compile(rf"^(\d{{4}})-(\d{{1,2}})-(\d{{1,2}}){_TIME}$"),
    re.compile(rf"^(\d{{4}})/(\d{{1,2}})/(\d{{1,2}}){_TIME}$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$"),
)
"""A date, optionally with a time of day (``2020-01-02 13:45``), which is dropped."""

_GRADE_WORDS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5}
_UNGRADED = {"未定级", "无", "none", "ungraded"}


def _nfkc(value: Any) -> str:
    return unicodedata.normalize("NFKC", str(value)).strip()


def parse_text(value: Any) -> str:
    """Free text, trimmed of white space."""
    return str(value).strip()


def parse_division_code(value: Any) -> str:
    """A 6-digit GB/T 2260 administrative division code (420100 武汉市)."""
    text = _nfkc(value)
    if not (len(text) == 6 and text.isascii() and text.isdigit()):
        raise ValueError("not a 6-digit division code (GB/T 2260)")
    return text


def trim_id(value: Any) -> str:
    """An identifier trimmed at both ends of white space and of invisible format
    characters (Unicode category Cf: byte-order marks, zero-width spaces, direction marks),
    which would otherwise make ``\\ufeffS01`` a second system beside ``S01``."""
    text = str(value)
    start, end = 0, len(text)
    while start < end and (text[start].isspace() or unicodedata.category(text[start]) == "Cf"):
        start += 1
    while end > start and (text[end - 1].isspace() or unicodedata.category(text[end - 1]) == "Cf"):
        end -= 1
    return text[start:end]


def _invisible(text: str) -> list[str]:
    return sorted({f"U+{ord(c):04X}" for c in text if unicodedata.category(c) == "Cf"})


def id_notice(value: Any) -> str | None:
    """The warning for an id cell that :func:`trim_id` trimmed of invisible characters."""
    if not isinstance(value, str) or trim_id(value) == value.strip():
        return None
    removed = _invisible(value.strip().replace(trim_id(value), "", 1))
    return f"invisible character(s) {', '.join(removed)} removed from the id"


def ids_notice(value: Any) -> str | None:
    """:func:`id_notice` for a multi-valued cell of ids (each entry is trimmed)."""
    if not isinstance(value, str):
        return None
    notices = [id_notice(part) for part in MULTI_SEPARATORS.split(value)]
    removed = sorted({code for n in notices if n for code in re.findall(r"U\+[0-9A-F]+", n)})
    return f"invisible character(s) {', '.join(removed)} removed from an id" if removed else None


def parse_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = _nfkc(value).casefold()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError("not a boolean (use true/false, yes/no, 1/0, 是/否, Y/N)")


def _date_match(value: Any) -> re.Match[str] | None:
    text = _nfkc(value)
    for pattern in _DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            return match
    return None


def parse_date(value: Any) -> date:
    """A date; a time of day after it (an Excel date-time cell, ``2020-01-02 13:45``) is
    dropped, with a warning (:func:`date_notice`) unless it is midnight."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    match = _date_match(value)
    if match is None:
        raise ValueError("not a date (use YYYY-MM-DD, YYYY/MM/DD or YYYY年MM月DD日)")
    year, month, day = (int(g) for g in match.groups()[:3])
    hour, minute, second = (int(g or 0) for g in (match.groups() + (None,) * 3)[3:6])
    if hour > 23 or minute > 59 or second > 59:
        raise ValueError(f"not a real time of day ({hour}:{minute:02d})")
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise ValueError(f"not a real date ({exc})") from None


def date_notice(value: Any) -> str | None:
    """The warning for a date cell that holds a time of day other than midnight."""
    if isinstance(value, datetime):
        hour, minute, second = value.hour, value.minute, value.second
    elif isinstance(value, date):
        return None
    else:
        match = _date_match(value)
        groups = match.groups()[3:6] if match is not None and len(match.groups()) > 3 else ()
        hour, minute, second = (int(g or 0) for g in (tuple(groups) + (None,) * 3)[:3])
    if (hour, minute, second) == (0, 0, 0):
        return None
    shown = f"{hour:02d}:{minute:02d}" + (f":{second:02d}" if second else "")
    return f"time of day {shown} dropped (a date is a day)"


def parse_number(value: Any) -> float:
    if isinstance(value, bool):
        raise ValueError("not a number")
    if isinstance(value, int | float):
        number = float(value)
    else:
        text = _nfkc(value).replace(" ", "")
        if _THOUSANDS.fullmatch(text):
            text = text.replace(",", "")
        try:
            number = float(text)
        except ValueError:
            raise ValueError("not a number") from None
    if not math.isfinite(number):
        raise ValueError("not a finite number")
    return number


def parse_count(value: Any) -> int:
    """A whole number ≥ 0 (``12.0`` from a spreadsheet cell is 12)."""
    number = parse_number(value)
    if number != int(number):
        raise ValueError("not a whole number")
    if number < 0:
        raise ValueError("must not be negative")
    return int(number)


MAX_AMOUNT = 100_000_000.0
"""The largest plausible amount of money, in 万元 (10^8 万元 = 10^12 CNY): more is a typo or
an attack (three 1.7e308 would print an ``inf`` total), and the row is rejected."""


def parse_amount(value: Any) -> float:
    """Money in 10,000 CNY: a number from 0 to :data:`MAX_AMOUNT` (every money column)."""
    number = parse_number(value)
    if number < 0:
        raise ValueError("must not be negative")
    if number > MAX_AMOUNT:
        raise ValueError("implausible amount: more than 100,000,000 万元 (10^12 CNY)")
    return number


def parse_grade(value: Any) -> int | None:
    """Security protection grade 1–5; ``未定级`` (not graded) is ``None``."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        text = str(int(value)) if float(value).is_integer() else str(value)
    else:
        text = _nfkc(value)
    if text.casefold() in _UNGRADED:
        return None
    match = re.fullmatch(r"(?:第)?([一二三四五])级", text)
    if match:
        return _GRADE_WORDS[match.group(1)]
    match = re.fullmatch(r"([1-5])(?:\.0+)?", text)
    if match:
        return int(match.group(1))
    raise ValueError("not a security grade (1–5, 第一级…第五级, 一级…五级, or 未定级)")


def parse_multi(value: Any) -> list[str]:
    """Split a multi-valued cell of ids on ; ； , ， 、 — each :func:`trim_id` 'd, empties and
    repeats dropped."""
    if isinstance(value, list | tuple):
        parts = [str(v) for v in value]
    else:
        parts = MULTI_SEPARATORS.split(str(value))
    seen: dict[str, None] = {}
    for part in parts:
        item = trim_id(part)
        if item:
            seen.setdefault(item, None)
    return list(seen)


def parse_latitude(value: Any) -> float:
    number = parse_number(value)
    if not -90.0 <= number <= 90.0:
        raise ValueError("latitude outside -90…90")
    return number


def parse_longitude(value: Any) -> float:
    number = parse_number(value)
    if not -180.0 <= number <= 180.0:
        raise ValueError("longitude outside -180…180")
    return number


NOTICES: dict[Callable[[Any], Any], Callable[[Any], str | None]] = {parse_date: date_notice}
"""For a parser that silently drops part of a cell it accepts, what to warn about: the
validator calls the notice on every non-empty cell of a loaded row whose column has that
parser, and reports what it returns (if anything) as a warning. (Id columns — a table's
key and every reference — are trimmed by :func:`trim_id` and warned about by
:func:`id_notice` / :func:`ids_notice` whatever their parser.)"""
