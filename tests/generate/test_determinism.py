"""Same seed, same bytes; another seed, another city."""

from __future__ import annotations

from pathlib import Path

from interop.generate import generate_city, write_city


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_same_seed_gives_identical_bytes(tmp_path: Path, city_zh: Path) -> None:
    again = write_city(tmp_path / "again", seed=2020, lang="zh")
    assert _files(again) == _files(city_zh)


def test_different_seed_gives_a_different_city(tmp_path: Path, city_zh: Path) -> None:
    other = _files(write_city(tmp_path / "other", seed=2021, lang="zh"))
    mine = _files(city_zh)
    assert other.keys() == mine.keys()
    changed = [name for name in mine if name != "README.md" and other[name] != mine[name]]
    assert len(changed) >= 5


def test_generate_city_is_repeatable_in_memory() -> None:
    assert generate_city(7, 0.1, "en") == generate_city(7, 0.1, "en")
    assert generate_city(7, 0.1, "en") != generate_city(8, 0.1, "en")
