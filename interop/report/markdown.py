"""Evidence trees as Markdown (GitHub-flavoured), every user string escaped.

Jinja macros cannot return Markdown that the Markdown template's escaping leaves alone,
so the recursive part is done here and handed to the template as :class:`MdRaw`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from interop.escape import MdRaw, md_text
from interop.i18n import Lang
from interop.report.evidence import ChainValue, FieldsValue, TableValue, TextValue, Value
from interop.wording import text

if TYPE_CHECKING:
    from interop.report.context import FindingLink


def _chain(value: ChainValue, lang: Lang) -> str:
    parts = []
    for step in value.steps:
        parts.append(md_text(step.node))
        if step.hop is not None:
            hop = md_text(step.hop)
            if step.weakest:
                parts.append(f" —**\\[{hop} · ⚠ {md_text(text('chain.weakest', lang))}\\]**→ ")
            else:
                parts.append(f" —\\[{hop}\\]→ ")
    if value.note:
        parts.append((" " if parts else "") + f"*{md_text(value.note)}*")
    return "".join(parts)


def _inline(value: Value, lang: Lang) -> str:
    if isinstance(value, TextValue):
        return md_text(value.text)
    if isinstance(value, ChainValue):
        return _chain(value, lang)
    if isinstance(value, TableValue):
        return f"({len(value.rows) + value.more})"
    return "; ".join(f"{md_text(k)}: {_inline(v, lang)}" for k, v in value.rows)


def _table(value: TableValue, indent: str, lang: Lang) -> list[str]:
    lines = [
        indent + "| " + " | ".join(md_text(c) for c in value.columns) + " |",
        indent + "|" + "---|" * len(value.columns),
    ]
    for row in value.rows:
        lines.append(indent + "| " + " | ".join(_inline(cell, lang) for cell in row) + " |")
    if value.more:
        lines.append(f"{indent}… +{value.more}")
    return lines


def md_fields(value: FieldsValue, lang: Lang, indent: str = "") -> list[str]:
    """A record as a bullet list; sub-tables and nested records indented under their key."""
    lines: list[str] = []
    for key, item in value.rows:
        label = f"{indent}- **{md_text(key)}**:"
        if isinstance(item, TableValue):
            lines.append(label)
            lines.append("")
            lines.extend(_table(item, indent + "  ", lang))
            lines.append("")
        elif isinstance(item, FieldsValue):
            lines.append(label)
            lines.extend(md_fields(item, lang, indent + "  "))
        else:
            lines.append(f"{label} {_inline(item, lang)}")
    return lines


def md_evidence(value: FieldsValue, lang: Lang) -> MdRaw:
    """A finding's evidence as Markdown lines (already escaped)."""
    return MdRaw("\n".join(md_fields(value, lang)))


def md_link(link: FindingLink) -> MdRaw:
    """A link to a finding by number; for one the report does not list, where it is."""
    target = f"[{md_text(link.fid)}](#{link.href})"
    return MdRaw(target if link.listed else f"{target} ({md_text(link.where or '')})")
