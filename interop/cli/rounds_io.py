"""Reading ``--baseline`` and ``--accepted`` for ``interop analyze``, before any analysis.

Both files are read first, so that a wrong baseline or an unreadable accepted-risks file
fails in a second, not after the rules ran: an unreadable file is a Failure (exit 1), a
baseline that is not an earlier round a usage error (exit 2).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from interop.cli.console import Failure

if TYPE_CHECKING:
    from interop.findings.model import FindingsDocument
    from interop.rounds import AcceptedRisks


@dataclass(frozen=True)
class Rounds:
    """The baseline and accepted risks of a run (either may be absent)."""

    baseline: FindingsDocument | None = None
    accepted: AcceptedRisks | None = None

    def apply(self, document: FindingsDocument) -> FindingsDocument:
        """``document`` compared with the baseline and with the accepted risks marked."""
        from interop.rounds import apply_accepted, compare

        if self.baseline is not None:
            document = compare(document, self.baseline)
        if self.accepted is not None:
            document = apply_accepted(document, self.accepted)
        return document


def read_baseline(path: Path, as_of: date | None = None) -> FindingsDocument:
    """A baseline findings.json (Failure if unreadable; UsageError if not an earlier round)."""
    from interop.rounds import BaselineError, check_dates, read_findings

    try:
        document = read_findings(path)
        if as_of is not None:
            check_dates(document.as_of, as_of)
    except BaselineError as exc:
        from interop.rounds import BaselineDateError

        if isinstance(exc, BaselineDateError):
            raise click.UsageError(str(exc)) from None
        raise Failure(str(exc)) from None
    return document


def read_rounds(baseline: Path | None, accepted: Path | None, as_of: date) -> Rounds:
    """Read both files (each optional) for a run as of ``as_of``."""
    from interop.rounds import AcceptedError, read_accepted

    previous = read_baseline(baseline, as_of) if baseline is not None else None
    risks = None
    if accepted is not None:
        try:
            risks = read_accepted(accepted)
        except AcceptedError as exc:
            raise Failure(f"accepted risks: {exc}") from None
    return Rounds(previous, risks)
