"""Benchmark of what a second round adds to an analysis, on the generated city.

    .venv/bin/python bench/rounds.py [--scales 1 10] [--repeat 3]

For each scale the sample city is generated twice (round 1, and ``--round 2`` a year on),
both are validated and analysed with the embedded engine (untimed setup); then:

compare   = ``interop.rounds.compare`` of round 2's findings with round 1's (identity,
            round on every finding, resolved, unverified);
scorecard = ``interop.report.scorecard.scorecard`` on round 2's graph and findings
            (every department: systems, cameras, flows, findings, money);
charts    = ``interop.report.charts.draw_charts``: the four pictures as cleaned SVG
            (matplotlib, glyphs as paths; the first call also loads the CJK font);
svg KiB   = the size of the four pictures in report.html.

Times are the best of --repeat runs.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from interop.analysis import analyze
from interop.generate import AS_OF, write_city
from interop.generate.round2 import ROUND_2_AS_OF
from interop.graph import build_graph
from interop.loaders import load_inventory
from interop.parameters import Parameters
from interop.report.catalog import catalog
from interop.report.charts import draw_charts
from interop.report.scorecard import scorecard
from interop.rounds import compare


def best(repeat: int, work: Callable[[], Any]) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - start)
    return min(times), result


def run(scale: float, repeat: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        first_inv = load_inventory(write_city(base / "r1", scale=scale))
        second_inv = load_inventory(write_city(base / "r2", scale=scale, audit_round=2))
    first = analyze(first_inv, Parameters(as_of=AS_OF))
    second = analyze(second_inv, Parameters(as_of=ROUND_2_AS_OF))
    graph = build_graph(second_inv)
    t_compare, compared = best(repeat, lambda: compare(second, first))
    t_cards, cards = best(repeat, lambda: scorecard(graph, compared))
    entries = catalog(compared)
    t_charts, charts = best(repeat, lambda: draw_charts(compared, entries, cards, "zh"))
    svg = sum(len(getattr(charts, k) or "") for k in ("areas", "money", "heatmap", "rounds"))
    print(
        f"scale {scale:>5g}: {len(compared.findings):>7,} findings, "
        f"{len(compared.resolved or []):>6,} resolved, {len(cards):>6,} departments | "
        f"compare {t_compare:6.2f} s  scorecard {t_cards:6.2f} s  charts {t_charts:6.2f} s  "
        f"svg {svg / 1024:6.0f} KiB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=float, nargs="+", default=[1.0, 10.0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    for scale in args.scales:
        run(scale, args.repeat)


if __name__ == "__main__":
    main()
