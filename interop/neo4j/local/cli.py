"""``python -m interop.neo4j.local up|down|status|logs|jars``: the runner without click.

``interop neo4j up|down|status`` (:mod:`interop.cli.neo4j_cmds`) calls the same functions
and prints the same lines; this entry point stays for ``make neo4j-up`` and scripts that
run before the package's console script exists. Progress goes to stderr, one final status
line to stdout.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from interop.neo4j.local.common import Neo4jLocalError, resolve_home, say
from interop.neo4j.local.config import read_log
from interop.neo4j.local.jars import ensure_jars
from interop.neo4j.local.server import STOP_TIMEOUT, ServerStatus, start, status, stop


def stopped_line(stopped: bool, home: Path | str | None = None) -> str:
    """What ``down`` prints: whether a server was stopped, and which home."""
    where = resolve_home(home)
    return f"Neo4j stopped (home {where})" if stopped else f"Neo4j not running (home {where})"


def status_code(state: ServerStatus) -> int:
    """The exit status of ``status``: 0 running and answering, 1 not answering, 3 not running."""
    if not state.running:
        return 3
    return 0 if state.answering else 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m interop.neo4j.local",
        description="Run a local Neo4j 5.26 Community server from Maven Central jars.",
    )
    parser.add_argument("--home", type=Path, help="Neo4j home (default: $INTEROP_NEO4J_HOME)")
    sub = parser.add_subparsers(dest="command", required=True)
    up = sub.add_parser("up", help="start the server (harmless if it is running)")
    up.add_argument("--port", type=int, help="Bolt port (default: $INTEROP_NEO4J_PORT or 7687)")
    up.add_argument(
        "--http-port",
        type=int,
        help="Neo4j Browser's port (default: $INTEROP_NEO4J_HTTP_PORT or 7474)",
    )
    up.add_argument("--timeout", type=float, help="seconds to wait for Bolt (default 180)")
    down = sub.add_parser("down", help="stop the server (harmless if it is not running)")
    down.add_argument("--timeout", type=float, default=STOP_TIMEOUT, help="seconds before SIGKILL")
    sub.add_parser("status", help="exit 0 if running and answering, 3 if not running")
    logs = sub.add_parser("logs", help="print the end of a log file")
    logs.add_argument("-n", "--lines", type=int, default=40)
    logs.add_argument(
        "--file", default="console.log", help="console.log (default), neo4j.log, debug.log"
    )
    sub.add_parser("jars", help="only download the jars; print the lib directory")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """CLI entry point: progress goes to stderr, one final status line to stdout."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "up":
            info = start(args.home, port=args.port, http_port=args.http_port, timeout=args.timeout)
            print(info.summary())
        elif args.command == "down":
            print(stopped_line(stop(args.home, timeout=args.timeout), args.home))
        elif args.command == "status":
            state = status(args.home)
            print(state.summary())
            return status_code(state)
        elif args.command == "logs":
            text = read_log(args.home, args.lines, args.file)
            if not text:
                say(f"No {args.file} in {resolve_home(args.home) / 'logs'}.")
                return 1
            print(text)
        elif args.command == "jars":
            print(ensure_jars().lib)
    except Neo4jLocalError as exc:
        if exc.detail:
            print(exc.detail, file=sys.stderr)
            print("-" * 72, file=sys.stderr)
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
