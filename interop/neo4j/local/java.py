"""The Java side of the local server: which ``java`` runs it, and with which command line."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

from interop.neo4j.local.common import Neo4jLocalError
from interop.neo4j.local.jars import Jars
from interop.neo4j.local.web import web_root

MAIN_CLASS = "org.neo4j.server.CommunityEntryPoint"

# What the official launcher passes (conf/neo4j.conf "server.jvm.additional" of the 5.26
# distribution, and BootloaderOsAbstraction's add-opens). Without java.nio opened, start-up
# fails with a LinkageError on DirectByteBuffer. -XX:+AlwaysPreTouch is left out on purpose:
# it commits the whole heap up front, which a small local server does not need.
JVM_FLAGS: tuple[str, ...] = (
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Djdk.tls.ephemeralDHKeySize=2048",
    "-Djdk.tls.rejectClientInitiatedRenegotiation=true",
    "-XX:FlightRecorderOptions=stackdepth=256",
    "-XX:+UnlockDiagnosticVMOptions",
    "-XX:+DebugNonSafepoints",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
    "-Dlog4j2.disable.jmx=true",
    "-Dlog4j.layout.jsonTemplate.maxStringLength=32768",
    "-Dfile.encoding=UTF-8",
)


def find_java() -> str:
    """``$INTEROP_JAVA``, else ``$JAVA_HOME/bin/java``, else ``java`` on PATH."""
    for candidate in (
        os.environ.get("INTEROP_JAVA", "").strip(),
        str(Path(os.environ["JAVA_HOME"]) / "bin" / "java") if os.environ.get("JAVA_HOME") else "",
    ):
        if candidate and Path(candidate).is_file():
            return candidate
    found = shutil.which("java")
    if found is None:
        raise Neo4jLocalError("Java is not installed (no java on PATH); Neo4j 5.26 needs Java 17.")
    return found


def java_major(java: str) -> int:
    """The major version of ``java`` (17 for 17.0.15)."""
    out = subprocess.run([java, "-version"], capture_output=True, text=True, check=False)
    match = re.search(r'version "(\d+)(?:\.(\d+))?', out.stderr + out.stdout)
    if not match:
        raise Neo4jLocalError(f"Could not read the version of {java}.", out.stderr)
    major = int(match.group(1))
    return int(match.group(2) or 0) if major == 1 else major


def java_command(java: str, home: Path, jars: Jars, heap: str) -> list[str]:
    """The command line that runs the server in the foreground (we detach it ourselves)."""
    classpath = os.pathsep.join(
        [
            str(web_root(home)),  # first: its browser/ folder is what /browser/ serves
            str(home / "plugins" / "*"),
            str(home / "conf" / "*"),
            str(jars.lib / "*"),
        ]
    )
    return [
        java,
        f"-Xms{heap}",
        f"-Xmx{heap}",
        *JVM_FLAGS,
        "-cp",
        classpath,
        MAIN_CLASS,
        f"--home-dir={home}",
        f"--config-dir={home / 'conf'}",
        "--console-mode",
    ]
