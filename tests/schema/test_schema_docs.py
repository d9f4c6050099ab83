"""docs/schema.md is generated from the declaration and must not go stale."""

from pathlib import Path

from interop.schema.docs import render
from interop.schema.graph import NODE_KINDS, REL_KINDS
from interop.schema.tables import TABLES

DOC = Path(__file__).resolve().parents[2] / "docs" / "schema.md"


def test_committed_schema_doc_is_fresh() -> None:
    assert DOC.read_text(encoding="utf-8") == render(), (
        "docs/schema.md is stale: run `python -m interop.schema.docs`"
    )


def test_doc_names_every_column_label_and_relationship() -> None:
    text = render()
    for table in TABLES:
        for name, column in table.columns().items():
            assert f"| `{name}` | {column.zh} |" in text
    for kind in NODE_KINDS:
        assert f"| `{kind.label}` |" in text
    for rel in REL_KINDS:
        assert f"| `{rel.type}` |" in text
