"""The sample loads cleanly, in Chinese and English, as CSV (UTF-8 or GBK) and as xlsx."""

from __future__ import annotations

from pathlib import Path

import pytest

from interop.generate import write_city
from interop.inventory.model import Inventory
from interop.loaders import load_inventory
from interop.schema.tables import TABLES


def _records(inventory: Inventory) -> dict[str, list[dict]]:
    return {t.name: [r.model_dump() for r in inventory.records(t.name)] for t in TABLES}


def _clean(inventory: Inventory) -> None:
    report = inventory.report
    assert report.rejected == [], report.rejected[:3]
    assert report.warnings == [], report.warnings[:3]


def test_chinese_csv_loads_without_rejections_or_warnings(inventory_zh: Inventory) -> None:
    _clean(inventory_zh)


def test_english_csv_loads_without_rejections_or_warnings(inventory_en: Inventory) -> None:
    _clean(inventory_en)


def test_file_names_follow_the_language(city_zh: Path, city_en: Path) -> None:
    assert {p.name for p in city_zh.glob("*.csv")} == {f"{t.zh}.csv" for t in TABLES}
    assert {p.name for p in city_en.glob("*.csv")} == {f"{t.name}.csv" for t in TABLES}
    zh_header = (city_zh / "信息系统.csv").read_text("utf-8").splitlines()[0]
    assert zh_header.startswith("系统编码,系统名称,建设部门")
    assert "在用" in (city_zh / "信息系统.csv").read_text("utf-8")
    assert "电子政务外网" in (city_zh / "网络.csv").read_text("utf-8")
    assert "in_use" in (city_en / "systems.csv").read_text("utf-8")


def test_chinese_and_english_load_to_the_same_records(
    inventory_zh: Inventory, inventory_en: Inventory
) -> None:
    assert _records(inventory_zh) == _records(inventory_en)


def test_readme_says_synthetic_with_seed_and_scale(city_zh: Path) -> None:
    text = (city_zh / "README.md").read_text("utf-8")
    assert "合成数据" in text and "synthetic" in text
    assert "--seed 2020 --scale 1" in text
    assert "637" in text and "90" in text and "2020-12-31" in text


@pytest.fixture(scope="module")
def small_en_csv(tmp_path_factory: pytest.TempPathFactory) -> Inventory:
    return load_inventory(
        write_city(tmp_path_factory.mktemp("small") / "csv", scale=0.2, lang="en")
    )


def test_xlsx_workbook_loads_to_the_same_records(tmp_path: Path, small_en_csv: Inventory) -> None:
    path = write_city(tmp_path / "sample.xlsx", scale=0.2, fmt="xlsx", lang="zh")
    assert path == tmp_path / "sample.xlsx"
    assert (tmp_path / "sample.README.md").is_file()
    inventory = load_inventory(path)
    _clean(inventory)
    assert _records(inventory) == _records(small_en_csv)


def test_xlsx_into_a_folder(tmp_path: Path) -> None:
    path = write_city(tmp_path / "out", scale=0.05, fmt="xlsx", lang="en")
    assert path == tmp_path / "out" / "inventory.xlsx"
    assert (tmp_path / "out" / "README.md").is_file()
    _clean(load_inventory(path))


def test_gbk_csv_loads_to_the_same_records(tmp_path: Path, small_en_csv: Inventory) -> None:
    folder = write_city(tmp_path / "gbk", scale=0.2, lang="zh", encoding="gbk")
    inventory = load_inventory(folder)
    _clean(inventory)
    assert _records(inventory) == _records(small_en_csv)


def test_bad_arguments_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="fmt"):
        write_city(tmp_path / "x", fmt="json")
    with pytest.raises(ValueError, match="lang"):
        write_city(tmp_path / "x", lang="fr")
    with pytest.raises(ValueError, match="scale"):
        write_city(tmp_path / "x", scale=0)
