"""Connection settings for Neo4j, read from the environment (pydantic-settings).

Variables (the names Neo4j's own tools read):

- ``NEO4J_URI``: default ``bolt://127.0.0.1:7687`` (the local server of ``interop.neo4j.local``);
- ``NEO4J_USERNAME`` or ``NEO4J_USER``: default ``neo4j``;
- ``NEO4J_PASSWORD``: optional; unset means no authentication (a server with auth off);
- ``NEO4J_DATABASE``: default ``neo4j``.

The password is a :class:`~pydantic.SecretStr`: it is never printed, logged or shown in a
``repr``; only :meth:`Neo4jSettings.auth` reveals it, to the driver.
"""

from __future__ import annotations

import neo4j
from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_URI = "bolt://127.0.0.1:7687"
DEFAULT_DATABASE = "neo4j"


class Neo4jSettings(BaseSettings):
    """Where the Neo4j server is and how to log in."""

    model_config = SettingsConfigDict(extra="ignore", populate_by_name=True)

    uri: str = Field(default=DEFAULT_URI, validation_alias="NEO4J_URI")
    user: str = Field(
        default="neo4j", validation_alias=AliasChoices("NEO4J_USERNAME", "NEO4J_USER")
    )
    password: SecretStr | None = Field(default=None, validation_alias="NEO4J_PASSWORD")
    database: str = Field(default=DEFAULT_DATABASE, validation_alias="NEO4J_DATABASE")

    def auth(self) -> tuple[str, str] | None:
        """Basic auth for the driver, or None (no authentication) when no password is set."""
        if self.password is None or not self.password.get_secret_value():
            return None
        return (self.user, self.password.get_secret_value())


def connect(uri: str | None = None, settings: Neo4jSettings | None = None) -> neo4j.Driver:
    """A driver for ``uri`` (default: ``NEO4J_URI``), with credentials from the environment.

    The driver connects lazily: call ``driver.verify_connectivity()`` to fail early. Close it
    when done (it is a context manager).
    """
    settings = settings or Neo4jSettings()
    return neo4j.GraphDatabase.driver(uri or settings.uri, auth=settings.auth())


def default_database() -> str:
    """The database to use when none is given: ``NEO4J_DATABASE`` or ``neo4j``."""
    return Neo4jSettings().database
