"""Reports for auditors: report.html and report.md, findings.xlsx and findings.csv.

- :func:`write_report` — report.html and report.md (``lang`` ``zh`` or ``en``);
- :func:`write_tables` — findings.xlsx and findings.csv;
- :func:`write_outputs` — all of them plus the graph pages of :mod:`interop.viz`;
- :func:`write_selected` — one group of them (``interop export``).
"""

from __future__ import annotations

from interop.report.outputs import SELECTIONS, write_outputs, write_selected
from interop.report.render import write_report
from interop.report.summary import summarize_graph
from interop.report.tables import write_tables

__all__ = [
    "SELECTIONS",
    "summarize_graph",
    "write_outputs",
    "write_report",
    "write_selected",
    "write_tables",
]
