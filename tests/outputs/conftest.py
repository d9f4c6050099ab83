"""Fixtures for the output tests: outputs written once per session, for reading."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from raw_tables import raw_tables

from interop.analysis import analyze
from interop.findings.model import FindingsDocument
from interop.generate import generate_city
from interop.graph import build_graph
from interop.inventory.validate import validate
from interop.loaders import load_inventory
from interop.outputs import write_outputs
from interop.parameters import Parameters
from outputs.hostile import hostile_analysis


@dataclass(frozen=True)
class Written:
    document: FindingsDocument
    out: Path
    paths: list[Path]

    def text(self, name: str) -> str:
        return (self.out / name).read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Written:
    document, graph = hostile_analysis()
    out = tmp_path_factory.mktemp("hostile-zh")
    return Written(document, out, write_outputs(document, graph, out, "zh"))


@pytest.fixture(scope="session")
def hostile_en(tmp_path_factory: pytest.TempPathFactory) -> Written:
    document, graph = hostile_analysis()
    out = tmp_path_factory.mktemp("hostile-en")
    return Written(document, out, write_outputs(document, graph, out, "en"))


@pytest.fixture(scope="session")
def every_rule_written(every_rule_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Written:
    """The repository's every-rule inventory, analysed and written (a finding of every rule)."""
    inventory = load_inventory(every_rule_dir)
    document = analyze(inventory, Parameters(as_of=date(2021, 6, 30)))
    out = tmp_path_factory.mktemp("every-rule")
    return Written(document, out, write_outputs(document, build_graph(inventory), out, "zh"))


@pytest.fixture(scope="session")
def tiny_written(tiny_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Written:
    inventory = load_inventory(tiny_dir)
    document = analyze(inventory, Parameters(as_of=date(2020, 12, 31)))
    out = tmp_path_factory.mktemp("tiny")
    return Written(document, out, write_outputs(document, build_graph(inventory), out, "zh"))


def generated_analysis(seed: int, lang: str, scale: float = 0.3) -> FindingsDocument:
    """findings.json of a city generated in memory (``interop.generate``), analysed as of
    2020-12-31."""
    tables = generate_city(seed=seed, scale=scale, lang=lang)
    raws = raw_tables(tables)
    return analyze(validate(raws, f"generated seed={seed}"), Parameters(as_of=date(2020, 12, 31)))
