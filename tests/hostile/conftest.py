"""Fixtures of the hostile suite: the real Neo4j server's, shared with tests/neo4j/.

``tests/neo4j/conftest.py`` cannot be imported by name (``neo4j`` is the driver's
package), so its fixtures are loaded from the file and offered here as they are there.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

_SPEC = importlib.util.spec_from_file_location(
    "interop_tests_neo4j_conftest", Path(__file__).parents[1] / "neo4j" / "conftest.py"
)
assert _SPEC is not None and _SPEC.loader is not None
_NEO4J = importlib.util.module_from_spec(_SPEC)
sys.modules[_SPEC.name] = _NEO4J  # dataclasses look their module up there
_SPEC.loader.exec_module(_NEO4J)

neo4j_server = _NEO4J.neo4j_server
driver = _NEO4J.driver
neo4j_database = _NEO4J.neo4j_database
pytest_collection_modifyitems = _NEO4J.pytest_collection_modifyitems
