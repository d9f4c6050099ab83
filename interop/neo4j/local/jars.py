"""The jars of the local server: the versions ``pom.xml`` pins, fetched once from Maven
Central into ``${INTEROP_CACHE:-~/.cache/interop}/neo4j-<version>/`` by Maven itself.

A marker file holding the pom's digest makes every later call return at once, without
Maven and without the network: only the first ``interop neo4j up`` needs Maven Central.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from interop.neo4j.local.common import (
    Neo4jLocalError,
    cache_root,
    file_lock,
    require_posix,
    say,
    tail,
)

POM = Path(__file__).with_name("pom.xml")


@dataclass(frozen=True)
class Versions:
    """Versions pinned in pom.xml."""

    neo4j: str
    apoc: str
    browser: str


@dataclass(frozen=True)
class Jars:
    """The cached runtime jars: ``lib`` goes on the classpath, ``apoc_jars`` into plugins/,
    ``browser_jar`` (Neo4j Browser's static files) is unpacked into the home's web root."""

    versions: Versions
    root: Path
    lib: Path
    apoc_jars: tuple[Path, ...]
    browser_jar: Path


def pinned_versions(pom: Path = POM) -> Versions:
    """The Neo4j, APOC and Neo4j Browser versions pinned in ``pom.xml``."""
    ns = {"m": "http://maven.apache.org/POM/4.0.0"}
    props = ET.parse(pom).getroot().find("m:properties", ns)
    names = ("neo4j", "apoc", "browser")
    found = {
        name: (props.findtext(f"m:{name}.version", namespaces=ns) or "").strip()
        if props is not None
        else ""
        for name in names
    }
    if not all(found.values()):
        raise Neo4jLocalError(
            f"{pom} does not pin neo4j.version, apoc.version and browser.version."
        )
    return Versions(**found)


def _pom_digest() -> str:
    return hashlib.sha256(POM.read_bytes()).hexdigest()


def _jars_at(root: Path, versions: Versions) -> Jars:
    return Jars(
        versions=versions,
        root=root,
        lib=root / "lib",
        apoc_jars=tuple(
            root / "plugins" / f"apoc-{part}-{versions.apoc}.jar" for part in ("core", "common")
        ),
        browser_jar=root / "browser" / f"neo4j-browser-{versions.browser}.jar",
    )


def _jars_complete(jars: Jars, digest: str) -> bool:
    marker = jars.root / ".complete"
    return (
        marker.is_file()
        and marker.read_text(encoding="utf-8").strip() == digest
        and all(jar.is_file() for jar in (*jars.apoc_jars, jars.browser_jar))
        and (jars.lib / f"neo4j-{jars.versions.neo4j}.jar").is_file()
    )


def ensure_jars(cache: Path | str | None = None) -> Jars:
    """Copy the pinned jars into ``<cache>/neo4j-<version>/`` unless they are there already.

    A marker file holding the pom's digest makes later calls return at once (no Maven run,
    no network). Maven itself keeps its download cache in ``~/.m2``.
    """
    versions = pinned_versions()
    root = (Path(cache).expanduser() if cache else cache_root()) / f"neo4j-{versions.neo4j}"
    jars = _jars_at(root, versions)
    digest = _pom_digest()
    if _jars_complete(jars, digest):
        return jars
    require_posix()
    with file_lock(root.parent / f"neo4j-{versions.neo4j}.lock"):
        if _jars_complete(jars, digest):  # another process finished while we waited
            return jars
        mvn = shutil.which("mvn")
        if mvn is None:
            raise Neo4jLocalError(
                "Maven (mvn) is not on PATH; install Maven 3.8+ to download the Neo4j jars."
            )
        staging = root / "staging"
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        pom = staging / "pom.xml"
        shutil.copyfile(POM, pom)
        command = [
            mvn,
            "-B",
            "-q",
            "-f",
            str(pom),
            "dependency:copy-dependencies@lib",
            "dependency:copy-dependencies@plugins",
            "dependency:copy-dependencies@browser",
            f"-Dinterop.lib.dir={staging / 'lib'}",
            f"-Dinterop.plugins.dir={staging / 'plugins'}",
            f"-Dinterop.browser.dir={staging / 'browser'}",
        ]
        say(
            f"Downloading Neo4j {versions.neo4j} + APOC {versions.apoc} + Neo4j Browser "
            f"{versions.browser} jars with Maven into {root} (first run only, about 165 MB)..."
        )
        began = time.monotonic()
        done = subprocess.run(command, cwd=staging, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise Neo4jLocalError(
                "Maven could not fetch the Neo4j jars (is Maven Central reachable?).",
                tail(done.stdout + done.stderr, 40),
            )
        staged = _jars_at(staging, versions)
        kernel_jar = staged.lib / f"neo4j-{versions.neo4j}.jar"
        wanted = (kernel_jar, *staged.apoc_jars, staged.browser_jar)
        if not all(jar.is_file() for jar in wanted):
            raise Neo4jLocalError(f"Maven finished but {staging} lacks the expected jars.")
        for name in ("lib", "plugins", "browser"):
            shutil.rmtree(root / name, ignore_errors=True)
            (staging / name).rename(root / name)
        (root / ".complete").write_text(digest + "\n", encoding="utf-8")
        shutil.rmtree(staging, ignore_errors=True)
        count = sum(1 for _ in jars.lib.glob("*.jar"))
        say(f"Jars ready: {count} in {jars.lib} ({time.monotonic() - began:.1f} s).")
    return jars
