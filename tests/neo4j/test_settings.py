"""Connection settings from the environment; the password never shows."""

from __future__ import annotations

import pytest

from interop.neo4j.settings import Neo4jSettings, connect

VARS = ("NEO4J_URI", "NEO4J_USER", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE")


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in VARS:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_defaults_mean_the_local_server_without_auth(env: pytest.MonkeyPatch) -> None:
    settings = Neo4jSettings()
    assert settings.uri == "bolt://127.0.0.1:7687"
    assert settings.user == "neo4j"
    assert settings.database == "neo4j"
    assert settings.auth() is None


@pytest.mark.parametrize("name", ["NEO4J_USER", "NEO4J_USERNAME"])
def test_either_user_variable_and_a_secret_password(env: pytest.MonkeyPatch, name: str) -> None:
    env.setenv(name, "auditor")
    env.setenv("NEO4J_PASSWORD", "s3cret-value")
    env.setenv("NEO4J_DATABASE", "audit")
    env.setenv("NEO4J_URI", "neo4j://db.example:7687")
    settings = Neo4jSettings()
    assert settings.auth() == ("auditor", "s3cret-value")
    assert settings.database == "audit"
    assert "s3cret-value" not in repr(settings)
    assert "s3cret-value" not in str(settings)
    assert "s3cret-value" not in settings.model_dump_json()


def test_connect_uses_the_given_uri(env: pytest.MonkeyPatch) -> None:
    with connect("bolt://127.0.0.1:1") as driver:  # lazy: nothing is contacted
        assert driver is not None
