"""A local Neo4j 5.26 Community server from Maven Central jars.

CLI: ``python -m interop.neo4j.local up|down|status|logs|jars``.
"""

from interop.neo4j.local.server import (
    Jars,
    Neo4jLocalError,
    ServerInfo,
    ServerStatus,
    Versions,
    default_home,
    ensure_jars,
    main,
    pinned_versions,
    read_log,
    shared_server,
    start,
    status,
    stop,
)

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
