"""Findings: the values rules produce, and findings.json (findings-format v2)."""

from interop.findings.model import (
    AREAS,
    Finding,
    FindingsDocument,
    LoadSection,
    NotChecked,
    Severity,
)

__all__ = ["AREAS", "Finding", "FindingsDocument", "LoadSection", "NotChecked", "Severity"]
