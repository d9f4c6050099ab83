"""Findings: the values rules produce, and findings.json (findings-format v1)."""

from interop.findings.model import AREAS, Finding, FindingsDocument, LoadSection, Severity

__all__ = ["AREAS", "Finding", "FindingsDocument", "LoadSection", "Severity"]
