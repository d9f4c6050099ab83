"""``python -m interop.docs [--check]``: write every generated file, or name the stale ones."""

from __future__ import annotations

import sys

from interop.docs import GENERATED, stale, write_all


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if "--check" in args:
        old = stale()
        for item in old:
            print(f"{item.path}: stale (from {item.source}): run `make docs`")
        return 1 if old else 0
    changed = {item.path for item in write_all()}
    for item in GENERATED:
        print(f"{item.path}: {'rewritten' if item.path in changed else 'unchanged'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
