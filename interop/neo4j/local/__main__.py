"""``python -m interop.neo4j.local up|down|status|logs|jars``."""

from interop.neo4j.local.cli import main

raise SystemExit(main())
