"""The declaration is consistent: every reference and relationship names a real table/field."""

from interop.schema.graph import KEY_SPACES, NODE_KIND_BY_TABLE, REL_KINDS, SELF
from interop.schema.tables import TABLE_BY_NAME, TABLES


def test_references_point_at_keyed_tables() -> None:
    for table in TABLES:
        for name, column in table.columns().items():
            for ref in column.refs:
                assert ref in TABLE_BY_NAME, (table.name, name, ref)
                assert TABLE_BY_NAME[ref].key == "id", (table.name, name, ref)


def test_relationship_fields_exist_and_are_references() -> None:
    for rel in REL_KINDS:
        table = TABLE_BY_NAME[rel.table]
        columns = table.columns()
        for end, space in ((rel.start, rel.start_space), (rel.end, rel.end_space)):
            assert space in KEY_SPACES
            if end == SELF:
                assert NODE_KIND_BY_TABLE[rel.table].key_space == space
            else:
                assert columns[end].refs, (rel.type, end)
                spaces = {NODE_KIND_BY_TABLE[r].key_space for r in columns[end].refs}
                assert spaces == {space}, (rel.type, end, spaces)
        for prop in rel.properties:
            assert prop in columns


def test_every_reference_column_becomes_a_relationship() -> None:
    declared = {(r.table, f) for r in REL_KINDS for f in (r.start, r.end) if f != SELF}
    for table in TABLES:
        for name, column in table.columns().items():
            if column.refs:
                assert (table.name, name) in declared, (table.name, name)
