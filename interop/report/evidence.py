"""A finding's evidence (any JSON-like dict) as a small tree the templates render.

The rules write evidence as plain data; this module decides how each piece reads:
scalars as text, ``{id, name, label}`` references as ``name (id)``, money records as
amounts in 万元, chains (``{path, hops, weakest_hop}``) as ``A → B → C`` with the
weakest hop marked, lists of records as sub-tables, other records as nested fields.
The tree holds plain strings only; each template escapes them for its own format.
"""

from __future__ import annotations

import itertools
import math
import operator
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from interop.findings.model import RefList
from interop.i18n import Lang
from interop.report.catalog import is_money, money_of
from interop.wording import evidence_key, text

MAX_TABLE_ROWS = 200
"""Rows of one evidence sub-table shown in the report; the rest are counted."""
MAX_LIST_ITEMS = 200
"""Items of one evidence list shown in the report (``… +N`` for the rest): a private
network of a million-camera city hosts hundreds of thousands of cameras, all of them in
findings.json but not on a page."""


@dataclass(frozen=True)
class TextValue:
    text: str
    kind: str = "text"


@dataclass(frozen=True)
class ChainStep:
    node: str
    hop: str | None = None
    """How this node passes data to the next one (None for the last node)."""
    weakest: bool = False


@dataclass(frozen=True)
class ChainValue:
    steps: tuple[ChainStep, ...]
    note: str | None = None
    kind: str = "chain"


@dataclass(frozen=True)
class TableValue:
    columns: tuple[str, ...]
    rows: tuple[tuple[Value, ...], ...]
    more: int = 0
    """Rows left out (beyond :data:`MAX_TABLE_ROWS`)."""
    kind: str = "table"


@dataclass(frozen=True)
class FieldsValue:
    rows: tuple[tuple[str, Value], ...] = field(default=())
    kind: str = "fields"


Value = TextValue | ChainValue | TableValue | FieldsValue

_REF_KEYS = frozenset({"id", "name", "label", "kind", "status", "level"})


def _number(value: float) -> str:
    if math.isfinite(value) and value == int(value) and abs(value) < 1e15:
        return f"{int(value):,}"
    return f"{value:,.4f}".rstrip("0").rstrip(".")


def scalar_text(value: Any, lang: Lang) -> str:
    """One scalar as text: ``—`` for unknown, 是/否 or yes/no, numbers with separators."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return text("yes" if value else "no", lang)
    if isinstance(value, int):
        return f"{value:,}" if abs(value) >= 10_000 else str(value)
    if isinstance(value, float):
        return _number(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


_SCALARS = frozenset({str, int, float, bool, type(None)})
"""Types that are neither a mapping nor a list, answered without an ABC check."""


def _mapping(value: Any) -> bool:
    return type(value) is dict or isinstance(value, Mapping)


def all_mappings(items: Sequence[Any]) -> bool:
    """Whether every item is a mapping: a rule's list of references (:class:`RefList`) at
    once, a list of plain dicts (a network's half a million cameras) in one pass in C,
    any other item by item."""
    if type(items) is RefList:
        return True
    return set(map(type, items)) == {dict} or all(map(_mapping, items))


def is_ref(value: Any) -> bool:
    """A reference to an inventory object: ``{id, name[, label, kind, …]}``.

    Asked of every item of an evidence list (a network's half a million cameras), so the
    common types are answered by identity before the ABC checks."""
    return (
        _mapping(value)
        and "id" in value
        and _REF_KEYS.issuperset(value)
        and (
            _SCALARS.issuperset(map(type, value.values()))
            or all(not isinstance(v, Mapping | list) for v in value.values())
        )
    )


def all_refs(items: Sequence[Any]) -> bool:
    """Whether every item is a reference (:func:`is_ref`). A list of plain dicts — a
    network's half a million cameras — is answered in a few passes in C: every key one a
    reference may have, an ``id`` in each, every value a plain scalar; when the values
    are not all plain, item by item. A rule's list of references (:class:`RefList`) is
    one without a look."""
    if type(items) is RefList:
        return True
    if set(map(type, items)) == {dict}:
        if not all(map(_REF_KEYS.issuperset, items)):
            return False
        if not all(map(operator.contains, items, itertools.repeat("id"))):
            return False
        values = itertools.chain.from_iterable(map(dict.values, items))
        if _SCALARS.issuperset(map(type, values)):
            return True
    return all(map(is_ref, items))


def ref_text(value: Mapping[str, Any]) -> str:
    """A reference as ``name (id)``, plus its kind/status/level when given."""
    name = str(value.get("name") or "")
    ident = str(value.get("id"))
    out = f"{name} ({ident})" if name else ident
    extra = [str(value[k]) for k in ("kind", "level", "status") if value.get(k)]
    return f"{out} [{', '.join(extra)}]" if extra else out


def money_text(value: Mapping[str, Any], lang: Lang) -> str:
    """A money record in words: build cost, O&M a year, camera cost, unknown amounts."""
    money = money_of(value)
    unit = text("money.unit", lang)
    parts = []
    if money.build_cost is not None:
        parts.append(f"{text('money.build_words', lang)} {_number(money.build_cost)} {unit}")
    if money.annual_om_cost is not None:
        per_year = text("money.per_year", lang)
        parts.append(
            f"{text('money.om_words', lang)} {_number(money.annual_om_cost)} {unit}"
            + (f" {per_year}" if lang == "en" else "")
        )
    if money.camera_cost is not None:
        parts.append(f"{text('money.camera_words', lang)} {_number(money.camera_cost)} {unit}")
    if not parts:
        parts.append(text("money.none", lang))
    if money.unknown:
        shown = ", ".join(money.unknown[:20]) + (" …" if len(money.unknown) > 20 else "")
        parts.append(f"{text('money.unknown_words', lang)}: {shown}")
    return "; ".join(parts)


def is_chain(value: Any) -> bool:
    return isinstance(value, Mapping) and isinstance(value.get("path"), list) and "hops" in value


def is_flow(value: Any) -> bool:
    return isinstance(value, Mapping) and "source" in value and "target" in value


def _node_text(value: Any, lang: Lang) -> str:
    return ref_text(value) if is_ref(value) else inline_text(value, lang)


def _hop_text(hop: Mapping[str, Any], lang: Lang) -> str:
    bits = [str(hop[k]) for k in ("frequency", "mechanism", "dataset") if hop.get(k)]
    status = hop.get("status")
    if status and status != "active":
        bits.append(str(status))
    return ", ".join(bits) if bits else text("unknown", lang)


def chain_value(value: Mapping[str, Any], lang: Lang) -> ChainValue:
    """A chain record as steps; the weakest hop flagged (by ``weakest`` or ``weakest_hop``)."""
    path = list(value.get("path") or [])
    hops = [h for h in (value.get("hops") or []) if isinstance(h, Mapping)]
    weakest_index = value.get("weakest_hop")
    steps = []
    for index, node in enumerate(path):
        hop = hops[index] if index < len(hops) and index < len(path) - 1 else None
        weakest = bool(hop and (hop.get("weakest") or weakest_index == index))
        steps.append(
            ChainStep(
                _node_text(node, lang),
                _hop_text(hop, lang) if hop is not None else None,
                weakest,
            )
        )
    note = value.get("note")
    if not steps:
        note = note or text("chain.none", lang)
    elif value.get("realtime") is True and not note:
        note = text("chain.realtime", lang)
    return ChainValue(tuple(steps), str(note) if note else None)


def inline_text(value: Any, lang: Lang, max_items: int | None = None) -> str:
    """Any evidence value on one line (for table cells and tooltips).

    ``max_items`` shortens long lists (``… +N``) at every depth, for tooltips.
    """
    if type(value) is str:  # most values: what scalar_text gives, without the ABC checks
        return value
    if type(value) in _SCALARS:  # a number, a flag, unknown: no mapping, no list
        return scalar_text(value, lang)
    if _mapping(value):
        if is_money(value):
            return money_text(value, lang)
        if is_ref(value):
            return ref_text(value)
        if is_flow(value):
            return (
                f"{_node_text(value['source'], lang)} → {_node_text(value['target'], lang)}"
                f" ({_hop_text(value, lang)})"
            )
        if is_chain(value):
            chain = chain_value(value, lang)
            return " → ".join(s.node for s in chain.steps) or (chain.note or "")
        return "; ".join(
            f"{evidence_key(str(k), lang)}: {inline_text(v, lang, max_items)}"
            for k, v in value.items()
        )
    if isinstance(value, list | tuple):
        if not value:
            return text("empty", lang)
        shown = value if max_items is None else value[:max_items]
        out = ", ".join(inline_text(v, lang, max_items) for v in shown)
        return out if len(shown) == len(value) else f"{out} … +{len(value) - len(shown)}"
    return scalar_text(value, lang)


def inline_prefix(value: Any, lang: Lang, max_items: int | None, room: int) -> str:
    """:func:`inline_text`, or, when that is longer than ``room`` characters, a prefix of
    it that is: for a line cut to a length (a tooltip's), without wording every item of
    the lists and records the cut drops (a duplicate site's six cameras, each a record of
    a dozen fields, for a line cut after 240 characters)."""
    if type(value) is str:
        return value
    if type(value) in _SCALARS:  # (no ABC check of a number for a mapping or a list)
        return scalar_text(value, lang)
    if _mapping(value):
        if is_money(value) or is_ref(value) or is_flow(value) or is_chain(value):
            return inline_text(value, lang, max_items)
        out = ""
        for index, (key, item) in enumerate(value.items()):
            out += f"{'; ' if index else ''}{evidence_key(str(key), lang)}: "
            out += inline_prefix(item, lang, max_items, room - len(out))
            if len(out) > room:
                return out
        return out
    if isinstance(value, list | tuple):
        if not value:
            return text("empty", lang)
        shown = value if max_items is None else value[:max_items]
        out = ""
        for index, item in enumerate(shown):
            if index:
                out += ", "
            out += inline_prefix(item, lang, max_items, room - len(out))
            if len(out) > room:
                return out
        return out if len(shown) == len(value) else f"{out} … +{len(value) - len(shown)}"
    return scalar_text(value, lang)


def _table(items: Sequence[Mapping[str, Any]], lang: Lang) -> TableValue:
    keys = list(dict.fromkeys(str(key) for item in items for key in item))  # every row's
    rows = tuple(
        tuple(TextValue(inline_text(item.get(k), lang, MAX_LIST_ITEMS)) for k in keys)
        for item in items[:MAX_TABLE_ROWS]
    )
    return TableValue(
        tuple(evidence_key(k, lang) for k in keys), rows, max(0, len(items) - MAX_TABLE_ROWS)
    )


def to_value(key: str, value: Any, lang: Lang) -> Value:
    """One evidence value as a tree node (see the module docstring for the choices)."""
    if isinstance(value, Mapping):
        if is_money(value):
            return TextValue(money_text(value, lang), "money")
        if is_ref(value):
            return TextValue(ref_text(value))
        if is_chain(value):
            return chain_value(value, lang)
        return fields(value, lang)
    if isinstance(value, list | tuple):
        if not value:
            return TextValue(text("empty", lang))
        if key in ("path", "chain", "route") and all(
            is_ref(v) or not isinstance(v, Mapping | list) for v in value
        ):
            return ChainValue(tuple(ChainStep(_node_text(v, lang)) for v in value))
        if all_mappings(value) and not all_refs(value):
            return _table(list(value), lang)
        return TextValue(inline_text(value, lang, MAX_LIST_ITEMS))
    return TextValue(scalar_text(value, lang))


def fields(evidence: Mapping[str, Any], lang: Lang) -> FieldsValue:
    """A record (a whole evidence dict, or a nested one) as labelled rows."""
    return FieldsValue(
        tuple((evidence_key(str(k), lang), to_value(str(k), v, lang)) for k, v in evidence.items())
    )
