"""A :class:`Page` as one self-contained HTML file, through pyvis 0.3.2.

pyvis writes the vis-network page (``cdn_resources="in_line"`` inlines vis-network's JS
and CSS); this module then makes it fit for an offline network:

- the Bootstrap ``<link>``/``<script>`` tags pyvis loads from a CDN in every mode are
  removed (pyvis issue #229), and so is any other tag with a remote ``href``/``src``;
- pyvis's raw ``heading`` is not used (it is left empty and its empty ``<h1>`` removed);
  our own escaped header, legend, search box and notes are inserted instead;
- ``select_menu``/``filter_menu`` (Tom Select from a CDN, raw ids in ``<option>``) are
  never enabled; the small filter here toggles node kinds and searches labels;
- tooltips are plain text (see :mod:`interop.viz.tooltips`), node data passes through Jinja's
  ``tojson`` (``<>&'`` escaped), our own data island through
  :func:`~interop.escape.json_for_script`;
- every remaining ``http(s)://`` (licence comments and the SVG namespace string inside
  the vis-network bundle) is rewritten with ``\\/`` escapes, which leaves the JavaScript
  strings unchanged; the result is checked to hold none, nor pyvis's innerHTML popup.

The page is written by the caller with ``encoding="utf-8"`` (pyvis's ``write_html``
uses the platform's default encoding).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, PackageLoader, pass_eval_context
from jinja2.filters import do_tojson
from jinja2.nodes import EvalContext
from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup
from pyvis.edge import Edge
from pyvis.network import Network
from pyvis.node import Node

from interop.escape import (
    has_url,
    json_for_script,
    neutralize_html_controls,
    neutralize_json_controls,
    neutralize_script_urls,
    neutralize_urls,
)
from interop.i18n import Lang
from interop.viz.model import Page
from interop.viz.style import (
    EDGE_STYLES,
    FONT_STACK,
    NODE_STYLES,
    SEVERITY_COLORS,
    edge_visual,
    node_visual,
)
from interop.wording import edge_name, kind_name, rule_name, severity_name, text

FINDINGS_LISTED = 300
"""Findings listed in the table under a graph (the rest are counted)."""

DATA_ISLAND_ID = "interop-page-data"

_REMOTE_LINK = re.compile(r"""(?is)<link\b[^>]*\bhref\s*=\s*["']?\s*(?:https?:)?//[^>]*>""")
_REMOTE_SCRIPT = re.compile(
    r"""(?is)<script\b[^>]*\bsrc\s*=\s*["']?\s*(?:https?:)?//[^>]*>\s*</script\s*>"""
)
_EMPTY_HEADING = re.compile(r"(?is)<center>\s*<h1>\s*</h1>\s*</center>")
_NODE_MODULES_COMMENT = re.compile(r"(?is)<!--\s*<link\b[^>]*node_modules.*?-->")
_SOURCE_MAP = re.compile(r"(?m)//# sourceMappingURL=(?<=^//# sourceMappingURL=)[^\s<]*")
"""``^//# sourceMappingURL=…`` with the line start looked behind, so that the engine scans
for the literal (``^`` first made it try every character of the page: ten times slower)."""

_SCRIPT = """
(function () {
  var meta = JSON.parse(document.getElementById("interop-page-data").textContent);
  var boxes = document.querySelectorAll("#interop-legend input[data-kind]");
  Array.prototype.forEach.call(boxes, function (box) {
    box.addEventListener("change", function () {
      var kind = box.getAttribute("data-kind");
      var changed = nodes.get({ filter: function (n) { return n.kind === kind; } })
        .map(function (n) { return { id: n.id, hidden: !box.checked }; });
      nodes.update(changed);
    });
  });
  var input = document.getElementById("interop-search");
  var status = document.getElementById("interop-search-status");
  input.addEventListener("keydown", function (event) {
    if (event.key !== "Enter") { return; }
    var query = input.value.trim().toLowerCase();
    if (!query) { network.unselectAll(); status.textContent = ""; return; }
    var ids = nodes.getIds({ filter: function (n) {
      var hay = [n.id, n.label || "", n.title || ""].join("\\n").toLowerCase();
      return !n.hidden && hay.indexOf(query) >= 0;
    } });
    status.textContent = ids.length ? meta.text.found.replace("{n}", ids.length) : meta.text.none;
    if (ids.length) {
      var some = ids.slice(0, 500);
      network.selectNodes(some);
      network.fit({ nodes: some, animation: false });
    }
  });
  var details = document.getElementById("interop-details");
  network.on("click", function (params) {
    if (params.nodes.length) {
      var node = nodes.get(params.nodes[0]);
      details.textContent = node.title || node.label || node.id;
    } else if (params.edges.length) {
      var edge = edges.get(params.edges[0]);
      details.textContent = edge.title || "";
    }
  });
  window.interopPage = meta;
})();
"""


@cache
def _parts() -> Any:
    env = Environment(loader=PackageLoader("interop.viz", "templates"), autoescape=True)
    env.globals["font_stack"] = Markup(FONT_STACK)  # our constant, for CSS (not user text)
    env.globals["limit"] = FINDINGS_LISTED
    return env


def _macros(lang: Lang) -> Any:
    env = _parts()
    env.globals["severity_name"] = lambda s: severity_name(str(s), lang)
    env.globals["rule_name"] = lambda r: rule_name(str(r), lang)
    return env.get_template("parts.html.j2").module


def options(node_count: int) -> dict[str, Any]:
    """vis-network options: no physics (positions are precomputed), cheap interaction."""
    busy = node_count > 800
    return {
        "autoResize": True,
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False, "randomSeed": 1},
        "interaction": {
            "hover": True,
            "tooltipDelay": 120,
            "hideEdgesOnDrag": busy,
            "hideEdgesOnZoom": busy,
            "multiselect": True,
        },
        "nodes": {"font": {"face": FONT_STACK, "size": 13, "color": "#1d2733"}, "borderWidth": 1},
        "edges": {
            "smooth": False,
            "font": {"face": FONT_STACK, "size": 11, "align": "middle", "strokeWidth": 3},
            "selectionWidth": 2,
        },
    }


def _legend(page: Page, lang: Lang) -> dict[str, Any]:
    kinds = page.legend.node_kinds or page.kinds()
    edge_kinds = page.legend.edge_kinds or page.edge_kinds()
    nodes = []
    for kind in kinds:
        style = NODE_STYLES[kind]
        nodes.append(
            {
                "kind": kind,
                "name": kind_name(kind, lang),
                "css": style.css_shape,
                "dashed": style.dashed,
                "background": style.background,
                "border": style.border,
            }
        )
    edges = [
        {
            "name": edge_name(kind, lang),
            "color": EDGE_STYLES[kind].color,
            "width": max(1, round(EDGE_STYLES[kind].width)),
            "dashed": EDGE_STYLES[kind].dashes,
        }
        for kind in edge_kinds
    ]
    severities = (
        [(s, severity_name(s, lang), c) for s, c in SEVERITY_COLORS.items()]
        if page.legend.severities
        else []
    )
    return {
        "nodes": nodes,
        "edges": edges,
        "swatches": page.legend.swatches,
        "severities": severities,
    }


def build_network(page: Page) -> Network:
    """The pyvis network of a page: fixed positions, styled by kind, plain-text titles."""
    net = Network(
        height="74vh",
        width="100%",
        directed=True,
        cdn_resources="in_line",
        heading="",
        bgcolor="#ffffff",
        select_menu=False,
        filter_menu=False,
    )
    net.options = options(len(page.nodes))
    known: set[str] = set()
    for node in page.nodes:
        visual = node_visual(node.kind, severity=node.severity, color=node.color, size=node.size)
        _add_node(
            net,
            known,
            node.id,
            label=node.label or " ",
            title=node.title,
            x=node.x,
            y=node.y,
            physics=False,
            kind=node.kind,
            **visual,
        )
    for edge in page.edges:
        if edge.source not in known or edge.target not in known:
            raise ValueError(f"edge {edge.source} -> {edge.target} names a node not on the page")
        extra: dict[str, Any] = {"kind": edge.kind}
        if edge.title:
            extra["title"] = edge.title
        if edge.label:
            extra["label"] = edge.label
        visual = edge_visual(edge.kind, width=edge.width)
        net.edges.append(Edge(edge.source, edge.target, net.directed, **visual, **extra).options)
    return net


def _add_node(
    net: Network, known: set[str], n_id: str, label: str, shape: str, color: Any, **options: Any
) -> None:
    """pyvis's ``Network.add_node`` without its scan of every node added before (a list
    membership test per node, then one more per edge end in ``add_edge``: quadratic, a few
    seconds for the 5,000 cameras of a camera page). The same node dict, in the same
    order; a repeated id is ignored, as pyvis does."""
    if n_id in known:
        return
    node = Node(n_id, shape, label=label or n_id, color=color, font_color=net.font_color, **options)
    net.nodes.append(node.options)
    net.node_ids.append(n_id)
    net.node_map[n_id] = node.options
    known.add(n_id)


VENDORED = "lib/"
"""Where pyvis's template includes its vendored files from (vis-network's JS and CSS)."""
_JINJA_SYNTAX = re.compile(r"\{[{%#]")


class _PyvisLoader(FileSystemLoader):
    """pyvis's templates, but a vendored file (``lib/…``, 700 kB of vis-network) is no
    template: it becomes one expression that writes the file's text (``vendored_file``),
    which Jinja would otherwise lex and compile once per process (0.15 s, a tenth of the
    pages' time), or a placeholder for it (``vendored_placeholder``, see
    :func:`render_page`)."""

    def get_source(self, environment: Environment, template: str) -> tuple[str, str, Any]:
        if not template.startswith(VENDORED):
            return super().get_source(environment, template)
        _, filename, uptodate = super().get_source(environment, template)
        return f"{{{{ vendored({filename!r}) }}}}", filename, uptodate


@cache
def vendored_file(path: str) -> str:
    """A vendored file's text as Jinja renders it when included: line breaks as ``\\n``
    (``read_text`` reads universal newlines), one final line break dropped. A file with
    Jinja syntax in it is refused, as one whose rendering Jinja would change."""
    text = Path(path).read_text(encoding="utf-8")
    if _JINJA_SYNTAX.search(text):
        raise RuntimeError(f"pyvis's {path} changed: it holds Jinja syntax")
    return text[:-1] if text.endswith("\n") else text


_PLACEHOLDER = re.compile(r"<interop-(vendored|data) (\w+)>")
_PLACED: list[str] = []
"""The vendored files' paths, by placeholder number."""
_NOT_IN_VENDORED = ("</script", "</style", "<!--", "<head>", "<body>", "</body>", "<html>")


def vendored_placeholder(path: str) -> str:
    """``<interop-vendored N>`` for a vendored file: a tag, so that no user text can hold
    it (user text reaches a page escaped, ``<`` never raw), and inert to every pass of
    :func:`_finish` (no pattern there matches it)."""
    if path not in _PLACED:
        _PLACED.append(path)
    return f"<interop-vendored {_PLACED.index(path)}>"


@cache
def vendored_ready(path: str) -> str:
    """A vendored file as :func:`_finish` leaves it inside a page, done once a process.

    The same passes, on the file inside the ``<script>`` element it sits in: equal to
    what the passes over the whole page did to it because the file cannot end its
    element or open a comment, and holds none of the tags the passes look for (which is
    checked: a vendored file that does is refused, as pyvis's template changing is).
    """
    text = vendored_file(path)
    lowered = text.lower()
    if any(marker in lowered for marker in _NOT_IN_VENDORED):
        raise RuntimeError(f"pyvis's {path} changed: it holds one of {_NOT_IN_VENDORED}")
    ready = _removed(f"<script>{text}</script>")
    ready = neutralize_urls(neutralize_html_controls(ready))
    _check(ready, path)
    if not (ready.startswith("<script>") and ready.endswith("</script>")):
        raise RuntimeError(f"pyvis's {path} changed: its element was cut")
    return ready[len("<script>") : -len("</script>")]


class _Data(list):  # type: ignore[type-arg]
    """A network's node or edge dicts (``name``: ``nodes`` or ``edges``), which the
    template's ``tojson`` writes as the placeholder ``<interop-data name>`` (see
    :func:`render_page`); pyvis reads the dicts themselves (for its ``href`` test)."""

    def __init__(self, name: str, items: list[dict[str, Any]]) -> None:
        super().__init__(items)
        self.name = name


@pass_eval_context
def _tojson_or_placeholder(eval_ctx: EvalContext, value: Any, indent: int | None = None) -> Any:
    if isinstance(value, _Data):
        return Markup(f"<interop-data {value.name}>")
    return do_tojson(eval_ctx, value, indent)


def _data_json(env: Environment, data: _Data) -> str:
    """What the template's ``tojson`` writes for ``data`` (Jinja's ``do_tojson``)."""
    policies = env.policies
    return str(
        htmlsafe_json_dumps(
            data, dumps=policies["json.dumps_function"], **policies["json.dumps_kwargs"]
        )
    )


def data_ready(json: str, name: str) -> str:
    """A network's data (``tojson``'s JSON) as :func:`_finish` leaves it inside the
    page's ``<script>``: its control characters as ``\\u00NN`` and URLs as ``:\\/\\/``,
    the two passes that can touch it. The others look for a ``<`` (which ``tojson``
    escapes) or a line start (``json.dumps`` escapes line breaks), so they cannot; both
    are checked. The page checks of :func:`_check` that can find anything in it are made."""
    if "<" in json or "\n" in json or "\r" in json:
        raise RuntimeError(f"the {name} JSON holds a raw '<' or line break")
    ready = neutralize_script_urls(neutralize_json_controls(json))
    if has_url(ready) or "popup.innerHTML" in ready or "TomSelect" in ready:
        _check(ready, name)
    return ready


@cache
def _pyvis_templates(template_dir: str, placeholders: bool = True) -> Environment:
    """pyvis's template environment, shared by every page. pyvis makes a new one per
    ``Network``, so each page compiled its template again, the inlined vis-network bundle
    with it: 0.1-0.2 s of CPU per page, most of the pages' cost for a small city. With
    ``placeholders``, the vendored files are placeholders, and so are the network's nodes
    and edges when given as :class:`_Data` (see :func:`render_page`)."""
    env = Environment(loader=_PyvisLoader(template_dir))
    env.globals["vendored"] = vendored_placeholder if placeholders else vendored_file
    if placeholders:
        env.filters["tojson"] = _tojson_or_placeholder
    return env


def render_page(page: Page, pages: list[tuple[str, str]], lang: Lang) -> str:
    """The self-contained HTML of ``page`` (``pages`` lists every page for the navigation).

    The passes of :func:`_finish` run over the page with each vendored file (the same
    700 kB on every page) as a placeholder, which is then replaced by the file as those
    passes leave it (:func:`vendored_ready`, once a process): the same page, without
    running them five times over the files (and the control characters of vis-network's
    bundle no longer make every page's data go through one more pass). The network's
    nodes and edges (megabytes of JSON on a large page: 70 MB for the national overview)
    are placeholders too, replaced by the JSON as those passes leave it
    (:func:`data_ready`): the passes and checks run over the page's frame only.
    """
    html, data = _finish(page, pages, lang, placeholders=True)
    found: list[tuple[str, str]] = []

    def put(match: re.Match[str]) -> str:
        kind, key = match.group(1), match.group(2)
        found.append((kind, key))
        if kind == "data":
            return data_ready(data[key], f"{page.file} ({key})")
        return vendored_ready(_PLACED[int(key)])

    html = _PLACEHOLDER.sub(put, html)
    if len(found) != len(set(found)) or {k for kind, k in found if kind == "data"} != set(data):
        raise RuntimeError(f"{page.file}: a placeholder is missing or occurs twice")
    return html


def _removed(html: str) -> str:
    """pyvis's page without its remote tags, empty heading and source-map comments."""
    html = _REMOTE_LINK.sub("", html)
    html = _REMOTE_SCRIPT.sub("", html)
    html = _EMPTY_HEADING.sub("", html)
    html = _NODE_MODULES_COMMENT.sub("", html)
    return _SOURCE_MAP.sub("", html)


def _finish(
    page: Page, pages: list[tuple[str, str]], lang: Lang, *, placeholders: bool
) -> tuple[str, dict[str, str]]:
    """pyvis's page made ours (see the module docstring); with ``placeholders``, with the
    vendored files (:func:`vendored_placeholder`) and the network's nodes and edges as
    placeholders, the latter's JSON returned by name (empty without ``placeholders``)."""
    net = build_network(page)
    env = _pyvis_templates(str(net.template_dir), placeholders)
    net.templateEnv = env
    network: dict[str, str] = {}
    if placeholders:
        net.nodes, net.edges = _Data("nodes", net.nodes), _Data("edges", net.edges)
        network = {"nodes": _data_json(env, net.nodes), "edges": _data_json(env, net.edges)}
    html = net.generate_html(name=page.file, notebook=False)
    counts = {"nodes": len(net.nodes), "edges": len(net.edges)}
    html = _removed(html)
    macros = _macros(lang)

    def t(key: str, **values: object) -> str:
        return text(key, lang, **values)

    data = {
        "page": page.file,
        "nodes": counts["nodes"],
        "edges": counts["edges"],
        "lang": lang,
        "text": {"found": t("viz.search_found"), "none": t("viz.search_none")},
        **page.meta,
    }
    head = str(macros.head(page, lang))
    header = str(macros.header(page, pages, _legend(page, lang), t))
    footer = (
        str(macros.footer(page, t, counts))
        + f'\n<script type="application/json" id="{DATA_ISLAND_ID}">'
        + json_for_script(data)
        + "</script>"
        + f"\n<script>{_SCRIPT}</script>\n"
    )
    html = _insert_once(html, "<head>", "<head>\n" + head)
    html = _insert_once(html, "<body>", "<body>\n" + header)
    html = _insert_last(html, "</body>", footer + "</body>")
    html_lang = "zh-CN" if lang == "zh" else "en"
    html = _insert_once(html, "<html>", f'<!DOCTYPE html>\n<html lang="{html_lang}">')
    html = neutralize_urls(neutralize_html_controls(html))
    _check(html, page.file)
    return html, network


def _insert_once(html: str, marker: str, replacement: str) -> str:
    index = html.find(marker)
    if index < 0:
        raise RuntimeError(f"pyvis template changed: {marker!r} not found")
    return html[:index] + replacement + html[index + len(marker) :]


def _insert_last(html: str, marker: str, replacement: str) -> str:
    index = html.rfind(marker)
    if index < 0:
        raise RuntimeError(f"pyvis template changed: {marker!r} not found")
    return html[:index] + replacement + html[index + len(marker) :]


def _check(html: str, name: str) -> None:
    """Refuse to ship a page that could reach the network or run user text as HTML."""
    problems = []
    if has_url(html):
        problems.append("an http(s):// reference")
    if re.search(r"(?i)<script\b[^>]*\bsrc\s*=", html):
        problems.append("an external script")
    if re.search(r"(?i)<link\b[^>]*\bhref\s*=", html):
        problems.append("an external stylesheet")
    if "popup.innerHTML" in html:
        problems.append("pyvis's innerHTML tooltip popup")
    if "TomSelect" in html:
        problems.append("Tom Select")
    if problems:
        raise RuntimeError(f"{name} would contain {', '.join(problems)}")
