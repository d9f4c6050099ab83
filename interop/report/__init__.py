"""Reports for auditors: report.html and report.md, findings.xlsx and findings.csv.

- :func:`write_report` — report.html and report.md (``lang`` ``zh`` or ``en``; at most
  ``limit`` findings listed per rule, :data:`DEFAULT_REPORT_LIMIT`);
- :func:`write_tables` — findings.xlsx and findings.csv.

The graph pages are :mod:`interop.viz`; :mod:`interop.outputs`, above both, writes them
all. The report never imports the pages: the wording and escaping both use are
:mod:`interop.wording` and :mod:`interop.escape`.

The names are imported when first used, so that importing one small module of the
package (the CLI reads :data:`DEFAULT_REPORT_LIMIT` to declare its options) does not
import the templates and the spreadsheet writer with it.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from interop.report.render import write_report
    from interop.report.selection import DEFAULT_REPORT_LIMIT
    from interop.report.summary import summarize_graph
    from interop.report.tables import write_tables

_HOME = {
    "DEFAULT_REPORT_LIMIT": "interop.report.selection",
    "summarize_graph": "interop.report.summary",
    "write_report": "interop.report.render",
    "write_tables": "interop.report.tables",
}

__all__ = ["DEFAULT_REPORT_LIMIT", "summarize_graph", "write_report", "write_tables"]


def __getattr__(name: str) -> Any:
    if name not in _HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(_HOME[name]), name)
