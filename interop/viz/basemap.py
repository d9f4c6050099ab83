"""map-cameras.html: the cameras on tiles of the user's own map service (``--basemap``).

Written only when the user passes a tile URL template (``{z}/{x}/{y}``): interop never
picks a map service, so without one nothing here runs and the outputs stay as offline as
ever. The page shows what ``graph-cameras.html`` shows (:func:`interop.viz.cameras
.cameras_page`: the cameras coloured by owner, each duplicate site ringed, its pairs and
the cameras sharing one GB/T 28181 id joined by dashed lines) at their geographic places,
shifted to the tiles' datum: GCJ-02 for AMap-style tiles, WGS-84 (or CGCS2000, the same
within centimetres) for 天地图 and OSM-style tiles.

The map is Leaflet 1.9.4 through folium: folium's CDN links (Leaflet, jQuery, Bootstrap,
Font Awesome) are switched off and Leaflet's JS and CSS, from the ``django-js-lib-leaflet``
package, are inlined. Names never pass through folium's HTML popups: the cameras, rings
and lines are drawn by a small script from a JSON data island
(:func:`~interop.escape.json_for_script`), their popups and tooltips set as text
(``textContent``), and the attribution is HTML-escaped. The page's only remote reference is
the tile template the user passed, held in that island (slashes written ``\\/``); the page
is checked to hold no other URL and no remote ``src``/``href``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache
from html import escape
from importlib.resources import files
from typing import Any, Literal

import folium
import networkx as nx
import numpy as np
from branca.element import Element, Figure, MacroElement
from jinja2 import Template

from interop.escape import has_url, json_for_script, neutralize_html_controls, neutralize_urls
from interop.geo.datum import wgs84_to_gcj02
from interop.i18n import Lang
from interop.viz.cameras import _wgs84
from interop.viz.index import FindingIndex
from interop.viz.model import Page
from interop.viz.style import EDGE_STYLES, SEVERITY_COLORS
from interop.wording import text

FILE = "map-cameras.html"
DATA_ID = "interop-map-data"
Datum = Literal["wgs84", "gcj02"]
DATUMS: tuple[str, ...] = ("wgs84", "gcj02")

_TEMPLATE = re.compile(r"^https?://[^\s\"'<>\\`]+$")


class BasemapError(ValueError):
    """A tile URL template or datum the map cannot use (one sentence for the user)."""


@dataclass(frozen=True)
class Basemap:
    """Where the tiles come from, in which datum they are drawn, and whose they are."""

    url: str
    datum: Datum = "wgs84"
    attribution: str = ""

    def __post_init__(self) -> None:
        if not _TEMPLATE.match(self.url):
            raise BasemapError(
                f"--basemap {self.url!r}: give an http(s) tile URL template without spaces, "
                "quotes or angle brackets, e.g. http://tiles.example.gov/{z}/{x}/{y}.png"
            )
        missing = [part for part in ("{z}", "{x}", "{y}") if part not in self.url]
        if missing:
            raise BasemapError(f"--basemap {self.url!r} lacks {', '.join(missing)}")
        if self.datum not in DATUMS:
            raise BasemapError(f"--basemap-datum must be one of {', '.join(DATUMS)}")


@cache
def _leaflet() -> tuple[str, str]:
    """Leaflet's JS and CSS, from the installed ``js_lib_leaflet`` package."""
    root = files("js_lib_leaflet") / "static" / "js_lib_leaflet"
    return (root / "leaflet.js").read_text("utf-8"), (root / "leaflet.css").read_text("utf-8")


class _Layers(MacroElement):  # type: ignore[misc]
    """Draws the island's rings, lines and cameras; every text is set as text."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
(function () {
  var map = {{ this._parent.get_name() }};
  var data = JSON.parse(document.getElementById("{{ this.data_id }}").textContent);
  map.attributionControl.setPrefix("Leaflet");
  L.tileLayer(data.tiles, {attribution: data.attribution, maxZoom: 19}).addTo(map);
  var popup = {maxWidth: 460, minWidth: 260, maxHeight: 360};
  function box(s) {
    var d = document.createElement("div");
    d.style.whiteSpace = "pre-line";
    d.textContent = s;
    return d;
  }
  data.lines.forEach(function (l) {
    L.polyline([l.a, l.b], {color: l.color, weight: 2, dashArray: "6 6"})
      .bindPopup(box(l.title), popup).addTo(map);
  });
  data.sites.forEach(function (s) {
    L.circle(s.at, {radius: s.radius_m, color: s.color, weight: 2, fill: false})
      .bindPopup(box(s.title), popup).addTo(map);
  });
  data.cameras.forEach(function (c) {
    L.circleMarker(c.at, {radius: 6, color: "#333", weight: 1, fillColor: c.color,
                          fillOpacity: 0.9, className: "interop-camera"})
      .bindPopup(box(c.title), popup).bindTooltip(box(c.label)).addTo(map);
  });
  if (data.bounds) { map.fitBounds(data.bounds, {padding: [30, 30], maxZoom: 18}); }
  window.interopMap = map;
})();
{% endmacro %}
"""
    )

    def __init__(self, data_id: str) -> None:
        super().__init__()
        self._name = "InteropLayers"
        self.data_id = data_id


def _shift(points: dict[str, tuple[float, float]], datum: Datum) -> dict[str, list[float]]:
    """WGS-84 points in the tiles' datum (rounded to 1e-7 degrees, about 1 cm)."""
    if not points:
        return {}
    keys = list(points)
    lat = np.array([points[k][0] for k in keys], dtype=np.float64)
    lon = np.array([points[k][1] for k in keys], dtype=np.float64)
    if datum == "gcj02":
        lat, lon = wgs84_to_gcj02(lat, lon)
    pairs = zip(keys, lat, lon, strict=True)
    return {k: [round(float(a), 7), round(float(b), 7)] for k, a, b in pairs}


def map_data(
    page: Page,
    graph: nx.MultiDiGraph,
    index: FindingIndex,
    basemap: Basemap,
    lang: Lang,
    radius_m: float,
) -> dict[str, Any]:
    """What the map draws, from the camera page's content, in the tiles' datum."""
    cameras = [n for n in page.nodes if n.kind == "Camera"]
    where = _shift(_wgs84(graph, [n.id for n in cameras]), basemap.datum)
    data: dict[str, Any] = {
        "tiles": basemap.url,
        "datum": basemap.datum,
        "attribution": escape(basemap.attribution or text("viz.map.tiles", lang)),
    }
    data["cameras"] = [
        {"id": n.id, "at": where[n.id], "color": n.color or "#888", "title": n.title,
         "label": n.label.strip() or n.title.split("\n", 1)[0]}
        for n in cameras
    ]  # fmt: skip
    data["lines"] = [
        {"a": where[e.source], "b": where[e.target], "title": e.title,
         "color": EDGE_STYLES[e.kind].color if e.kind in EDGE_STYLES else "#555"}
        for e in page.edges
        if e.source in where and e.target in where
    ]  # fmt: skip
    sites = []
    for node in page.nodes:
        fid = node.id.removeprefix("Site:")
        if node.kind != "Site" or fid not in index.nodes_of:
            continue
        points = [where[m] for m in index.nodes_of[fid] if m in where]
        if not points:
            continue
        lat = sum(p[0] for p in points) / len(points)
        lon = sum(p[1] for p in points) / len(points)
        spread = max(_metres(lat, lon, p[0], p[1]) for p in points)
        sites.append(
            {"at": [round(lat, 7), round(lon, 7)], "radius_m": round(spread + radius_m / 2, 1),
             "title": node.title, "color": SEVERITY_COLORS.get(node.severity or "", "#c62828")}
        )  # fmt: skip
    data["sites"] = sites
    points = list(where.values())
    if points:
        lats, lons = [p[0] for p in points], [p[1] for p in points]
        data["bounds"] = [[min(lats), min(lons)], [max(lats), max(lons)]]
    else:
        data["bounds"] = None
    return data


def _metres(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    y = math.radians(lat2 - lat1)
    return 6_371_008.8 * math.hypot(x, y)


def render_map(
    page: Page,
    graph: nx.MultiDiGraph,
    index: FindingIndex,
    basemap: Basemap,
    lang: Lang,
    radius_m: float,
) -> str:
    """The whole map page as one HTML file (Leaflet inlined, the tile template its only URL)."""
    data = map_data(page, graph, index, basemap, lang, radius_m)
    fmap = folium.Map(location=[0, 0], zoom_start=2, tiles=None, control_scale=True)
    fmap.default_js = []  # folium's CDN links: Leaflet is inlined below, the rest unused
    fmap.default_css = []
    js, css = _leaflet()
    root: Figure = fmap.get_root()  # type: ignore[assignment]  # a Map's root is its Figure
    root.header.add_child(Element(f"<style>{css}</style>"), name="leaflet_css")
    root.header.add_child(Element(f"<script>{js}</script>"), name="leaflet_js")
    root.header.add_child(
        Element(
            "<style>body{font-family:sans-serif;margin:0;display:flex;flex-direction:column;"
            "height:100vh}.folium-map{flex:1 1 auto;height:auto !important;min-height:0}"
            ".interop-head{padding:6px 12px}.interop-head h1{font-size:18px;margin:4px 0}"
            ".interop-head p{margin:2px 0;font-size:13px}</style>"
        ),
        name="interop_css",
    )
    head = (
        f'<div class="interop-head"><h1>{escape(text("viz.map.title", lang))}</h1>'
        f"<p>{escape(page.intro)}</p>"
        f"<p>{escape(text('viz.map.tiles_from', lang, datum=basemap.datum.upper()))}</p>"
        + "".join(f"<p>{escape(note)}</p>" for note in page.notes)
        + "</div>"
    )
    root.html.add_child(Element(head), name="interop_head", index=0)
    root.html.add_child(
        Element(f'<script type="application/json" id="{DATA_ID}">{json_for_script(data)}</script>'),
        name="interop_data",
    )
    fmap.add_child(_Layers(DATA_ID))
    html = root.render()
    html = neutralize_urls(neutralize_html_controls(html))
    if has_url(html) or re.search(r"(?i)\b(?:src|href)\s*=\s*[\"']?\s*(?:https?:)?//", html):
        raise RuntimeError("the map page would hold a URL besides the tile template")
    return html
