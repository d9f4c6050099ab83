"""The column validator gives exactly what the row validator gives (issue 7).

Every inventory of the test session is already validated both ways
(``tests/validators_agree.py``, put in place by ``tests/conftest.py``); here the two meet
generated cities of several seeds and scales with bad rows of every kind planted among
thousands of good ones, as strings (a CSV file) and as typed cells (a workbook).
"""

from __future__ import annotations

import contextlib
import datetime
import os
import random
import time
from collections import Counter
from typing import Any

import pytest
from raw_tables import raw_tables
from told_steps import ToldSteps
from validators_agree import assert_same

from interop import forked
from interop.generate import generate_city
from interop.inventory import beside, large
from interop.inventory.columnar import validate_columns
from interop.inventory.errors import InventoryError
from interop.inventory.raw import RawTable
from interop.inventory.validate import validate_rows

Tables = dict[str, list[dict[str, Any]]]
FORK = hasattr(os, "fork")

# (table, column, cell) planted into random rows; the comment says what the row validator does
BAD_CELLS: list[tuple[str, str, Any]] = [
    ("cameras", "lat", "abc"),  # not a number
    ("cameras", "lat", "95"),  # latitude outside -90…90
    ("cameras", "lon", "-181.5"),  # longitude outside
    ("cameras", "lon", "1e400"),  # not a finite number
    ("cameras", "lat", "nan"),  # not a finite number
    ("cameras", "lat", "３０.５"),  # full-width digits: loaded
    ("cameras", "cost", "1,234.5"),  # thousands separators: loaded
    ("cameras", "cost", "-1"),  # must not be negative
    ("cameras", "cost", " 2 "),  # trimmed: loaded
    ("cameras", "install_date", "2020-02-30"),  # not a real date
    ("cameras", "install_date", "2020/3/5"),  # loaded
    ("cameras", "install_date", "2020年3月5日"),  # loaded
    ("cameras", "install_date", "2020-03-05 00:00:00"),  # loaded
    ("cameras", "install_date", "0000-01-01"),  # not a real date
    ("cameras", "install_date", "20200305"),  # not a date
    ("cameras", "status", "broken"),  # not one of
    ("cameras", "status", "ＩＤＬＥ"),  # full-width, case: loaded
    ("cameras", "coord_system", "百度"),  # alias: loaded
    ("cameras", "standard", "gb/t 28181"),  # loaded
    ("cameras", "owner_id", ""),  # required value missing
    ("cameras", "owner_id", "NO-SUCH-DEPT"),  # unknown department
    ("cameras", "network_id", "NO-SUCH-NET"),  # warning, left out
    ("cameras", "system_id", "NO-SUCH-SYS"),  # warning, left out
    ("cameras", "id", ""),  # required value missing
    ("systems", "modules_used", "999"),  # larger than modules_total
    ("systems", "modules_total", "3.5"),  # not a whole number
    ("systems", "monthly_active_users", "-3"),  # must not be negative
    ("systems", "gov_service", "maybe"),  # not a boolean
    ("systems", "gov_service", "是"),  # loaded
    ("systems", "security_grade", "六级"),  # not a security grade
    ("systems", "security_grade", "第二级"),  # loaded
    ("systems", "security_grade", "未定级"),  # loaded, not graded
    ("systems", "user_ids", "NO-SUCH-DEPT、"),  # warning for that id
    ("systems", "replaces_id", "NO-SUCH-SYS"),  # warning
    ("systems", "owner_id", "NO-SUCH-DEPT"),  # unknown department
    ("systems", "level", "galactic"),  # not one of
    ("systems", "go_live", "yesterday"),  # not a date
    ("departments", "level", "村级"),  # not one of: later references say the row was rejected
    ("departments", "parent_id", "NO-SUCH-DEPT"),  # warning
    ("departments", "division_code", "42010"),  # lenient: left out with a warning
    ("departments", "division_code", "４２０１００"),  # full-width: loaded
    ("systems", "hosting", "cloudy"),  # not one of
    ("systems", "classified", "perhaps"),  # not a boolean
    ("systems", "acceptance_date", "2020-13-01"),  # not a real date
    ("cameras", "gb_id", " 42010000001320000001 "),  # loaded, trimmed
    ("networks", "kind", ""),  # required value missing
    ("networks", "owner_id", "NO-SUCH-DEPT"),  # unknown department (reject_unknown)
    ("platforms", "network_ids", "NO-SUCH-NET;NO-SUCH-NET-2"),  # two warnings
    ("flows", "source_id", "NO-SUCH-SYS"),  # unknown system or platform
    ("flows", "frequency", "sometimes"),  # not one of
    ("network_links", "network_b", "NO-SUCH-NET"),  # unknown network
]


def _plant(tables: Tables, rng: random.Random) -> None:
    """Every bad cell into a few random rows; several into one row; ids repeated."""
    for table, column, cell in BAD_CELLS:
        rows = tables[table]
        for row in rng.sample(rows, min(3, len(rows))):
            row[column] = cell
    cameras = tables["cameras"]
    # several bad cells in one row: the first named, the others after "also"
    cameras[5].update(lat="x", lon="y", status="z", cost="-2")
    tables["departments"][4].update(division_code="x", level="y")  # left out, then rejected
    # ids taken: within a table, and a system reusing a platform's id (one key space)
    for k in rng.sample(range(1, len(cameras)), 5):
        cameras[k]["id"] = cameras[k - 1]["id"]
    tables["systems"][3]["id"] = tables["platforms"][0]["id"]
    # a row rejected for a reference, then the same id loading in a later row
    cameras[10].update(id="TWICE", owner_id="NO-SUCH-DEPT")
    cameras[11]["id"] = "TWICE"
    # a department rejected, then referred to by later tables
    tables["departments"][2]["level"] = "nowhere"
    gone = tables["departments"][2]["id"]
    tables["cameras"][20]["owner_id"] = gone
    tables["systems"][7]["user_ids"] = f"{gone};{tables['departments'][0]['id']}"
    # a replacement that went live before the system it replaces: a warning
    owner = tables["departments"][-1]
    owner.update(level="municipal", parent_id="", division_code="")
    blank = dict.fromkeys(tables["systems"][0], "")
    tables["systems"] += [
        {**blank, "id": "NEW-A", "name": "a", "owner_id": owner["id"], "replaces_id": "NEW-B",
         "go_live": "2010-01-01"},
        {**blank, "id": "NEW-B", "name": "b", "owner_id": owner["id"], "go_live": "2015-06-30"},
    ]  # fmt: skip
    # a blank row and one of spaces only (not read), padded cells, an extra column
    cameras.insert(30, {k: "" for k in cameras[0]})
    cameras.insert(31, {k: "  " for k in cameras[0]})
    cameras[40]["address"] = "  江岸区  "
    for k, row in enumerate(cameras):
        row["杆号"] = f"G-{k}" if k % 3 else ""
        row["location"] = "north" if k % 7 == 0 else ""


def _typed(tables: Tables) -> None:
    """Cells as a workbook gives them: numbers, dates and booleans, not text."""
    for k, row in enumerate(tables["cameras"]):
        if k % 2:
            for column in ("lat", "lon", "cost"):
                with contextlib.suppress(ValueError, KeyError):
                    row[column] = float(row[column])
        if k % 3 == 0 and row.get("install_date", "")[:4].isdigit():
            with contextlib.suppress(ValueError):
                row["install_date"] = datetime.datetime.fromisoformat(row["install_date"])
        if k % 11 == 0:
            row["address"] = 12345
    for k, row in enumerate(tables["systems"]):
        if row.get("gov_service") in ("true", "false"):
            row["gov_service"] = row["gov_service"] == "true"
        if k % 2 and row.get("modules_total", "").isdigit():
            row["modules_total"] = int(row["modules_total"])
        if k % 5 == 0 and row.get("security_grade", "").isdigit():
            row["security_grade"] = float(row["security_grade"])


def _raw(tables: Tables) -> list[RawTable]:
    return raw_tables(tables)


@pytest.fixture
def every_table_beside(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every table, however short, has its number, enum and date columns parsed by a forked
    copy (where the test process can fork: ``can_fork`` also asks for one thread)."""
    monkeypatch.setattr(large, "COLUMNS_BESIDE_FROM", 0)
    monkeypatch.setattr(forked, "can_fork", lambda: FORK)


@pytest.mark.parametrize(
    ("seed", "scale", "lang", "typed", "with_copies"),
    [
        (1, 0.3, "en", False, False),
        (2, 1.0, "zh", False, False),
        (3, 0.5, "en", True, False),
        (4, 1.0, "zh", True, False),
        (5, 0.5, "en", False, True),
        (6, 0.5, "zh", True, True),
    ],
)
def test_planted_bad_rows_give_the_same_rejections_and_warnings(
    seed: int,
    scale: float,
    lang: str,
    typed: bool,
    with_copies: bool,
    request: pytest.FixtureRequest,
) -> None:
    """Also with columns parsed beside (``with_copies``): the copies' columns give the same."""
    tables = generate_city(seed=seed, scale=scale, lang=lang)
    if lang == "en":
        _plant(tables, random.Random(seed))
    else:  # Chinese headers: plant under the English names the planting knows
        from interop.schema.tables import TABLE_BY_NAME

        # generate_city in Chinese names its tables and headers in Chinese; translate back
        tables = _english(tables, TABLE_BY_NAME)
        _plant(tables, random.Random(seed))
    if typed:
        _typed(tables)
    rows = validate_rows(_raw(tables), "planted")
    steps = ToldSteps()
    if with_copies:
        request.getfixturevalue("every_table_beside")
        raws = _raw(tables)
        copies = beside.parse_beside(raws, "planted")
        assert (copies is not None) == FORK
        tables_beside = sorted(copies.copies) if copies else []
        assert "cameras" in tables_beside or not FORK
        parsed: list[int] = []
        joined = beside.joined

        def counted(*args: Any) -> Any:
            early = joined(*args)
            parsed.append(len(early))
            return early

        request.getfixturevalue("monkeypatch").setattr(beside, "joined", counted)
        columns = validate_columns(raws, "planted", beside=copies, step=steps)
        # one copy per table of the contract, each told: what it parsed is what this
        # process would have
        assert [t.name for t in steps.told] == ["validate"] * len(tables_beside)
        assert sum(parsed) >= (6 if FORK else 0)  # cameras: lat, lon, cost, three enums…
    else:
        columns = validate_columns(_raw(tables), "planted")
    assert_same(rows, columns)
    # the planting reached every kind of rejection and warning
    reasons = Counter(issue.reason.split(" (")[0] for issue in columns.report.rejected)
    for expected in (
        "not a number",
        "latitude outside -90…90",
        "not a finite number",
        "must not be negative",
        "not a real date",
        "required value missing",
        "unknown department",
        "id already taken",
        "larger than modules_total",
        "not a boolean",
        "unknown system or platform",
        "unknown network",
    ):
        assert any(r.startswith(expected) for r in reasons), (expected, reasons)
    assert any("also" in i.reason for i in columns.report.rejected)
    assert any("its row was rejected" in i.reason for i in columns.report.rejected)
    assert len(columns.report.warnings) >= 5
    assert any(w.column == "division_code" for w in columns.report.warnings)
    assert any("before the system it replaces" in w.reason for w in columns.report.warnings)


def _english(tables: Tables, by_name: Any) -> Tables:
    out: Tables = {}
    for name, rows in tables.items():
        table = next((t for t in by_name.values() if name in (t.name, t.zh)), None)
        if table is None:
            out[name] = rows
            continue
        english = {col.zh: field for field, col in table.columns().items()}
        out[table.name] = [{english.get(h, h): v for h, v in row.items()} for row in rows]
    return out


def test_a_required_column_missing_from_the_file_rejects_every_row() -> None:
    tables = generate_city(seed=5, scale=0.2, lang="en")
    for row in tables["cameras"]:
        del row["lat"]
    assert_same(validate_rows(_raw(tables), "x"), validate_columns(_raw(tables), "x"))


def test_both_refuse_what_is_no_inventory_with_the_same_message() -> None:
    tables = generate_city(seed=5, scale=0.2, lang="en")
    del tables["departments"]
    messages = []
    for validate in (validate_rows, validate_columns):
        with pytest.raises(InventoryError) as caught:
            validate(_raw(tables), "x")
        messages.append(str(caught.value))
    assert messages[0] == messages[1]


def test_copies_parsing_beside_are_ended_when_the_inventory_is_refused(
    every_table_beside: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No inventory (a table given twice): every copy parsing beside is ended and reaped."""
    if not FORK:
        return
    raws = _raw(generate_city(seed=5, scale=0.2, lang="en"))
    raws.append(raws[0])
    started: list[forked.Running[Any]] = []
    start = forked.start

    def counted(name: str, job: Any) -> forked.Running[Any]:
        started.append(start(name, job))
        return started[-1]

    monkeypatch.setattr(forked, "start", counted)
    copies = beside.parse_beside(raws, "x")
    assert copies is not None and len(started) == len(copies.copies) == len(raws) - 1
    with pytest.raises(InventoryError):
        validate_columns(raws, "x", beside=copies)
    for running in started:  # none left running, none a zombie
        with pytest.raises(ChildProcessError):
            os.waitpid(running._pid, os.WNOHANG)


def test_nothing_is_forked_for_short_tables_or_where_it_may_not_fork(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    raws = _raw(generate_city(seed=5, scale=0.2, lang="en"))
    monkeypatch.setattr(forked, "can_fork", lambda: FORK)
    assert beside.parse_beside(raws, "x") is None  # a few thousand rows: not worth a copy
    monkeypatch.setattr(large, "COLUMNS_BESIDE_FROM", 0)
    monkeypatch.setattr(forked, "can_fork", lambda: False)
    assert beside.parse_beside(raws, "x") is None


def test_what_this_process_does_later_it_does_while_a_copy_is_not_done() -> None:
    """``meanwhile`` (the analyze command's imports) runs once, when a copy's columns are
    wanted before the copy is done; never when the copy is done already."""
    if not FORK:
        return
    told, tell = os.pipe()
    running = forked.start("slow", lambda: os.read(told, 1) and {})  # waits for a word
    calls: list[object] = []

    def meanwhile() -> None:
        calls.append(running.finished())  # not done: it waits for this
        os.write(tell, b"1")

    copies = beside.ColumnsBeside({"cameras": running}, meanwhile=meanwhile)
    assert copies.join("cameras") == {} and calls == [False]
    assert copies.meanwhile is None and running.finished()
    done = forked.start("quick", dict)
    while not done.finished():
        time.sleep(0.01)
    copies = beside.ColumnsBeside({"cameras": done}, meanwhile=lambda: calls.append("again"))
    assert copies.join("cameras") == {} and calls == [False]
    os.close(told)
    os.close(tell)
