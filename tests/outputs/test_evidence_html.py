"""report.html's evidence, written in Python, is the recursive Jinja macro it replaced,
character for character (the macro is kept here as the reference)."""

from __future__ import annotations

from jinja2 import Environment, StrictUndefined

from interop.i18n import Lang
from interop.report.evidence import (
    ChainStep,
    ChainValue,
    FieldsValue,
    TableValue,
    TextValue,
    Value,
    fields,
)
from interop.report.evidence_html import evidence_html
from interop.wording import text
from outputs.hostile import PAYLOADS

MACRO = """\
{%- macro value(v) -%}
{%- if v.kind == "text" or v.kind == "money" -%}
<span class="{{ v.kind }}">{{ v.text }}</span>
{%- elif v.kind == "chain" -%}
<span class="chain">{% for s in v.steps %}<span class="node">{{ s.node }}</span>\
{% if s.hop is not none %}<span class="hop{{ ' weakest' if s.weakest }}"> —[{{ s.hop }}\
{% if s.weakest %} · ⚠ {{ t('chain.weakest') }}{% endif %}]→ </span>{% endif %}{% endfor %}\
{% if v.note %}<span class="note">{{ v.note }}</span>{% endif %}</span>
{%- elif v.kind == "table" -%}
<table class="sub"><thead><tr>{% for col in v.columns %}<th>{{ col }}</th>{% endfor %}\
</tr></thead><tbody>
{%- for row in v.rows %}<tr>{% for cell in row %}<td>{{ value(cell) }}</td>{% endfor %}\
</tr>{% endfor -%}
</tbody></table>{% if v.more %}<div class="empty">… +{{ v.more }}</div>{% endif %}
{%- elif v.kind == "fields" -%}
<table class="kv"><tbody>{% for key, item in v.rows %}<tr><th>{{ key }}</th>\
<td>{{ value(item) }}</td></tr>{% endfor %}</tbody></table>
{%- endif -%}
{%- endmacro -%}
{{ value(v) }}"""


def _macro(value: Value, lang: Lang) -> str:
    env = Environment(autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True)
    template = env.from_string(MACRO)
    return template.render(v=value, t=lambda key: text(key, lang))


def _values() -> list[Value]:
    payload = PAYLOADS[0]
    chain = ChainValue(
        (ChainStep("a & <b>", "http://x", True), ChainStep(payload, "ftp", False), ChainStep("c")),
        note="note <i>",
    )
    table = TableValue(("col <1>", "col '2'"), ((TextValue(payload), chain),), more=3)
    nested = FieldsValue((('k"ey', table), ("money", TextValue("1 万元", "money"))))
    raw = fields({"pairs": [{"a": payload, "b": 2, "distance_m": 3.5}], "name": payload}, "zh")
    return [TextValue(p) for p in PAYLOADS] + [chain, table, nested, raw, FieldsValue()]


def test_the_same_markup_as_the_macro() -> None:
    for lang in ("zh", "en"):
        for value in _values():
            assert str(evidence_html(value, lang)) == _macro(value, lang), value


def test_all_refs_says_what_is_ref_says_of_every_item() -> None:
    """The passes in C for a list of plain dicts answer as :func:`is_ref` item by item."""
    import datetime
    from collections import OrderedDict

    from interop.report.evidence import all_refs, is_ref

    ref = {"id": "C1", "name": "一", "kind": "camera"}
    cases = [
        [],
        [ref] * 3,
        [ref, {"id": "C2"}],
        [ref, {"name": "no id"}],
        [ref, {"id": "C3", "colour": "an extra key"}],
        [ref, {"id": "C4", "name": {"nested": "no"}}],
        [ref, {"id": "C5", "name": ["a list"]}],
        [ref, {"id": "C6", "name": datetime.date(2020, 1, 1)}],  # not plain, still a ref
        [ref, OrderedDict(id="C7", name="an ordered dict")],
        [ref, "not a dict"],
    ]
    for items in cases:
        assert all_refs(items) == all(map(is_ref, items)), items
    assert all_refs(cases[1]) and not all_refs(cases[4]) and all_refs(cases[7])
