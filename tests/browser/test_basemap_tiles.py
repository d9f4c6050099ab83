"""map-cameras.html in Chromium on tiles from a local tile server (127.0.0.1 only).

The server answers any ``/tiles/{z}/{x}/{y}.png`` with a plain PNG and records the paths;
every other request the page makes is recorded and aborted. The test then checks, from
the DOM alone, that each camera of a duplicate site is drawn on the tile pixel its
coordinates give in Web Mercator (in the tiles' datum): the tile ``<img>`` Leaflet placed
for that tile, plus the pixel inside it, is where the marker's centre is.
"""

from __future__ import annotations

import math
import struct
import threading
import zlib
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from outputs.hostile import IMG, PAYLOADS, hostile_analysis

from browser.chromium import CHROMIUM, LAUNCH_ARGS
from interop.analysis import analyze
from interop.geo import to_wgs84
from interop.geo.datum import wgs84_to_gcj02
from interop.graph import build_graph, with_cameras
from interop.loaders import load_inventory
from interop.outputs import write_outputs
from interop.parameters import Parameters
from interop.viz.basemap import FILE, Basemap

pytestmark = pytest.mark.browser

TILE = 256


def _png(rgb: tuple[int, int, int]) -> bytes:
    """A plain 256x256 PNG of one colour."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    row = b"\x00" + bytes(rgb) * TILE
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", TILE, TILE, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(row * TILE))
        + chunk(b"IEND", b"")
    )


class TileServer:
    """Serves plain tiles on 127.0.0.1 and records every path asked for."""

    def __init__(self) -> None:
        requested: list[str] = []
        image = _png((220, 230, 220))

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                requested.append(self.path)
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.send_header("Content-Length", str(len(image)))
                self.end_headers()
                self.wfile.write(image)

            def log_message(self, *args: object) -> None:
                pass

        self.requested = requested
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> TileServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: run scripts/setup-browser.sh")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=LAUNCH_ARGS, headless=True
        )
        yield browser
        browser.close()


def _world_pixel(lat: float, lon: float, zoom: int) -> tuple[float, float]:
    """Web Mercator: the pixel of (lat, lon) in the whole world at ``zoom``."""
    scale = TILE * 2**zoom
    x = (lon + 180.0) / 360.0 * scale
    s = math.sin(math.radians(lat))
    y = (0.5 - math.log((1 + s) / (1 - s)) / (4 * math.pi)) * scale
    return x, y


@pytest.mark.parametrize("datum", ["gcj02", "wgs84"])
def test_cameras_land_on_their_tile_pixels_and_tiles_come_only_from_the_template(
    datum: str, chromium: Any, tiny_dir: Path, tmp_path: Path
) -> None:
    inventory = load_inventory(tiny_dir)
    document = analyze(inventory, Parameters(as_of=date(2020, 12, 31)))
    graph = build_graph(inventory)
    site = next(f for f in document.findings if f.rule == "camera.duplicate_site")
    with TileServer() as tiles:
        template = f"http://127.0.0.1:{tiles.port}/tiles/{{z}}/{{x}}/{{y}}.png"
        write_outputs(document, graph, tmp_path, "zh", basemap=Basemap(template, datum))  # type: ignore[arg-type]
        context = chromium.new_context(viewport={"width": 1200, "height": 900})
        remote: list[str] = []

        def route(route: Any) -> None:
            url = route.request.url
            if url.startswith(("file:", "data:", "about:", f"http://127.0.0.1:{tiles.port}/")):
                route.continue_()
            else:
                remote.append(url)
                route.abort()

        context.route("**/*", route)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        try:
            page.goto((tmp_path / FILE).as_uri(), wait_until="load")
            page.wait_for_function("window.interopMap !== undefined")
            page.wait_for_function(
                "document.querySelectorAll('img.leaflet-tile-loaded').length > 0"
            )
            zoom = page.evaluate("window.interopMap.getZoom()")
            assert zoom >= 15  # a city block: the site's cameras are metres apart
            for subject in site.subjects:
                camera = f"Camera:{subject}"  # cameras are no graph nodes (issue 7)
                node = with_cameras(graph, only=[camera]).nodes[camera]
                lat, lon = to_wgs84(node["lat"], node["lon"], node.get("coord_system", "wgs84"))
                if datum == "gcj02":
                    shifted = wgs84_to_gcj02(np.array([lat]), np.array([lon]))
                    lat, lon = float(shifted[0][0]), float(shifted[1][0])
                px, py = _world_pixel(lat, lon, zoom)
                tx, ty = int(px // TILE), int(py // TILE)
                src = f"/tiles/{zoom}/{tx}/{ty}.png"
                box = page.evaluate(
                    """(src) => {
                        const img = [...document.querySelectorAll('img.leaflet-tile')]
                          .find(i => i.src.endsWith(src));
                        return img ? img.getBoundingClientRect().toJSON() : null;
                    }""",
                    src,
                )
                assert box is not None, f"no tile {src} on the page"
                expected = (box["x"] + px - tx * TILE, box["y"] + py - ty * TILE)
                centres = page.evaluate(
                    """() => [...document.querySelectorAll('path.interop-camera')].map(p => {
                        const r = p.getBoundingClientRect();
                        return [r.x + r.width / 2, r.y + r.height / 2];
                    })"""
                )
                nearest = min(math.dist(expected, c) for c in centres)
                assert nearest <= 1.5, (subject, expected, nearest)
        finally:
            context.close()
        assert errors == []
        assert remote == [], f"requests beyond the page and the tile server: {remote}"
        assert tiles.requested, "no tile was requested"
        assert all(
            p.startswith(f"/tiles/{zoom}/") or p.startswith("/tiles/") for p in tiles.requested
        )


def test_hostile_names_on_the_map_stay_text(chromium: Any, tmp_path: Path) -> None:
    document, graph = hostile_analysis()
    with TileServer() as tiles:
        template = f"http://127.0.0.1:{tiles.port}/tiles/{{z}}/{{x}}/{{y}}.png"
        write_outputs(document, graph, tmp_path, "zh", basemap=Basemap(template, "wgs84", IMG))
        context = chromium.new_context(viewport={"width": 1200, "height": 900})
        context.route(
            "**/*",
            lambda r: (
                r.continue_()
                if r.request.url.startswith(("file:", f"http://127.0.0.1:{tiles.port}/"))
                else r.abort()
            ),
        )
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        try:
            page.goto((tmp_path / FILE).as_uri(), wait_until="load")
            page.wait_for_function("window.interopMap !== undefined")
            shown = page.evaluate(
                """() => {
                    const texts = [];
                    window.interopMap.eachLayer(layer => {
                        if (layer.getPopup && layer.getPopup()) {
                            layer.openPopup();
                            const box = layer.getPopup().getElement();
                            texts.push(box ? box.innerText : '');
                            layer.closePopup();
                        }
                    });
                    return texts;
                }"""
            )
            attribution = page.inner_text(".leaflet-control-attribution")
            assert page.evaluate("typeof window.__pwned") == "undefined", "a payload ran"
            assert page.evaluate("document.querySelectorAll('[onerror],[onload]').length") == 0
        finally:
            context.close()
    assert errors == []
    joined = "\n".join(shown)
    assert shown and any(payload in joined for payload in PAYLOADS)  # shown, as text
    assert IMG in attribution
