"""Every output stays offline and keeps hostile names as text."""

from __future__ import annotations

import json
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from openpyxl import load_workbook

from interop.escape import (
    FORMULA_PREFIXES,
    csv_row,
    html_text,
    json_for_script,
    looks_like_formula,
    md_text,
    neutralize_urls,
)
from outputs.conftest import Written
from outputs.hostile import IMG, PAYLOADS, RAW_MARKERS, SCRIPT, SVG

URL = re.compile(r"(?i)https?://")
EXPECTED = {
    "report.html",
    "report.md",
    "findings.xlsx",
    "findings.csv",
    "graph.html",
    "graph-silos.html",
    "graph-provincial.html",
    "graph-networks.html",
    "graph-cameras.html",
}
GRAPH_PAGES = sorted(p for p in EXPECTED if p.startswith("graph"))


def _texts(path: Path) -> list[tuple[str, str]]:
    """(where, text) of a file; for a workbook, every XML part inside it."""
    if path.suffix == ".xlsx":
        with zipfile.ZipFile(path) as book:
            return [(f"{path.name}:{n}", book.read(n).decode("utf-8")) for n in book.namelist()]
    return [(path.name, path.read_text(encoding="utf-8-sig"))]


def test_every_output_is_written(hostile: Written, every_rule_written: Written) -> None:
    assert {p.name for p in hostile.paths} == EXPECTED
    assert {p.name for p in every_rule_written.paths} == EXPECTED


@pytest.mark.parametrize("which", ["hostile", "every_rule_written"])
def test_no_http_url_anywhere(which: str, request: pytest.FixtureRequest) -> None:
    """Literally no http:// or https:// in any file (the names carry URLs)."""
    written: Written = request.getfixturevalue(which)
    for path in written.paths:
        for where, text in _texts(path):
            if path.suffix in (".csv", ".xlsx"):
                continue  # data exports keep user text verbatim (checked below)
            match = URL.search(text)
            assert match is None, (
                f"{where}: {text[max(0, match.start() - 60) : match.end() + 60]!r}"
            )


def test_spreadsheets_hold_no_url_of_their_own(every_rule_written: Written) -> None:
    """The tiny inventory holds no URL, so a URL in its tables would be one we wrote.

    (The workbook's XML names its namespaces with http URIs; those are identifiers of the
    format, never fetched, so the cells are checked rather than the XML.)
    """
    assert not URL.search(every_rule_written.text("findings.csv"))
    book = load_workbook(every_rule_written.out / "findings.xlsx")
    for sheet in book.worksheets:
        for row in sheet.iter_rows(values_only=True):
            for value in row:
                assert not (isinstance(value, str) and URL.search(value)), (sheet.title, value)


def test_pages_load_nothing_remote(hostile: Written) -> None:
    for name in [*GRAPH_PAGES, "report.html"]:
        html = hostile.text(name)
        assert not re.search(r"(?i)<script\b[^>]*\bsrc\s*=", html), name
        assert not re.search(r"(?i)<link\b", html), name
        assert not re.search(r"(?i)\b(?:src|href)\s*=\s*[\"']?\s*//", html), name
        assert "bootstrap" not in html.lower(), name
        assert "TomSelect" not in html, name
        assert "popup.innerHTML" not in html, name  # pyvis's href tooltip path
        assert "@import" not in html, name


@pytest.mark.parametrize("name", [*GRAPH_PAGES, "report.html"])
def test_markup_payloads_never_appear_raw_in_html(hostile: Written, name: str) -> None:
    html = hostile.text(name)
    for marker in RAW_MARKERS:
        assert marker not in html, f"{name} holds {marker!r} unescaped"
    scripts = _scripts(html)
    assert len(scripts) == (0 if name == "report.html" else 5), [s[:40] for s in scripts]
    assert not any(s.strip().startswith("window.__pwned") for s in scripts)


def test_report_html_shows_payloads_escaped(hostile: Written) -> None:
    html = hostile.text("report.html")
    for payload in PAYLOADS:
        assert str(html_text(payload)) in html, payload


def test_graph_data_islands_escape_and_keep_the_text(hostile: Written) -> None:
    """In embedded JSON, < > & are \\u escapes; decoded, the names are intact."""
    html = hostile.text("graph.html")
    nodes = _dataset(html, "nodes")
    titles = "\n".join(n.get("title", "") for n in nodes)
    labels = "\n".join(n.get("label", "") for n in nodes)
    assert IMG in titles  # decoded JSON holds the payload as data…
    assert "\\u003cimg src=x" in html  # …written with escapes in the page
    assert "市公安局<img" in labels or "市公安局" in labels
    for node in nodes:
        assert "href" not in node.get("title", "").lower(), node["id"]
    island = _island(html)
    assert island["nodes"] == len(nodes)
    assert island["edges"] == len(_dataset(html, "edges"))


def test_json_for_script_escapes() -> None:
    text = json_for_script({"a": f"{SCRIPT}&'{SVG} https://x"})
    assert "<" not in text and ">" not in text and "&" not in text and "'" not in text
    assert "\\u003c/script\\u003e" in text
    assert "https:\\/\\/x" in text
    assert json.loads(text) == {"a": f"{SCRIPT}&'{SVG} https://x"}


def test_neutralize_urls_keeps_script_strings_equal() -> None:
    page = '<p>see http://a.b</p><script>var ns="http://www.w3.org/2000/svg";</script>'
    out = neutralize_urls(page)
    assert not URL.search(out)
    assert 'var ns="http:\\/\\/www.w3.org/2000/svg";' in out  # the same JS string
    assert "http:&#47;&#47;a.b" in out


def test_markdown_escapes_payloads(hostile: Written) -> None:
    md = hostile.text("report.md")
    for marker in RAW_MARKERS:
        assert marker not in md, marker
    assert md_text(IMG) in md
    assert "&lt;img src=x onerror=window.\\_\\_pwned=1&gt;" in md


def test_markdown_text_escaping() -> None:
    assert md_text("a|b") == "a\\|b"
    assert md_text("# x") == "\\# x"
    assert md_text("1. x") == "1\\. x"
    assert md_text("<b>&") == "&lt;b&gt;&amp;"
    assert md_text("line\nbreak") == "line break"
    assert "://" not in md_text("https://e.x")


class _ScriptCollector(HTMLParser):
    """The text of every <script> element, as a browser's tokenizer splits them."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[str] = []
        self._inside = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self._inside = True
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._inside = False

    def handle_data(self, data: str) -> None:
        if self._inside:
            self.scripts[-1] += data


def _scripts(html: str) -> list[str]:
    collector = _ScriptCollector()
    collector.feed(html)
    return collector.scripts


def _dataset(html: str, name: str) -> list[dict]:
    match = re.search(rf"{name} = new vis\.DataSet\((\[.*?\])\);\n", html)
    assert match, f"no {name} DataSet"
    return json.loads(match.group(1))


def _island(html: str) -> dict:
    match = re.search(
        r'<script type="application/json" id="interop-page-data">(.*?)</script>', html
    )
    assert match
    return json.loads(match.group(1))


def test_svg_payload_in_camera_address_is_data(hostile: Written) -> None:
    nodes = _dataset(hostile.text("graph-cameras.html"), "nodes")
    assert any(SVG in n.get("title", "") for n in nodes)


def test_a_csv_row_is_its_cells_each_escaped() -> None:
    """csv_row quotes the text looks_like_formula calls a formula, and leaves the rest."""
    values = ["=1+2", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "", "plain", " =1", "中文",
              None, 1.5, 0, "'=already", *(p + "x" for p in FORMULA_PREFIXES)]  # fmt: skip
    expected = ["'" + v if isinstance(v, str) and looks_like_formula(v) else v for v in values]
    assert csv_row(values) == expected
    assert csv_row(values)[:6] == ["'=1+2", "'+1", "'-1", "'@SUM(A1)", "'\tx", "'\rx"]
    assert csv_row(values)[6:14] == values[6:14]
