"""A local Neo4j 5.26 Community server from Maven Central jars.

CLI: ``python -m interop.neo4j.local up|down|status|logs|jars`` (and ``interop neo4j``).
One module per job: ``jars`` (the pom, Maven Central, the cache), ``config`` (the home's
configuration), ``java`` and ``process`` (the command line, the detached process),
``bolt`` (asking the server), ``server`` (start, stop, status), ``cli``.
"""

from interop.neo4j.local.cli import main
from interop.neo4j.local.common import Neo4jLocalError, default_home
from interop.neo4j.local.config import read_log
from interop.neo4j.local.jars import Jars, Versions, ensure_jars, pinned_versions
from interop.neo4j.local.server import ServerInfo, ServerStatus, shared_server, start, status, stop

__all__ = [
    "Jars",
    "Neo4jLocalError",
    "ServerInfo",
    "ServerStatus",
    "Versions",
    "default_home",
    "ensure_jars",
    "main",
    "pinned_versions",
    "read_log",
    "shared_server",
    "start",
    "status",
    "stop",
]
