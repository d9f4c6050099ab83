"""Small helpers for analysts' notebooks: findings and graphs as pandas DataFrames, HTML inline.

Everything here reads; nothing changes a document or a graph. The notebooks under
``notebooks/`` use these helpers, and so can any analyst's own notebook::

    from interop.notebook import findings_frame, rule_counts, show_html

    findings_frame(document)          # one row per finding
    rule_counts(document)             # one row per rule (rules that found nothing included)
    scorecard_frame(document, graph)  # one row per department, ranked by score
    rounds_frame(document)            # with a baseline: per rule, resolved/persisting/…
    show_html(out / "graph.html")     # a graph page inline, also in VS Code

:func:`show_html` embeds a page as ``<iframe srcdoc="…">`` with the page's HTML escaped:
VS Code's notebooks do not load an ``IFrame`` of a local file, and a ``srcdoc`` needs no
server and no network.
"""

from __future__ import annotations

import html
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd

from interop.findings.model import AREAS, Finding, FindingsDocument
from interop.graph import node_frame, with_cameras
from interop.paths import repo_root
from interop.rules import RULE_BY_ID, RULES
from interop.schema.graph import NODE_KIND_BY_LABEL, NODE_KINDS, node_id

SEVERITIES = ("high", "medium", "low")
MONEY_FIELDS = ("build_cost", "annual_om_cost", "camera_cost")
"""Money fields of a finding's ``evidence["money"]`` (万元; None when not known)."""

FLOW_FIELDS = ("dataset", "mechanism", "frequency", "status")

KEY_SPACES = ("Endpoint", "Department", "Network", "Camera")
"""Where an inventory id is looked up: systems and platforms first (they share ids)."""

CJK_FONTS = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "Heiti SC",
)
"""Fonts with Chinese glyphs that matplotlib may find, best first."""

STRUCTURAL = ("OWNS", "USES", "DEPLOYED_ON", "LINKED_TO", "SUPERVISES", "PART_OF")
"""Relationship types a focused page can draw besides flows."""


# -- where notebooks write --------------------------------------------------------------------


def output_dir(name: str, out: str | Path | None = None) -> Path:
    """The folder a notebook writes into, created if needed.

    ``out`` when given; else ``out/notebooks/<name>`` of the checkout (``out/`` is ignored
    by git); else, in an installed package, a new temporary folder. Never ``notebooks/``.
    """
    if out is not None:
        folder = Path(out)
    elif (root := repo_root()) is not None:
        folder = root / "out" / "notebooks" / name
    else:
        folder = Path(tempfile.mkdtemp(prefix=f"interop-{name}-"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder.resolve()


# -- findings as DataFrames -------------------------------------------------------------------


def _money(finding: Finding) -> dict[str, float | None]:
    value = finding.evidence.get("money")
    money = value if isinstance(value, Mapping) else {}
    out: dict[str, float | None] = {}
    for field in MONEY_FIELDS:
        amount = money.get(field)
        out[field] = None if amount is None or isinstance(amount, bool) else float(amount)
    return out


def findings_frame(document: FindingsDocument) -> pd.DataFrame:
    """One row per finding, in the document's order.

    Columns: rule, area, area_name, severity, subjects (list), n_subjects, title, and the
    money its evidence names (build_cost, annual_om_cost, camera_cost; 万元, NaN = unknown).
    """
    rows = [
        {
            "rule": f.rule,
            "area": f.area,
            "area_name": AREAS[f.area].en if f.area in AREAS else "",
            "severity": str(f.severity),
            "subjects": list(f.subjects),
            "n_subjects": len(f.subjects),
            "title": f.title,
            **_money(f),
        }
        for f in document.findings
    ]
    columns = ["rule", "area", "area_name", "severity", "subjects", "n_subjects", "title"]
    frame = pd.DataFrame(rows, columns=[*columns, *MONEY_FIELDS])
    return frame.astype({field: "float64" for field in MONEY_FIELDS})


def _rule_order(document: FindingsDocument) -> list[str]:
    """Every rule of the contract, then any other rule the document names."""
    known = [rule.id for rule in RULES]
    extra = sorted(
        ({f.rule for f in document.findings} | set(document.summary.findings_by_rule)) - set(known)
    )
    return [*known, *extra]


def rule_counts(document: FindingsDocument) -> pd.DataFrame:
    """One row per rule (index ``rule``), rules that found nothing included.

    Columns: area, title (the rule's), findings, high, medium, low (findings per severity),
    subjects (all subjects of its findings), build_cost and annual_om_cost (sums of the
    known amounts of its findings; 万元).
    """
    frame = findings_frame(document)
    rows = []
    for rule_id in _rule_order(document):
        of_rule = frame[frame["rule"] == rule_id]
        rule = RULE_BY_ID.get(rule_id)
        row: dict[str, Any] = {
            "rule": rule_id,
            "area": rule.area if rule else (int(of_rule["area"].iloc[0]) if len(of_rule) else 0),
            "title": rule.title.en if rule else "",
            "findings": len(of_rule),
        }
        for severity in SEVERITIES:
            row[severity] = int((of_rule["severity"] == severity).sum())
        row["subjects"] = int(of_rule["n_subjects"].sum())
        row["build_cost"] = of_rule["build_cost"].sum(min_count=1)
        row["annual_om_cost"] = of_rule["annual_om_cost"].sum(min_count=1)
        rows.append(row)
    return pd.DataFrame(rows).set_index("rule")


def area_frame(document: FindingsDocument) -> pd.DataFrame:
    """One row per problem area of the audit (index ``area``): its name in English and
    Chinese, its rules, findings and the money its findings name (sums of known amounts).

    Area 2 (mechanisms and resources) has no rule of its own: it is the money tied up in
    the others, shown in :func:`money_frame`. A system named by several findings is counted
    once per finding.
    """
    counts = rule_counts(document)
    rows = []
    for area, name in AREAS.items():
        of_area = counts[counts["area"] == area]
        rows.append(
            {
                "area": area,
                "name": name.en,
                "name_zh": name.zh,
                "rules": len(of_area),
                "findings": int(of_area["findings"].sum()),
                "high": int(of_area["high"].sum()),
                "build_cost": of_area["build_cost"].sum(min_count=1),
                "annual_om_cost": of_area["annual_om_cost"].sum(min_count=1),
            }
        )
    return pd.DataFrame(rows).set_index("area")


def money_frame(document: FindingsDocument) -> pd.DataFrame:
    """The money the findings name, per rule (index ``rule``; rules naming none left out).

    Columns: findings, build_cost, annual_om_cost, camera_cost (sums of the known amounts,
    万元) and unknown (findings whose evidence names money but not a single amount).
    Rules overlap (an idle system may also be ungraded): do not add the rows up.
    """
    frame = findings_frame(document)
    rows = []
    for rule_id, of_rule in frame.groupby("rule", sort=False):
        amounts = of_rule[list(MONEY_FIELDS)]
        rows.append(
            {
                "rule": rule_id,
                "findings": len(of_rule),
                **{field: amounts[field].sum(min_count=1) for field in MONEY_FIELDS},
                "unknown": int(amounts.isna().all(axis=1).sum()),
            }
        )
    columns = ["rule", "findings", *MONEY_FIELDS, "unknown"]
    out = pd.DataFrame(rows, columns=columns).set_index("rule")
    return out[out[list(MONEY_FIELDS)].notna().any(axis=1)]


def subjects_frame(document: FindingsDocument, rules: Iterable[str] | None = None) -> pd.DataFrame:
    """One row per (finding, subject): rule, severity, finding (its position), subject."""
    wanted = set(rules) if rules is not None else None
    rows = [
        {"rule": f.rule, "severity": str(f.severity), "finding": number, "subject": subject}
        for number, f in enumerate(document.findings)
        if wanted is None or f.rule in wanted
        for subject in f.subjects
    ]
    return pd.DataFrame(rows, columns=["rule", "severity", "finding", "subject"])


def of_rule(document: FindingsDocument, rule: str) -> list[Finding]:
    """The findings of one rule, in the document's order (KeyError for an unknown rule)."""
    if rule not in RULE_BY_ID:
        raise KeyError(f"unknown rule {rule!r}; rules: {', '.join(RULE_BY_ID)}")
    return [f for f in document.findings if f.rule == rule]


def compare_engines(
    first: FindingsDocument,
    second: FindingsDocument,
    names: Sequence[str] = ("networkx", "neo4j"),
) -> pd.DataFrame:
    """Per rule (index ``rule``), the number of findings of each document and whether the
    two found exactly the same subjects (``same_subjects``)."""
    a, b = first.subjects_by_rule(), second.subjects_by_rule()
    rows = []
    for rule_id in _rule_order(first):
        found_a, found_b = a.get(rule_id, []), b.get(rule_id, [])
        rows.append(
            {
                "rule": rule_id,
                names[0]: len(found_a),
                names[1]: len(found_b),
                "same_subjects": found_a == found_b,
            }
        )
    return pd.DataFrame(rows).set_index("rule")


# -- graphs as DataFrames ---------------------------------------------------------------------


def _cell(value: Any) -> Any:
    """A node or edge property as a DataFrame cell (enums as their values)."""
    return getattr(value, "value", value)


def graph_frame(graph: nx.MultiDiGraph, label: str | None = None) -> pd.DataFrame:
    """The nodes of the embedded graph as a DataFrame, one row per node (index: node id).

    ``label`` keeps one kind (``System``, ``Department``, ``Platform``, ``Network``,
    ``Camera``). Columns are the nodes' properties; a property a node lacks is NaN.
    Cameras are no graph nodes (their frame holds them): their rows come from
    ``node_frame(graph, "Camera").to_pandas()`` (dates as ``datetime64``, lists as tuples).
    """
    if label is not None and label in NODE_KIND_BY_LABEL and not NODE_KIND_BY_LABEL[label].in_graph:
        return _frame_rows(graph, label)
    rows = {
        node: {k: _cell(v) for k, v in data.items() if k != "labels"}
        for node, data in graph.nodes(data=True)
        if label is None or data.get("label") == label
    }
    frame = pd.DataFrame.from_dict(rows, orient="index")
    frame.index.name = "node"
    if label is None:
        off = [_frame_rows(graph, k.label) for k in NODE_KINDS if not k.in_graph]
        frame = pd.concat([frame, *(f for f in off if len(f))])
        frame.index.name = "node"
    return frame


def _frame_rows(graph: nx.MultiDiGraph, label: str) -> pd.DataFrame:
    """A kind kept off the graph (cameras), from its frame, as :func:`graph_frame` rows."""
    frame = node_frame(graph, label).to_pandas()
    frame.insert(0, "label", label)
    return frame


def flows_frame(graph: nx.MultiDiGraph) -> pd.DataFrame:
    """Every flow (FLOWS_TO) of the embedded graph, one row each.

    Columns: source and target (inventory ids), their kinds (``System``/``Platform``), their
    owners (department ids; NaN for platforms without one), the flow's dataset, mechanism,
    frequency and status (an empty status is ``active``), and ``crossing``: active, not a
    self-loop, and to or from a platform or between systems of different owners.
    """
    nodes = graph.nodes
    rows = []
    for u, v, data in graph.edges(data=True):
        if data.get("type") != "FLOWS_TO":
            continue
        su, sv = nodes[u], nodes[v]
        row: dict[str, Any] = {
            "source": su["id"],
            "target": sv["id"],
            "source_kind": su["label"],
            "target_kind": sv["label"],
            "source_owner": su.get("owner_id"),
            "target_owner": sv.get("owner_id"),
        }
        for field in FLOW_FIELDS:
            row[field] = _cell(data.get(field))
        row["status"] = row["status"] or "active"
        platform = "Platform" in (su["label"], sv["label"])
        row["crossing"] = (
            row["status"] == "active"
            and u != v
            and (platform or su.get("owner_id") != sv.get("owner_id"))
        )
        rows.append(row)
    columns = [
        "source",
        "target",
        "source_kind",
        "target_kind",
        "source_owner",
        "target_owner",
        *FLOW_FIELDS,
        "crossing",
    ]
    return pd.DataFrame(rows, columns=columns)


def node_of(graph: nx.MultiDiGraph, ident: str) -> str:
    """The graph node of an inventory id (``S0001`` -> ``Endpoint:S0001``) or a node id.

    Systems and platforms are looked up first, then departments, networks and cameras;
    a KeyError names an id the graph does not hold.
    """
    if ident in graph:
        return ident
    for space in KEY_SPACES:
        node = node_id(space, ident)
        if node in graph:
            return node
    cameras = node_frame(graph, "Camera").nodes  # cameras are no graph nodes
    for node in (ident, node_id("Camera", ident)):
        if node in cameras:
            return str(node)
    raise KeyError(f"no node {ident!r} in the graph")


# -- focused graph pages ----------------------------------------------------------------------


def focus_page(
    document: FindingsDocument,
    graph: nx.MultiDiGraph,
    nodes: Iterable[str],
    *,
    title: str,
    intro: str = "",
    lang: str = "en",
    structural: Sequence[str] = ("OWNS",),
    emphasis: Mapping[tuple[str, str], str] | None = None,
) -> str:
    """A self-contained graph page (HTML) of a few nodes, in the style of ``graph*.html``.

    ``nodes`` are inventory ids or graph node ids. The page draws these nodes (border:
    their worst finding), every flow between two of them (parallel flows merged, planned
    or broken ones dashed), the ``structural`` relationships between them (``OWNS`` by
    default; see :data:`STRUCTURAL`), and lists the findings naming any of them.
    ``emphasis`` maps (source, target) pairs to an edge kind of :mod:`interop.viz.style`
    (``WEAKEST``, ``NO_CHAIN``…): a flow between them is drawn that way, and a pair with no
    flow gets an edge of that kind. Show it with :func:`show_html`; it needs no network.
    """
    from interop.i18n import check_lang
    from interop.viz.common import flow_edges, graph_node, place, structural_edge
    from interop.viz.index import FindingIndex
    from interop.viz.model import Page, VizEdge
    from interop.viz.page import render_page
    from interop.wording import text

    language = check_lang(lang)
    wanted = list(dict.fromkeys(node_of(graph, n) for n in nodes))
    cameras = [n for n in wanted if n not in graph]
    if cameras:  # cameras are no graph nodes: a copy with these ones added
        graph = with_cameras(graph, only=cameras)
    inside = set(wanted)
    emphasis = {(node_of(graph, u), node_of(graph, v)): k for (u, v), k in (emphasis or {}).items()}
    index = FindingIndex(document, graph)
    page = Page("focus.html", title, intro)
    page.nodes = [graph_node(graph, index, n, language) for n in wanted]
    flows, seen = [], set()
    for u, v, key, data in graph.subgraph(wanted).edges(keys=True, data=True):
        kind = data.get("type")
        if kind == "FLOWS_TO":
            flows.append((u, v, key, data))
        elif kind in structural and kind in STRUCTURAL and (u, v, kind) not in seen:
            seen.add((u, v, kind))
            page.edges.append(structural_edge(u, v, kind, language))
    drawn = set()
    for edge in flow_edges(graph, flows, language):
        pair = (edge.source, edge.target)
        if pair in emphasis:
            edge.kind = emphasis[pair]
        drawn.add(pair)
        page.edges.append(edge)
    for (u, v), kind in emphasis.items():
        if (u, v) not in drawn and u in inside and v in inside:
            page.edges.append(VizEdge(u, v, kind, title=text(f"edge.{kind}", language)))
    place(page)
    page.findings = [e for e in index.entries if inside.intersection(index.nodes_of[e.fid])]
    return render_page(page, [(page.file, title)], language)


# -- matplotlib --------------------------------------------------------------------------------


def scorecard_frame(document: FindingsDocument, graph: nx.MultiDiGraph) -> pd.DataFrame:
    """The department scorecard (:mod:`interop.report.scorecard`), one row per department
    indexed by id, ranked by score: findings by severity and area (``area_1`` …), money
    tied up (each system and camera once), systems, cameras and flows across departments."""
    from interop.report.scorecard import scorecard

    rows = [card.as_row() for card in scorecard(graph, document)]
    return pd.DataFrame(rows).set_index("id") if rows else pd.DataFrame()


def rounds_frame(document: FindingsDocument) -> pd.DataFrame:
    """Per rule, how a run compares with its baseline (``analyze --baseline``): resolved,
    persisting, changed, new, unverified and the money of the resolved findings; the last
    row (``total``) sums them. Empty for a run without a baseline."""
    from interop.report.rectification import rectification

    rows = rectification(document) or []
    frame = pd.DataFrame([row.as_json() for row in rows])
    if not frame.empty:
        frame["rule"] = frame["rule"].replace("", "total")
        frame = frame.set_index("rule")
    return frame


def use_cjk_font() -> str | None:
    """Let matplotlib draw Chinese names: put the first installed font of :data:`CJK_FONTS`
    first in its sans-serif list, and return its name.

    None when no such font is installed: label plots with ids instead of names then.
    """
    from matplotlib import font_manager, rcParams

    installed = {font.name for font in font_manager.fontManager.ttflist}
    for name in CJK_FONTS:
        if name in installed:
            rest = [f for f in rcParams["font.sans-serif"] if f != name]
            rcParams["font.sans-serif"] = [name, *rest]
            rcParams["font.family"] = "sans-serif"
            rcParams["axes.unicode_minus"] = False  # these fonts often lack U+2212
            return name
    return None


# -- HTML inline ------------------------------------------------------------------------------


def _page_html(path_or_html: str | Path) -> str:
    if isinstance(path_or_html, Path):
        return path_or_html.read_text(encoding="utf-8")
    text = str(path_or_html)
    if "<" not in text and Path(text).is_file():
        return Path(text).read_text(encoding="utf-8")
    return text


def iframe_html(path_or_html: str | Path, height: int = 640, title: str = "interop page") -> str:
    """An ``<iframe srcdoc>`` holding a whole HTML page (a file's path or the HTML itself).

    The page is escaped into the attribute, so it runs in its own document, as it would
    from the file, without a server, a network or access to local files.
    """
    page = html.escape(_page_html(path_or_html), quote=True)
    return (
        f'<iframe srcdoc="{page}" title="{html.escape(title, quote=True)}" '
        f'style="width:100%;height:{int(height)}px;border:1px solid #ccc" '
        'sandbox="allow-scripts"></iframe>'
    )


def show_html(path_or_html: str | Path, height: int = 640, title: str = "interop page") -> Any:
    """Show an HTML page inline in a notebook (see :func:`iframe_html`).

    Returns an ``IPython.display.HTML`` object: make it the last expression of a cell.
    """
    from IPython.display import HTML

    # wrapped in a div: IPython warns about HTML that starts with <iframe
    return HTML(f"<div>{iframe_html(path_or_html, height=height, title=title)}</div>")
