"""The report templates' compiled code is kept between runs, for the same source and
environment settings only, and a broken cache costs only the compilation."""

from __future__ import annotations

from pathlib import Path

import pytest
from jinja2 import DictLoader, Environment

from interop.escape import md_finalize
from interop.report.compiled_templates import keep_compiled
from interop.report.render import markdown_environment

SOURCE = "{{ x }}{% for i in xs %} {{ i }}{% endfor %}"


def _env(cache: Path, source: str = SOURCE, **settings: object) -> Environment:
    env = Environment(loader=DictLoader({"t.md.j2": source}), **settings)  # type: ignore[arg-type]
    return keep_compiled(env, str(cache))


def _render(env: Environment) -> str:
    return env.get_template("t.md.j2").render(x="a*b", xs=["<i>", "c_d"])


def test_a_second_process_uses_the_compiled_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _render(_env(tmp_path, finalize=md_finalize)) == r"a\*b &lt;i&gt; c\_d"
    assert len(list(tmp_path.iterdir())) == 1

    def no_compiling(*_: object, **__: object) -> None:
        raise AssertionError("compiled again")

    monkeypatch.setattr(Environment, "compile", no_compiling)
    assert _render(_env(tmp_path, finalize=md_finalize)) == r"a\*b &lt;i&gt; c\_d"


def test_other_settings_or_source_compile_their_own(tmp_path: Path) -> None:
    assert _render(_env(tmp_path, finalize=md_finalize)) == r"a\*b &lt;i&gt; c\_d"
    assert _render(_env(tmp_path)) == "a*b <i> c_d"
    assert _render(_env(tmp_path, autoescape=True)) == "a*b &lt;i&gt; c_d"
    assert _render(_env(tmp_path, source=SOURCE + ".")) == "a*b <i> c_d."
    assert len(list(tmp_path.iterdir())) == 3  # the new source replaced its template's


def test_a_broken_cache_only_compiles(tmp_path: Path) -> None:
    _render(_env(tmp_path))
    (cached,) = tmp_path.iterdir()
    cached.write_bytes(cached.read_bytes()[:40])  # truncated
    assert _render(_env(tmp_path)) == "a*b <i> c_d"
    cached.write_bytes(b"not a cache")
    assert _render(_env(tmp_path)) == "a*b <i> c_d"
    in_the_way = tmp_path / "file"
    in_the_way.write_text("")  # a file where the folder should be
    assert _render(_env(in_the_way)) == "a*b <i> c_d"


def test_the_report_environments_keep_their_compiled_code() -> None:
    assert markdown_environment().bytecode_cache is not None
