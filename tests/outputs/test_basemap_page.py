"""map-cameras.html (``--basemap``): hostile names stay text, the tile template is the one
remote reference, and without a base map no page names any map."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from interop.outputs import write_outputs
from interop.viz.basemap import DATA_ID, FILE, Basemap, BasemapError
from outputs.conftest import Written
from outputs.hostile import PAYLOADS, RAW_MARKERS, hostile_analysis

TEMPLATE = "http://127.0.0.1:9/tiles/{z}/{x}/{y}.png"
ATTRIBUTION = '<img src=x onerror=window.__pwned=1> 内部地图 "http://evil.example/x"'
URL = re.compile(r"(?i)https?:(?:/|\\/){2}[^\s\"'<>\\]*")


@pytest.fixture(scope="module")
def hostile_map(tmp_path_factory: pytest.TempPathFactory) -> Written:
    document, graph = hostile_analysis()
    out = tmp_path_factory.mktemp("hostile-map")
    basemap = Basemap(TEMPLATE, "gcj02", ATTRIBUTION)
    return Written(document, out, write_outputs(document, graph, out, "zh", basemap=basemap))


def _island(html: str) -> dict:
    match = re.search(rf'<script type="application/json" id="{DATA_ID}">(.*?)</script>', html)
    assert match, "no data island"
    return json.loads(match.group(1))


def test_without_basemap_no_map_page_and_no_tile_reference(hostile: Written) -> None:
    assert not (hostile.out / FILE).exists()
    for path in hostile.paths:
        if path.suffix == ".html":
            assert "tileLayer" not in path.read_text(encoding="utf-8"), path.name


def test_map_page_is_written_with_the_other_outputs(hostile_map: Written) -> None:
    assert (hostile_map.out / FILE) in hostile_map.paths


def test_the_tile_template_is_the_only_remote_reference(hostile_map: Written) -> None:
    html = hostile_map.text(FILE)
    assert not re.search(r"(?i)https?://", html)  # every URL scheme is written \/
    assert not re.search(r"(?i)<script\b[^>]*\bsrc\s*=", html)
    assert not re.search(r"(?i)<link\b", html)
    assert not re.search(r"(?i)\b(?:src|href)\s*=\s*[\"']?\s*//", html)
    assert "@import" not in html
    for library in ("jquery", "bootstrap", "font-awesome", "awesome-markers", "cdn."):
        assert library not in html.lower(), library
    island = _island(html)
    assert island["tiles"] == TEMPLATE
    # outside the island, what could be a URL is Leaflet's own strings and comments, never
    # a host: the tile layer reads its template from the island alone
    rest = html.replace(html[html.index(f'id="{DATA_ID}"') :].split("</script>", 1)[0], "")
    hosts = {m.group(0) for m in URL.finditer(rest)}
    assert all("127.0.0.1" not in h and "evil" not in h for h in hosts), hosts
    assert "L.tileLayer(data.tiles" in html


def test_hostile_names_and_attribution_stay_text(hostile_map: Written) -> None:
    html = hostile_map.text(FILE)
    for marker in RAW_MARKERS:
        assert marker not in html, marker
    island = _island(html)
    titles = "\n".join(c["title"] for c in island["cameras"])
    assert island["cameras"], "the hostile inventory has cameras"
    assert any(payload in titles for payload in PAYLOADS)  # kept as data, decoded intact
    assert "<img" not in island["attribution"] and "&lt;img" in island["attribution"]
    ours = next(s for s in html.split("<script>") if "window.interopMap" in s)
    assert "textContent = s" in ours and "innerHTML" not in ours


def test_bad_templates_are_refused() -> None:
    for bad in ("file:///etc/{z}/{x}/{y}", "http://a/{z}/{x}.png", 'http://a/"{z}{x}{y}'):
        with pytest.raises(BasemapError):
            Basemap(bad)


def test_cli_refuses_a_bad_template_as_a_usage_error(tmp_path: Path, tiny_dir: Path) -> None:
    from click.testing import CliRunner

    from interop.cli.app import cli

    result = CliRunner().invoke(
        cli, ["analyze", str(tiny_dir), "--out", str(tmp_path), "--basemap", "tiles/{z}/{x}"]
    )
    assert result.exit_code == 2
    assert "--basemap" in result.output and "Traceback" not in result.output
