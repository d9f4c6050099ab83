"""Canonical values → cells as an auditor types them, in Chinese or English.

Chinese cells use the Chinese spellings of enumerations (在用, 电子政务外网, 市级), 是/否,
第三级 for security grades and 未定级 for ungraded systems, and 、 between list entries.
English cells use the canonical English values, true/false, digits, and ``;``. Names,
addresses, data sets and other free text are Chinese in both: it is a Chinese city.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from enum import StrEnum
from typing import Any

from interop.i18n import Bilingual, Lang, Text
from interop.schema.enums import spelling

GRADE_WORDS = {1: "第一级", 2: "第二级", 3: "第三级", 4: "第四级", 5: "第五级"}
UNGRADED_ZH = "未定级"
SEPARATOR = Text("、", ";")
BOOLEAN = Bilingual(zh=("是", "否"), en=("true", "false"))


def number(value: float) -> str:
    """A number without a needless fractional part: 356, 12.5, 0.8."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.2f}".rstrip("0").rstrip(".")


def cell(value: Any, lang: Lang) -> str:
    """One canonical value as a cell."""
    if value is None:
        return ""
    if type(value) is str:
        return value
    if isinstance(value, StrEnum):
        return spelling(value, lang)
    if isinstance(value, bool):
        yes, no = BOOLEAN[lang]
        return yes if value else no
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return number(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list | tuple):
        return SEPARATOR[lang].join(str(v) for v in value)
    return str(value)


def grade(value: int | None, lang: Lang) -> str:
    if value is None:
        return UNGRADED_ZH if lang == "zh" else ""
    return GRADE_WORDS[value] if lang == "zh" else str(value)


SPECIAL: dict[str, Callable[[Any, Lang], str]] = {"security_grade": grade}


def render_rows(rows: list[dict[str, Any]], lang: Lang) -> list[dict[str, str]]:
    """Every canonical row as cells (keys stay the English column names)."""
    out = []
    for row in rows:
        out.append(
            {
                key: SPECIAL[key](value, lang) if key in SPECIAL else cell(value, lang)
                for key, value in row.items()
            }
        )
    return out
