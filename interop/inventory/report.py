"""The load report: what was read, loaded and rejected, and why (inventory-format v2)."""

from __future__ import annotations

from pydantic import BaseModel, Field


class RowIssue(BaseModel):
    """A rejected row or a warning: where it is and what is wrong with it."""

    table: str
    file: str
    """The CSV file name or ``workbook.xlsx#sheet``."""
    row: int
    """The row number a spreadsheet shows (the header is row 1)."""
    column: str
    value: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file} row {self.row}, column {self.column} = {self.value!r}: {self.reason}"


class TableCount(BaseModel):
    read: int = 0
    loaded: int = 0
    rejected: int = 0


class LoadReport(BaseModel):
    tables: dict[str, TableCount] = Field(default_factory=dict)
    rejected: list[RowIssue] = Field(default_factory=list)
    warnings: list[RowIssue] = Field(default_factory=list)
    extra_tables: list[str] = Field(default_factory=list)
    """Tables (files or sheets) the contract does not name: kept, not loaded into the graph."""
    columns: dict[str, list[str]] = Field(default_factory=dict)
    """Per table present, the declared columns its header had (English names, in the
    declaration's order). A table that is absent has no entry: it collected nothing."""

    def collected(self, table: str, column: str) -> bool:
        """Whether the inventory collected ``table.column`` (its header was there)."""
        return column in self.columns.get(table, ())

    @property
    def ok(self) -> bool:
        return not self.rejected
