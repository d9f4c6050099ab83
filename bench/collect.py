"""Benchmark of the questionnaire round: template, filled returns, ``interop collect``.

    .venv/bin/python bench/collect.py [--scale 1.0] [--cameras N] [--repeat 2]

The sample city (``interop.generate``) is shared out by unit (``generate/returns.py``:
every unit's own rows, vertical systems reported by their owner and every user) into
copies of the questionnaire with all departments prefilled, as a bureau would send them.
Printed: the time to write the template, to fill the returns (a stand-in for the units),
and to collect them (read every return, validate them alone and together, merge, write
the inventory), best of --repeat; the rows read, written, merged and rejected; CPU time
beside wall time, since the machine may be shared.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from interop.generate.city import build_country, render_country
from interop.generate.returns import write_returns
from interop.generate.write import typed_tables
from interop.loaders import load_inventory
from interop.loaders.write import write_csv_folder
from interop.questionnaire.collect import collect, write_collected
from interop.questionnaire.template import write_template


def timed(step):  # type: ignore[no-untyped-def]
    wall, cpu = time.perf_counter(), time.process_time()
    result = step()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--cameras", type=int, default=None)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="interop-bench-collect-") as tmp:
        root = Path(tmp)
        tables = typed_tables(render_country(build_country(2020, args.scale, args.cameras), "zh"))
        city = load_inventory(write_csv_folder(tables, root / "city", "zh")[0].parent)
        _, wall, cpu = timed(lambda: write_template(root / "form.xlsx", "zh", city.departments))
        print(f"template ({len(city.departments)} departments prefilled): {wall:.2f} s")
        names = {d.id: d.name for d in city.departments}
        paths, wall, cpu = timed(
            lambda: write_returns(root / "returns", tables, root / "form.xlsx", names)
        )
        print(f"fill {len(paths)} returns: {wall:.1f} s wall, {cpu:.1f} s CPU")
        best = None
        for run in range(args.repeat):
            out = root / f"collected-{run}"
            collected, wall, cpu = timed(lambda out=out: _collect(root / "returns", out))
            if best is None or wall < best[0]:
                best = (wall, cpu)
        assert best is not None
        rows = [collected.count(r.name) for r in collected.returns]
        read = sum(r.read for r in rows)
        print(
            f"collect {len(paths)} returns, {read} rows: {best[0]:.1f} s wall, "
            f"{best[1]:.1f} s CPU (best of {args.repeat}); "
            f"written {sum(r.written for r in rows)}, merged {sum(r.merged for r in rows)}, "
            f"rejected {sum(r.rejected for r in rows)}"
        )


def _collect(returns: Path, out: Path):  # type: ignore[no-untyped-def]
    collected = collect(returns)
    write_collected(collected, out)
    return collected


if __name__ == "__main__":
    main()
