"""Neo4j Browser on the local server, in headless Chromium with nothing but loopback.

The page is served by the server's HTTP connector (127.0.0.1 only). Every request the page
makes goes through a route that lets loopback through and records and aborts anything
else; the server's Content-Security-Policy must also keep the page from even trying (the
Browser 5.24 asks for Segment, Canny and Google Fonts unless it is stopped). The test
connects as a user would, sees the rule guide that the server opens on connect, sets the
parameters for a loaded dataset and runs the first rule's query from the guide (its finding
shows up), then runs one query through the HTTP API from the page's own origin.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pytest
from browser.chromium import CHROMIUM, LAUNCH_ARGS
from neo4j import Driver
from tests_expected import expected_subjects

from interop.loaders import load_inventory as read_inventory
from interop.neo4j.guide import params_command
from interop.neo4j.load import clear_dataset, load_inventory
from interop.neo4j.local.web import GUIDE_PATH
from interop.rules import RULES

if TYPE_CHECKING:
    from tests.neo4j.conftest import Neo4jServer

pytestmark = pytest.mark.browser

LOOPBACK = {"127.0.0.1", "localhost", "[::1]", "::1"}


def _is_loopback(url: str) -> bool:
    if url.startswith(("data:", "blob:", "about:")):
        return True
    return urlsplit(url).hostname in LOOPBACK


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


def _run_in_editor(page: Any, command: str) -> None:
    """Type ``command`` into the Browser's editor and run it, as a user would."""
    page.locator("[data-testid='activeEditor']").first.click()
    page.keyboard.press("Control+A")
    page.keyboard.type(command)
    page.keyboard.press("Control+Enter")


@pytest.fixture
def dataset(driver: Driver, tiny_dir: Path, neo4j_database: str) -> Iterator[str]:
    name = f"test-browser-{uuid.uuid4().hex[:8]}"
    load_inventory(driver, read_inventory(tiny_dir), dataset=name, database=neo4j_database)
    yield name
    clear_dataset(driver, name, database=neo4j_database)


def test_browser_page_connects_plays_the_guide_and_runs_a_query(
    neo4j_server: Neo4jServer, chromium: Any, dataset: str, tiny_dir: Path
) -> None:
    if not neo4j_server.local:
        pytest.skip("NEO4J_URI points at a server that interop.neo4j.local does not manage")
    info = neo4j_server.info
    assert info is not None
    assert info.browser, "the local server serves no Neo4j Browser: restart it (interop neo4j up)"
    assert info.auth is None, "this test connects without authentication"
    base = urlsplit(info.browser)
    assert base.hostname == "127.0.0.1"

    context = chromium.new_context(viewport={"width": 1400, "height": 900})
    remote: list[str] = []  # requests that reached the network layer for another host
    blocked: list[str] = []

    def route(route: Any) -> None:
        if _is_loopback(route.request.url):
            route.continue_()
        else:
            remote.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    page = context.new_page()
    asked: list[str] = []  # what the page asked for beyond loopback (must all be blocked)
    page.on("request", lambda r: None if _is_loopback(r.url) else asked.append(r.url))
    page.on("requestfailed", lambda r: blocked.append(f"{r.url} {r.failure}"))
    page.on("websocket", lambda ws: None if _is_loopback(ws.url) else remote.append(ws.url))
    try:
        response = page.goto(info.browser, wait_until="load")
        assert response is not None and response.ok
        policy = response.headers.get("content-security-policy", "")
        assert "default-src 'self'" in policy and "https:" not in policy

        form = "[data-testid='authenticationMethod']"
        page.wait_for_selector(form, timeout=60_000)
        page.select_option(form, "NO_AUTH")
        page.click("[data-testid='connect']")
        page.wait_for_selector("text=Connected to Neo4j", timeout=60_000)

        # browser.post_connect_cmd opens the rule guide, served by the same server
        page.wait_for_selector("text=interop: the audit rules", timeout=60_000)
        first = page.locator("pre.runnable").first
        assert first.inner_text().strip() == params_command()

        # a rule from the guide, run in the Browser on a loaded dataset
        _run_in_editor(page, params_command(dataset).replace("date()", "date('2020-12-31')"))
        page.locator("button:has-text('Next')").first.click()  # slide 2: the first rule
        rule = RULES[0]
        assert rule.id in page.inner_text("body")
        page.locator("pre.runnable").first.click()  # puts the twin into the editor
        page.keyboard.press("Control+Enter")
        wanted = expected_subjects(tiny_dir)[rule.id][0][0]
        page.wait_for_selector(f"[data-testid='frame'] >> text={wanted}", timeout=60_000)

        # the HTTP API, from the Browser's own origin
        status, body = page.evaluate(
            """async () => {
                const response = await fetch('/db/neo4j/tx/commit', {
                    method: 'POST',
                    headers: {'Content-Type': 'application/json', 'Accept': 'application/json'},
                    body: JSON.stringify({statements: [{statement: 'RETURN 20 + 22 AS answer'}]}),
                });
                return [response.status, await response.json()];
            }"""
        )
        assert status == 200, body
        assert body["errors"] == []
        assert body["results"][0]["data"][0]["row"] == [42]
        guide = page.evaluate("async (path) => (await fetch(path)).status", GUIDE_PATH)
        assert guide == 200
    finally:
        context.close()
    assert remote == [], f"requests reached the network for another host: {remote}"
    # what the Browser asks for beyond this server is stopped by the page's policy first
    for url in asked:
        assert any(failure == f"{url} csp" for failure in blocked), (
            f"{url} was not blocked by the Content-Security-Policy: {blocked}"
        )
