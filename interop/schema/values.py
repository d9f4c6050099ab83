"""Cell parsers: turn what a spreadsheet cell holds into a typed value.

Every parser takes a non-empty cell (the validator maps empty cells to ``None`` before
any parser runs) and raises ``ValueError`` with a plain sentence on bad input; that
sentence becomes the ``reason`` of a rejected row.
"""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import date, datetime
from typing import Any

MULTI_SEPARATORS = re.compile(r"[;；,，、]")
_THOUSANDS = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?")

_TRUE = {"true", "yes", "1", "是", "y", "t"}
_FALSE = {"false", "no", "0", "否", "n", "f"}

_DATE_PATTERNS = (
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00(?:\.0+)?)?)?$"),
    re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$"),
)

_GRADE_WORDS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5}
_UNGRADED = {"未定级", "无", "none", "ungraded"}


def _nfkc(value: Any) -> str:
    return unicodedata.normalize("NFKC", str(value)).strip()


def parse_text(value: Any) -> str:
    """Free text, trimmed (identifiers are compared exactly after trimming)."""
    return str(value).strip()


def parse_division_code(value: Any) -> str:
    """A 6-digit GB/T 2260 administrative division code (420100 武汉市)."""
    text = _nfkc(value)
    if not (len(text) == 6 and text.isascii() and text.isdigit()):
        raise ValueError("not a 6-digit division code (GB/T 2260)")
    return text


def parse_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = _nfkc(value).casefold()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError("not a boolean (use true/false, yes/no, 1/0, 是/否, Y/N)")


def parse_date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _nfkc(value)
    for pattern in _DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            year, month, day = (int(g) for g in match.groups())
            try:
                return date(year, month, day)
            except ValueError as exc:
                raise ValueError(f"not a real date ({exc})") from None
    raise ValueError("not a date (use YYYY-MM-DD, YYYY/MM/DD or YYYY年MM月DD日)")


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


def parse_amount(value: Any) -> float:
    """Money in 10,000 CNY: a number ≥ 0."""
    number = parse_number(value)
    if number < 0:
        raise ValueError("must not be negative")
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
    """Split a multi-valued cell on ; ； , ， 、 — trimmed, empties and repeats dropped."""
    if isinstance(value, list | tuple):
        parts = [str(v) for v in value]
    else:
        parts = MULTI_SEPARATORS.split(str(value))
    seen: dict[str, None] = {}
    for part in parts:
        item = part.strip()
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
