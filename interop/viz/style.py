"""One style table for every graph page: a shape and colours per node kind, per edge kind.

A kind is a graph label (``Department``, ``Platform``, ``Network``, ``System``, ``Camera``)
or one of the page-only kinds (``Aggregate``, ``Site``, ``Missing``). Findings colour a
node's border by their highest severity; cameras take their owner's colour.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

FONT_STACK = (
    "'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', "
    "'WenQuanYi Micro Hei', 'SimHei', 'Helvetica Neue', Arial, sans-serif"
)
"""Fonts with Chinese glyphs first (canvas labels and page text)."""


@dataclass(frozen=True)
class NodeStyle:
    shape: str
    background: str
    border: str
    size: float
    css_shape: str
    """Legend shape: ``dot``, ``box``, ``diamond``, ``hexagon``, ``triangle`` or ``ring``."""
    dashed: bool = False


NODE_STYLES: dict[str, NodeStyle] = {
    "Department": NodeStyle("box", "#fde3b5", "#b26a00", 14, "box"),
    "Platform": NodeStyle("hexagon", "#bfe6cf", "#1e7b4a", 20, "hexagon"),
    "Network": NodeStyle("diamond", "#ddd0f3", "#6a3fb5", 18, "diamond"),
    "System": NodeStyle("dot", "#b9d4f2", "#2f6db5", 12, "dot"),
    "Camera": NodeStyle("triangle", "#9e9e9e", "#424242", 9, "triangle"),
    "Aggregate": NodeStyle("box", "#eeeeee", "#757575", 14, "box", dashed=True),
    "Site": NodeStyle("dot", "rgba(198,40,40,0.06)", "#c62828", 20, "ring"),
    "Missing": NodeStyle("dot", "#ffffff", "#c62828", 10, "ring", dashed=True),
}


@dataclass(frozen=True)
class EdgeStyle:
    color: str
    width: float
    dashes: bool
    arrows: bool


EDGE_STYLES: dict[str, EdgeStyle] = {
    "FLOWS_TO": EdgeStyle("#3a6ea5", 1.6, False, True),
    "FLOWS_INACTIVE": EdgeStyle("#9aa5b1", 1.2, True, True),
    "AGGREGATE": EdgeStyle("#7d8fa3", 1.0, False, True),
    "OWNS": EdgeStyle("#d0c4a8", 0.8, False, False),
    "USES": EdgeStyle("#c9a227", 1.0, True, True),
    "DEPLOYED_ON": EdgeStyle("#b7a6d9", 0.8, True, False),
    "LINKED_TO": EdgeStyle("#6a3fb5", 2.4, False, False),
    "SUPERVISES": EdgeStyle("#b26a00", 1.2, False, True),
    "PART_OF": EdgeStyle("#bdbdbd", 0.6, False, False),
    "WEAKEST": EdgeStyle("#c62828", 4.0, False, True),
    "NO_CHAIN": EdgeStyle("#c62828", 1.6, True, True),
    "PAIR": EdgeStyle("#c62828", 1.0, True, False),
    "SAME_ID": EdgeStyle("#6a1b9a", 2.0, True, False),
}

SEVERITY_COLORS: dict[str, str] = {"high": "#c62828", "medium": "#ef6c00", "low": "#9e9d24"}

OWNER_PALETTE: tuple[str, ...] = (
    "#1f77b4",
    "#d62728",
    "#2ca02c",
    "#9467bd",
    "#ff7f0e",
    "#17becf",
    "#8c564b",
    "#e377c2",
    "#bcbd22",
    "#393b79",
    "#637939",
    "#843c39",
)
OTHER_OWNERS = "#9e9e9e"


def node_visual(
    kind: str, *, severity: str | None = None, color: str | None = None, size: float | None = None
) -> dict[str, Any]:
    """vis-network options of a node of ``kind`` (border by severity, fill overridable)."""
    style = NODE_STYLES[kind]
    background = color or style.background
    border = SEVERITY_COLORS.get(
        severity or "", color if kind == "Camera" and color else style.border
    )
    out: dict[str, Any] = {
        "shape": style.shape,
        "size": size if size is not None else style.size,
        "color": {
            "background": background,
            "border": border,
            "highlight": {"background": background, "border": "#000000"},
            "hover": {"background": background, "border": "#000000"},
        },
        "borderWidth": (2 if kind == "Camera" else 3) if severity else 1,
    }
    if style.dashed:
        out["shapeProperties"] = {"borderDashes": [4, 3]}
    return out


def edge_visual(kind: str, *, width: float | None = None) -> dict[str, Any]:
    """vis-network options of an edge of ``kind``."""
    style = EDGE_STYLES[kind]
    return {
        "color": {"color": style.color, "highlight": "#000000", "hover": "#000000"},
        "width": width if width is not None else style.width,
        "dashes": style.dashes,
        "arrows": {"to": {"enabled": style.arrows, "scaleFactor": 0.6}},
    }
