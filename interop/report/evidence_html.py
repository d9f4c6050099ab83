"""Evidence trees as HTML for report.html, every user string escaped.

The twin of :mod:`interop.report.markdown` for the HTML report. It was a recursive Jinja
macro; a report lists over a thousand findings, whose evidence made some 18,000 macro
calls, a third of report.html's time (a macro call costs Jinja tens of microseconds).
The markup is the macro's, character for character; text goes through
``markupsafe.escape``, as Jinja's autoescape does.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from interop.i18n import Lang
from interop.report.evidence import ChainValue, FieldsValue, TableValue, TextValue, Value
from interop.wording import text


def evidence_html(value: Value, lang: Lang) -> Markup:
    """``value`` (a finding's evidence, or any part of it) as HTML."""
    return Markup("".join(_parts(value, lang)))


def _parts(v: Value, lang: Lang) -> list[str]:
    if isinstance(v, TextValue) and v.kind in ("text", "money"):
        return [f'<span class="{escape(v.kind)}">{escape(v.text)}</span>']
    if isinstance(v, ChainValue):
        out = ['<span class="chain">']
        for s in v.steps:
            out.append(f'<span class="node">{escape(s.node)}</span>')
            if s.hop is not None:
                weakest = f" · ⚠ {escape(text('chain.weakest', lang))}" if s.weakest else ""
                out.append(
                    f'<span class="hop{" weakest" if s.weakest else ""}">'
                    f" —[{escape(s.hop)}{weakest}]→ </span>"
                )
        if v.note:
            out.append(f'<span class="note">{escape(v.note)}</span>')
        out.append("</span>")
        return out
    if isinstance(v, TableValue):
        out = ['<table class="sub"><thead><tr>']
        out += [f"<th>{escape(col)}</th>" for col in v.columns]
        out.append("</tr></thead><tbody>")
        for row in v.rows:
            out.append("<tr>")
            for cell in row:
                out += ["<td>", *_parts(cell, lang), "</td>"]
            out.append("</tr>")
        out.append("</tbody></table>")
        if v.more:
            out.append(f'<div class="empty">… +{escape(v.more)}</div>')
        return out
    if isinstance(v, FieldsValue):
        out = ['<table class="kv"><tbody>']
        for key, item in v.rows:
            out += [f"<tr><th>{escape(key)}</th><td>", *_parts(item, lang), "</td></tr>"]
        out.append("</tbody></table>")
        return out
    return []
