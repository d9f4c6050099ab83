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
