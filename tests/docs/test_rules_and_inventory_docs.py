"""docs/rules.md and docs/inventory.md say what the declarations say (freshness is
tests/docs/test_generated.py)."""

from __future__ import annotations

from interop.docs import inventory, rules
from interop.parameters import Parameters
from interop.rules import RULES
from interop.schema.enums import spellings
from interop.schema.tables import TABLES


def test_rules_doc_has_every_rule_with_its_parts() -> None:
    text = rules.render()
    for rule in RULES:
        section = text.split(f"## `{rule.id}`\n", 1)[1].split("\n## `", 1)[0]
        assert f"- area: {rule.area}," in section
        assert f"- severity: {rule.severity.value}" in section
        assert f"`cypher/rules/{rule.id}.cypher`" in section
        for field in rule.parameters:
            info = Parameters.model_fields[field]
            default = None if info.default_factory else info.get_default()
            if default is None:
                shown = "today"  # as_of: the day of the run
            elif isinstance(default, tuple):
                shown = ",".join(default)
            elif isinstance(default, str):
                shown = default
            else:
                shown = f"{default:g}"
            assert f"| `--{field.replace('_', '-')}` | `{field}` | {shown} |" in section
        for check in rule.checks:
            assert f"| `{check.name}` |" in section
        for lang in ("zh", "en"):
            help_text = rule.help[lang]
            for part in (help_text.criteria, help_text.evidence, help_text.recommendation):
                assert " ".join(part.split())[:40] in section, (rule.id, lang)
        assert "#### 中文" in section and "#### English" in section


def test_inventory_doc_has_every_table_column_and_spelling() -> None:
    text = inventory.render()
    prose = " ".join(text.split())
    for table in TABLES:
        assert f"### {table.name} ({table.zh})" in text
        assert f"`{table.name}.csv` / `{table.zh}.csv`" in prose
        for name, column in table.columns().items():
            assert f"| `{name}` | {column.zh} | {'yes' if column.required else ''} |" in text
            enum = table.model.model_fields[name].annotation
            members = getattr(enum, "__members__", {})
            for member in members.values():
                assert " / ".join(spellings(member)) in text
            if column.since >= 2:
                assert f"`{table.name}.{name}`" in prose
