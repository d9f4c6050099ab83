"""analyze and export freeze the heap; closing the command unfreezes it, unless the
process ends with the command (the console entry point): then all of it stays frozen."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from click.testing import CliRunner

from interop import bulk
from interop.cli.app import cli


def test_closing_a_command_unfreezes_the_heap(tiny_dir: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["analyze", str(tiny_dir), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold()[0] != bulk.YOUNG_PASS_EVERY


def test_the_heap_stays_frozen_when_the_process_ends(monkeypatch: pytest.MonkeyPatch) -> None:
    threshold = gc.get_threshold()
    monkeypatch.setattr(bulk, "_process_ends_with_command", True)
    try:
        undo = bulk.keep_heap()
        made_since = [[k] for k in range(100)]  # containers the collector tracks
        assert _in_generations(made_since) == len(made_since)  # not frozen yet
        undo()
        # frozen too: tracked still, but in no generation a collection walks (the count of
        # frozen objects cannot tell: objects frozen earlier may have been freed since)
        assert all(map(gc.is_tracked, made_since))
        assert _in_generations(made_since) == 0
        assert gc.get_threshold() == threshold
    finally:
        gc.unfreeze()
    monkeypatch.undo()
    bulk.keep_heap()()
    assert gc.get_freeze_count() == 0


def _in_generations(objects: list[list[int]]) -> int:
    """How many of ``objects`` are in a generation the collector walks (not frozen)."""
    ids = {id(o) for o in objects}
    return sum(1 for g in range(3) for o in gc.get_objects(generation=g) if id(o) in ids)


def test_the_findings_are_kept_to_the_end_only_when_the_process_ends(
    tiny_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Freeing a city's graph and findings object by object as the command returns is
    work for nothing when the process ends with it: they are kept; in a process that goes
    on (the tests), nothing is."""
    monkeypatch.setattr(bulk, "_kept", [])
    result = CliRunner().invoke(cli, ["analyze", str(tiny_dir), "--out", str(tmp_path / "a")])
    assert result.exit_code == 0, result.output
    assert bulk._kept == []
    monkeypatch.setattr(bulk, "_process_ends_with_command", True)
    findings = str(tmp_path / "b" / "findings.json")
    for command in (["analyze", str(tiny_dir)], ["export", "graph", findings, str(tiny_dir)]):
        before = len(bulk._kept)
        args = [*command, "--out", str(tmp_path / "b")]
        try:
            result = CliRunner().invoke(cli, args)
        finally:
            gc.unfreeze()
        assert result.exit_code == 0, result.output
        kinds = {type(kept).__name__ for kept in bulk._kept[before:]}
        assert kinds == {"FindingsDocument", "MultiDiGraph"}
