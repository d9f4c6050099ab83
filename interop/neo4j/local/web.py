"""What the local server's HTTP connector serves: Neo4j Browser and interop's rule guide.

The server serves ``/browser/`` from the first classpath entry that holds a ``browser/``
folder (one root, so a second jar cannot add files to it). Neo4j Browser's jar (fetched by
:mod:`.jars`, GPL-3, never vendored) is therefore unpacked into ``<home>/web/browser/``,
the rule guide generated from the rule declarations (``cypher/browser/rules.html``, see
:mod:`interop.neo4j.guide`) is copied beside it as ``browser/interop/rules.html``, and
``<home>/web`` goes first on the classpath (:func:`interop.neo4j.local.java.java_command`).
The Browser plays the guide with ``:guide <url>`` (:func:`guide_url`), and nothing but this
server is on its allow-list of remote content.
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

from interop.neo4j.local.jars import Jars
from interop.paths import cypher_dir

GUIDE = "browser/rules.html"
"""The generated guide, relative to the cypher/ folder."""

GUIDE_PATH = "/browser/interop/rules.html"
"""Where the server serves the guide."""


def web_root(home: Path) -> Path:
    """The classpath folder whose ``browser/`` the server serves at ``/browser/``."""
    return home / "web"


def browser_url(http_port: int) -> str:
    return f"http://127.0.0.1:{http_port}/browser/"


def guide_url(http_port: int) -> str:
    return f"http://127.0.0.1:{http_port}{GUIDE_PATH}"


def prepare_web_root(home: Path, jars: Jars) -> None:
    """Unpack the Browser's jar into ``<home>/web`` (once per jar) and copy the guide there."""
    root = web_root(home)
    marker = root / ".unpacked"
    stamp = f"{jars.browser_jar.name} {jars.browser_jar.stat().st_size}"
    if not marker.is_file() or marker.read_text(encoding="utf-8").strip() != stamp:
        shutil.rmtree(root, ignore_errors=True)
        staging = home / "web.staging"
        shutil.rmtree(staging, ignore_errors=True)
        with zipfile.ZipFile(jars.browser_jar) as jar:
            members = [name for name in jar.namelist() if name.startswith("browser/")]
            jar.extractall(staging, members)
        staging.rename(root)
        marker.write_text(stamp + "\n", encoding="utf-8")
    guide = cypher_dir() / GUIDE
    target = root / GUIDE_PATH.lstrip("/")
    target.parent.mkdir(parents=True, exist_ok=True)
    if guide.is_file():
        shutil.copyfile(guide, target)
    else:  # an installation without the guide: the Browser still works, the guide is absent
        target.unlink(missing_ok=True)
