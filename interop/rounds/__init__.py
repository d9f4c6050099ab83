"""Audit rounds: a run compared with an earlier one, and the risks the city accepted.

- :func:`compare` — ``round`` on every finding, ``resolved`` and ``unverified``
  (audit-cycle.md, "Rounds"); :func:`read_findings` reads a baseline of schema 1 or 2;
- :func:`read_accepted` and :func:`apply_accepted` — ``accepted`` on findings and
  ``accepted_warnings`` (audit-cycle.md, "Accepted risks").

Both work on findings documents only, after whichever engine produced them.
"""

from interop.rounds.accepted import (
    AcceptedError,
    AcceptedRisks,
    accepted_findings,
    apply_accepted,
    read_accepted,
)
from interop.rounds.compare import (
    GROUP_RULES,
    ORDERED_RULES,
    BaselineDateError,
    BaselineError,
    check_dates,
    compare,
    identity,
    read_findings,
)

__all__ = [
    "GROUP_RULES",
    "ORDERED_RULES",
    "AcceptedError",
    "AcceptedRisks",
    "BaselineDateError",
    "BaselineError",
    "accepted_findings",
    "apply_accepted",
    "check_dates",
    "compare",
    "identity",
    "read_accepted",
    "read_findings",
]
