"""Reports for auditors: report.html and report.md, findings.xlsx and findings.csv.

- :func:`write_report` — report.html and report.md (``lang`` ``zh`` or ``en``; at most
  ``limit`` findings listed per rule, :data:`DEFAULT_REPORT_LIMIT`);
- :func:`write_tables` — findings.xlsx and findings.csv.

The graph pages are :mod:`interop.viz`; :mod:`interop.outputs`, above both, writes them
all. The report never imports the pages: the wording and escaping both use are
:mod:`interop.wording` and :mod:`interop.escape`.
"""

from __future__ import annotations

from interop.report.render import write_report
from interop.report.selection import DEFAULT_REPORT_LIMIT
from interop.report.summary import summarize_graph
from interop.report.tables import write_tables

__all__ = ["DEFAULT_REPORT_LIMIT", "summarize_graph", "write_report", "write_tables"]
