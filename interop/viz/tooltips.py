"""Plain-text labels and tooltips for graph nodes and edges.

Tooltips are plain strings: vis-network 9 shows a string title as text (``innerText``).
pyvis switches to a popup that sets ``innerHTML`` when any node title contains ``href``,
so :func:`safe_title` breaks that word with an invisible zero-width space.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import networkx as nx
import numpy as np
from numpy.typing import NDArray

from interop.graph import NodeFrame
from interop.i18n import Lang
from interop.report.catalog import Entry
from interop.report.evidence import inline_prefix, money_text
from interop.wording import evidence_key, kind_name, rule_name, severity_name, text

MAX_TITLE = 4000
MAX_EVIDENCE = 700
MAX_LINE = 240
"""Characters of one evidence line in a tooltip (longer ones are cut, ``…``)."""
MAX_ITEMS = 6
"""Items of an evidence list worded in a tooltip (``… +N`` for the rest)."""
MAX_FINDINGS_IN_TITLE = 6
LABEL_CHARS = 18

_HREF = re.compile(r"(?i)(hre)(f)")
_EF = ("ef", "eF", "Ef", "EF")
"""What every ``href`` holds, whatever its case (no other character matches ``e`` or
``f`` ignoring case): text without any is searched no further (a case-blind search of
Chinese text is slow, and a camera map has ten thousand tooltips)."""


def safe_title(value: str) -> str:
    """A tooltip that pyvis cannot turn into an innerHTML popup, and of bounded length."""
    if any(pair in value for pair in _EF):
        value = _HREF.sub("\\1\u200b\\2", value)
    return value if len(value) <= MAX_TITLE else value[:MAX_TITLE] + " …"


def short(value: str, limit: int = LABEL_CHARS) -> str:
    """A canvas label: one line, at most ``limit`` characters."""
    value = " ".join(value.split())
    return value if len(value) <= limit else value[: limit - 1] + "…"


def named(graph: nx.MultiDiGraph, node: str) -> str:
    """``name (id)`` of a graph node (the id alone when it has no name)."""
    return _named(graph.nodes[node], node)


def _named(data: Mapping[str, Any], node: str) -> str:
    name = data.get("name")
    return f"{name} ({data.get('id')})" if name else str(data.get("id", node))


def frame_names(frame: NodeFrame, rows: Sequence[int] | NDArray[np.intp]) -> list[str]:
    """:func:`named` of the nodes at ``rows`` of a kind's frame (cameras), read from the
    frame: no node is made of them for a name (a name is text; unknown: None or NaN)."""
    at = np.asarray(rows, dtype=np.intp)
    ids = frame["id"][at].tolist()
    names = frame["name"][at].tolist() if "name" in frame else [None] * len(ids)
    return [
        f"{name} ({key})" if name and name == name else str(key)  # NaN != NaN
        for name, key in zip(names, ids, strict=True)
    ]


def label_of(graph: nx.MultiDiGraph, node: str) -> str:
    data = graph.nodes[node]
    return short(str(data.get("name") or data.get("id") or node))


def _dept(graph: nx.MultiDiGraph, dept_id: Any) -> str:
    node = f"Department:{dept_id}"
    return named(graph, node) if node in graph else str(dept_id)


def _network(graph: nx.MultiDiGraph, net_id: Any) -> str:
    node = f"Network:{net_id}"
    if node not in graph:
        return str(net_id)
    return f"{named(graph, node)} [{graph.nodes[node].get('kind', '?')}]"


def _fields(graph: nx.MultiDiGraph, data: Mapping[str, Any], lang: Lang) -> list[str]:
    label = data.get("label")
    lines: list[str] = []

    def add(key: str, value: Any) -> None:
        if value not in (None, "", []):
            lines.append(f"{text(key, lang)}: {value}")

    if label in ("System", "Platform", "Network", "Camera"):
        add("tip.owner", _dept(graph, data["owner_id"]) if data.get("owner_id") else None)
    if label in ("System", "Platform", "Department"):
        add("tip.level", data.get("level"))
    if label in ("Platform", "Network"):
        add("tip.kind", data.get("kind"))
    if label in ("System", "Camera"):
        add("tip.status", data.get("status"))
    if label == "System":
        add("tip.function", data.get("function"))
        add("tip.users", ", ".join(_dept(graph, u) for u in data.get("user_ids", [])))
        add("tip.grade", data.get("security_grade"))
        money = {k: data.get(k) for k in ("build_cost", "annual_om_cost")}
        if any(v is not None for v in money.values()):
            add("tip.money", money_text(money, lang))
    if label in ("System", "Platform"):
        add("tip.networks", ", ".join(_network(graph, n) for n in data.get("network_ids", [])))
    if label == "Camera":
        add("tip.address", data.get("address"))
        add("tip.standard", data.get("standard"))
        add("tip.networks", _network(graph, data["network_id"]) if data.get("network_id") else None)
    if label == "Department" and data.get("parent_id"):
        lines.append(f"⇡ {_dept(graph, data['parent_id'])}")
    return lines


def evidence_lines(evidence: Mapping[str, Any], lang: Lang, skip: Iterable[str] = ()) -> list[str]:
    """A finding's evidence as ``key: value`` lines, bounded in length."""
    lines = []
    used = 0
    skipped = set(skip)
    for key, value in evidence.items():
        if key in skipped:
            continue
        head = f"  {evidence_key(str(key), lang)}: "
        line = head + inline_prefix(value, lang, MAX_ITEMS, MAX_LINE - len(head))
        if len(line) > MAX_LINE:  # the same cut as of the line worded whole
            line = line[: MAX_LINE - 1] + "…"
        used += len(line)
        if used > MAX_EVIDENCE:
            lines.append("  …")
            break
        lines.append(line)
    return lines


def entry_lines(entry: Entry, lang: Lang, *, evidence: bool = True) -> list[str]:
    """One finding for a tooltip: number, severity, rule, title, then its evidence."""
    f = entry.finding
    lines = [
        f"{entry.fid} [{severity_name(str(f.severity), lang)}] {rule_name(f.rule, lang)}: {f.title}"
    ]
    if evidence:
        lines.extend(evidence_lines(f.evidence, lang))
    return lines


def finding_lines(
    entries: Sequence[Entry],
    lang: Lang,
    *,
    evidence: bool = True,
    cache: dict[tuple[str, bool], list[str]] | None = None,
) -> list[str]:
    """Findings for a tooltip; ``cache`` (by finding number) spares re-wording a finding
    that names many nodes (a duplicate group, a camera site)."""
    if not entries:
        return []
    lines = [f"{text('tip.findings', lang)} ({len(entries)}):"]
    for entry in entries[:MAX_FINDINGS_IN_TITLE]:
        if cache is None:
            lines.extend(entry_lines(entry, lang, evidence=evidence))
            continue
        key = (entry.fid, evidence)
        if key not in cache:
            cache[key] = entry_lines(entry, lang, evidence=evidence)
        lines.extend(cache[key])
    if len(entries) > MAX_FINDINGS_IN_TITLE:
        lines.append(text("viz.more_findings", lang, n=len(entries) - MAX_FINDINGS_IN_TITLE))
    return lines


def node_title(
    graph: nx.MultiDiGraph,
    node: str,
    entries: Sequence[Entry],
    lang: Lang,
    *,
    extra: Sequence[str] = (),
    cache: dict[tuple[str, bool], list[str]] | None = None,
    data: Mapping[str, Any] | None = None,
) -> str:
    """The tooltip of a graph node: what it is, its main fields, its findings; ``data``:
    its attributes when it is no node of ``graph`` (a camera's, from its frame)."""
    data = graph.nodes[node] if data is None else data
    head = f"{kind_name(str(data.get('label')), lang)} · {_named(data, node)}"
    found = finding_lines(entries, lang, cache=cache)
    lines = [head, *_fields(graph, data, lang), *extra, *found]
    return safe_title("\n".join(lines))


def flow_title(
    graph: nx.MultiDiGraph, source: str, target: str, data: Mapping[str, Any], lang: Lang
) -> str:
    """The tooltip of a flow: both ends and its dataset, mechanism, frequency, status."""
    bits = [f"{named(graph, source)} → {named(graph, target)}"]
    for key, name in (
        ("dataset", "tip.dataset"),
        ("mechanism", "tip.mechanism"),
        ("frequency", "tip.frequency"),
    ):
        if data.get(key):
            bits.append(f"{text(name, lang)}: {data[key]}")
    bits.append(f"{text('tip.status', lang)}: {data.get('status', 'active')}")
    return safe_title("\n".join(bits))
