"""Reports for auditors: report.html and report.md, findings.xlsx and findings.csv.

- :func:`write_report` — report.html and report.md (``lang`` ``zh`` or ``en``);
- :func:`write_tables` — findings.xlsx and findings.csv.

The graph pages are :mod:`interop.viz`; :mod:`interop.outputs`, above both, writes them
all. The report never imports the pages: the wording and escaping both use are
:mod:`interop.wording` and :mod:`interop.escape`.
"""

from __future__ import annotations

from interop.report.render import write_report
from interop.report.summary import summarize_graph
from interop.report.tables import write_tables

__all__ = ["summarize_graph", "write_report", "write_tables"]
