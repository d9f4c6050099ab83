"""A city's camera file read by two processes at once gives what reading it whole gives
(issue 7: :mod:`interop.inventory.read_beside`).

A copy forked before the ``read`` step reads and parses the number, enum and date columns while
this process reads the others; the raw table holds the copy's columns as cells read from
the file when asked (:class:`loaders.csv_lines.LineCells`). Here generated cities with bad
cells planted in those columns, blank lines, short rows, CRLF endings and a BOM, read both
ways; and the files the copy must refuse (a line wider than the header, a bare carriage
return, a quote, a cell that is not UTF-8), which are then read whole, as always.
"""

from __future__ import annotations

import math
import mmap
import os
import random
from pathlib import Path
from typing import Any

import pytest
from readers_agree import assert_same_table
from validators_agree import assert_same

from interop import forked
from interop.cli import common
from interop.generate import generate_city
from interop.inventory import large, read_beside
from interop.loaders import csv_folder, csv_lines, read_raw_tables
from interop.loaders.csv_lines import FileLines, LineCells, is_plain
from interop.loaders.write import write_csv_folder

FORK = hasattr(os, "fork")

# (column, cell) planted in the copy's columns; what the validator does is the same both ways
PLANTED = [
    ("lat", "abc"),  # not a number
    ("lat", "95"),  # outside -90…90
    ("lat", "３０.５"),  # full-width digits: loaded
    ("lat", ""),  # required value missing
    ("lon", "-181.5"),
    ("lon", " 114.2 "),  # trimmed
    ("status", "broken"),  # not one of
    ("status", "ＩＤＬＥ"),  # loaded
    ("status", "   "),  # empty
    ("status", " broken "),  # not one of, shown trimmed
    ("coord_system", " 百度 "),  # trimmed: loaded
    ("coord_system", "百度"),  # alias
    ("standard", "gb/t 28181"),
    ("cost", "-1"),  # must not be negative
    ("cost", " 2 "),
    ("cost", "1e400"),  # not a finite number
    ("install_date", "2020-02-30"),  # not a real date
    ("install_date", " 2020/3/5 "),  # loaded
    ("install_date", "2020-03-05 10:30:00"),  # loaded: the time of day dropped, said
    ("install_date", "20200305"),  # not a date
]


@pytest.fixture
def city(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A city's CSV folder, bad cells planted; tables of 50 rows or more read beside."""
    monkeypatch.setattr(large, "COLUMNS_BESIDE_FROM", 50)
    monkeypatch.setattr(forked, "can_fork", lambda: FORK)
    tables = generate_city(seed=3, scale=0.3, lang="en")
    rng = random.Random(3)
    cameras = tables["cameras"]
    for column, cell in PLANTED:
        for row in rng.sample(cameras, 3):
            row[column] = cell
    cameras[7].update(lat="x", lon="y", status="z", cost="-2")  # several in one row
    cameras[9].update(id="")  # rejected for a column this process reads
    write_csv_folder(tables, tmp_path / "city", "en", "utf-8")
    return tmp_path / "city"


def _cameras(city: Path) -> Path:
    return city / "cameras.csv"


def _edit(city: Path, change: Any) -> None:
    path = _cameras(city)
    path.write_bytes(change(path.read_bytes()))


def _blank_lines_and_short_rows(data: bytes) -> bytes:
    lines = data.split(b"\n")
    lines.insert(5, b"")  # a blank line: a row number, no row
    lines.insert(40, b" , ,\t,")  # a line of spaces
    lines.insert(41, b"4201-C999991,4201-D002")  # a short row: its lat and lon missing
    lines.insert(300, b"")
    return b"\n".join(lines)


def _lf(data: bytes) -> bytes:
    return data.replace(b"\r\n", b"\n")


EDITS = {  # (the csv module ends lines with CRLF)
    "as written (CRLF)": lambda data: data,
    "blank lines and short rows": _blank_lines_and_short_rows,
    "LF": _lf,
    "a BOM and LF": lambda data: b"\xef\xbb\xbf" + _lf(data),
}


def _planned(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """What read_beside planned, kept for the test to look at."""
    seen: dict[str, Any] = {}
    plan = read_beside.read_beside

    def kept(path: Path) -> dict[str, read_beside.FileBeside]:
        seen.update(plan(path))
        return dict(seen)

    monkeypatch.setattr(read_beside, "read_beside", kept)
    return seen


def _whole(city: Path) -> Any:
    return common.read_inventory(city, parallel=False)


def _both_ways(city: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, dict[str, Any]]:
    """The city read beside, which must give what reading it whole gives; and what
    read_beside planned."""
    expected = _whole(city)
    planned = _planned(monkeypatch)
    got = common.read_inventory(city, parallel=True)
    assert_same(expected, got)
    return got, planned


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_read_beside_gives_what_reading_the_file_whole_gives(
    city: Path, edit: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _edit(city, EDITS[edit])
    got, planned = _both_ways(city, monkeypatch)
    if FORK:  # the cameras' (and the other long tables') columns were read by a copy
        assert "cameras" in planned and not planned["cameras"].dropped
        assert planned["cameras"].positions  # lat, lon, coord_system, standard, status, cost
    reasons = {issue.reason.split(" (")[0] for issue in got.report.rejected}
    assert {"not a number", "required value missing", "must not be negative"} <= reasons
    assert any(w.column == "install_date" for w in got.report.warnings)  # (a notice)
    assert any(r.column == "install_date" for r in got.report.rejected)
    assert any(w.column == "status" for w in got.report.warnings) or any(
        r.column == "status" for r in got.report.rejected
    )


def test_the_raw_table_holds_every_cell_as_written(
    city: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The copy's columns, read from the file when asked, are the cells as written."""
    if not FORK:
        return
    _edit(city, _blank_lines_and_short_rows)
    whole = {raw.name: raw for raw in read_raw_tables(city)}
    plans = read_beside.read_beside(city)
    try:
        split = {raw.name: raw for raw in read_raw_tables(city, plans)}
    finally:
        read_beside.stop(plans.values())
    raw = split["cameras"]
    assert raw.read_elsewhere == plans["cameras"].positions
    assert all(isinstance(raw.cells[p], LineCells) for p in raw.read_elsewhere)
    assert_same_table(raw, whole["cameras"])
    for p in raw.read_elsewhere:  # one cell at a time, as the validator reads them
        for k in (0, 3, 38, 39, 40, len(raw) - 1):
            assert raw.cells[p][k] == (whole["cameras"].cells[p][k] or "")


def _wide_row(data: bytes) -> bytes:
    lines = data.split(b"\n")
    lines[20] += b",one cell too many"
    return b"\n".join(lines)


def _bare_cr(data: bytes) -> bytes:
    lines = data.split(b"\r\n")
    lines[20] += b"\r" + lines.pop(21)
    return b"\r\n".join(lines)


REFUSED = {
    "a line wider than the header": _wide_row,
    "a bare carriage return": _bare_cr,
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_a_file_the_copy_refuses_is_read_whole(
    city: Path, case: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _edit(city, REFUSED[case])
    _, planned = _both_ways(city, monkeypatch)
    if FORK:
        assert planned["cameras"].dropped  # the copy said no; this process read it whole


def test_a_file_with_a_quote_is_not_read_beside(
    city: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _edit(city, lambda data: data.replace(b"gb28181", b'"gb28181"', 1))
    _, planned = _both_ways(city, monkeypatch)
    assert "cameras" not in planned


def _one_gbk_cell(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, column: str, text: str) -> Path:
    """A city whose camera file is ASCII (its addresses made so) but for one cell of
    ``column`` holding ``text`` in GBK; tables of 50 rows or more read beside."""
    monkeypatch.setattr(large, "COLUMNS_BESIDE_FROM", 50)
    monkeypatch.setattr(forked, "can_fork", lambda: FORK)
    tables = generate_city(seed=4, scale=0.3, lang="en")
    for k, row in enumerate(tables["cameras"]):
        row["address"] = f"No. {k} Jiefang Road"
    tables["cameras"][30][column] = "GBK-MARK"
    city = tmp_path / "city"
    write_csv_folder(tables, city, "en", "utf-8")
    _edit(city, lambda data: data.replace(b"GBK-MARK", text.encode("gbk")))
    return city


def test_a_cell_not_utf8_in_the_copys_columns_reads_the_inventory_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A GBK status in a file whose other cells are ASCII: this process's columns read as
    UTF-8, the copy's do not; the inventory is read again, every file whole (as GBK)."""
    city = _one_gbk_cell(tmp_path, monkeypatch, "status", "停用")
    expected = _whole(city)
    assert not any(issue.column == "status" for issue in expected.report.rejected)
    again: list[bool] = []
    read_and_validate = common._read_and_validate

    def counted(path: Path, steps: Any, parallel: bool, beside_: bool, *more: Any) -> Any:
        again.append(beside_)
        return read_and_validate(path, steps, parallel, beside_, *more)

    monkeypatch.setattr(common, "_read_and_validate", counted)
    assert_same(expected, common.read_inventory(city, parallel=True))
    assert again == ([True, False] if FORK else [True])


def test_a_cell_not_utf8_in_this_process_columns_reads_the_file_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A GBK address (a column this process reads): its reading refuses the file, the copy
    is ended and the file read whole (as GBK), with nothing read again."""
    city = _one_gbk_cell(tmp_path, monkeypatch, "address", "解放大道")
    got, planned = _both_ways(city, monkeypatch)
    assert any(c.address == "解放大道" for c in got.cameras)
    if FORK:
        assert planned["cameras"].dropped


def test_copies_reading_beside_are_ended_when_the_inventory_is_refused(
    city: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A table given twice (cameras.csv and 视频监控.csv): nothing is planned for it; a
    file this process cannot read: every copy ended and reaped."""
    planned = _planned(monkeypatch)
    (city / "视频监控.csv").write_bytes(_cameras(city).read_bytes())
    with pytest.raises(common.Failure, match="both hold the table"):
        common.read_inventory(city, parallel=True)
    assert "cameras" not in planned
    (city / "视频监控.csv").unlink()
    planned.clear()
    (city / "systems.csv").write_bytes(b'id,name\n"S1,unclosed\n')
    with pytest.raises(common.Failure, match="never closed"):
        common.read_inventory(city, parallel=True)
    for file in planned.values():  # none left running, none a zombie
        with pytest.raises(ChildProcessError):
            os.waitpid(file.running._pid, os.WNOHANG)


def test_line_cells_read_a_plain_file_as_pandas_does() -> None:
    data = "id,lat,status\r\nC1, 30.5 ,在用\r\n\r\nC2\r\nC3,31,\r\n".encode()
    lines = FileLines(data)
    numbers = [2, 3, 4, 5]
    lat, status = LineCells(lines, 1, numbers), LineCells(lines, 2, numbers)
    assert [lat[k] for k in range(4)] == [" 30.5 ", "", "", "31"]
    assert list(lat) == [" 30.5 ", "", "", "31"]
    assert list(status) == ["在用", "", "", ""]
    assert status[0:2] == ["在用", ""]
    assert LineCells(lines, 0, [2, 5]) == ["C1", "C3"]
    assert len(status) == 4
    assert "read when asked" in repr(status)


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("a,b\n1,2\n3\n", True),
        ("a,b\r\n1,2\r\n", True),
        ("a,b\n1,2,3\n", False),  # wider than the header
        ("a,b\n1\r2\n", False),  # a bare carriage return
        ('a,b\n"1",2\n', False),  # a quote
        ("a,b\n1,\x00\n", False),  # a NUL byte
    ],
)
def test_is_plain(text: str, plain: bool, tmp_path: Path) -> None:
    assert is_plain(text.encode(), 2) is plain
    assert is_plain(_mapped(tmp_path, text.encode()), 2) is plain  # as read_beside has it
    # the copy asks it in its pass over the lines that reads the number columns
    for data in (text.encode(), _mapped(tmp_path, text.encode())):
        read = csv_lines.plain_number_columns(data, 2, [0, 1])
        assert (read is not None) is plain
        if plain:
            assert read.keys() == csv_lines.number_columns(data, [0, 1]).keys()


def _mapped(folder: Path, data: bytes) -> mmap.mmap:
    """``data`` in a file, mapped read only (as :func:`read_beside._plain` maps a file)."""
    file = folder / "mapped.csv"
    file.write_bytes(data)
    with file.open("rb") as f:
        return mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)


def test_a_mapped_file_reads_as_its_bytes_read(tmp_path: Path) -> None:
    """The copy and this process read a large file mapped: each reading of the map has its
    own position (two in a row read the same), and what is read is what the bytes give."""
    data = "\ufeffid,lat,status\r\nC1, 30.5 ,在用\r\n\r\nC2\r\nC3,31,\r\n".encode()
    mapped = _mapped(tmp_path, data)
    whole = csv_lines.plain_frame(data)
    for _ in range(2):
        assert csv_lines.plain_frame(mapped).equals(whole)
    assert csv_lines.read_columns(mapped, [0, 2]).equals(csv_lines.read_columns(data, [0, 2]))
    lines = FileLines(mapped)
    assert [lines.line(k) for k in range(5)] == data.split(b"\r\n")[:5]
    assert csv_lines.header_line(mapped) == b"id,lat,status"
    assert csv_lines.header_line(_mapped(tmp_path, b"id,lat\r")) == b"id,lat"  # one line


@pytest.mark.parametrize("at_once", [1, 3, 7, 1 << 24])
def test_lines_wider_than_the_header_are_found(at_once: int, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Looked at some bytes of whole lines at a time (a line longer than that included),
    a file is plain up to the width of its widest line, as counting every line's commas
    says, whether a column is read in the same pass or none."""
    monkeypatch.setattr(csv_lines, "_LINES_AT_ONCE", at_once)
    rng = random.Random(at_once)
    for data in [b"", b"a", b"\n\n", b"a,b\n", b"a,b\n\n,,,", b",,,,,\n,\n"] + [
        bytes(rng.choice(b"ab,,\n") for _ in range(rng.randrange(60))) for _ in range(300)
    ]:
        widest = max(line.count(b",") for line in data.split(b"\n"))
        width = data.split(b"\n")[0].count(b",") + 1
        for wider in (0, 1):
            fits = widest < width + wider
            assert csv_lines.is_plain(data, width + wider) is fits, data
            plain = csv_lines.plain_number_columns(data, width + wider, [0])
            assert (plain is not None) is fits, data


def test_the_split_reader_leaves_other_tables_to_the_whole_reader() -> None:
    class Never:
        data = b"id,name\nS1,x\n"
        positions = frozenset({1})

        def confirm(self) -> bool:
            raise AssertionError("not asked")

        def drop(self) -> None:
            pass

    assert csv_folder._split_table(Never.data, "x.csv", "not_a_table", Never()) is None


def _number_cell(rng: random.Random) -> str:
    """A cell of a number column, mostly a number, sometimes what the parser must read."""
    roll = rng.random()
    if roll < 0.7:
        return f"{rng.uniform(-200, 200):.{rng.randrange(0, 9)}f}"
    if roll < 0.8:
        return ""
    return rng.choice(
        ["1e400", "-0", "+.5", "5.", "3e-2", "95", "0001", "1E5", "12345678901234567890",
         " 1.5", "1.5 ", "abc", "1e", ".", "--1", "３０", "1_0", "nan", "inf", "1" * 40]
    )  # fmt: skip


@pytest.mark.parametrize("seed", range(40))
def test_number_columns_read_what_float_reads(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Number cells from the file's bytes (the copy's lat, lon, cost): a column is read so
    when every cell is empty or a number of ASCII digits, signs, points and exponents that
    ``float`` reads, with ``float``'s value; any other column is left to pandas; the rows
    are those pandas counts. Lines of some bytes at a time (a line longer than that
    included), short lines, blank lines, CRLF, with and without a last line feed."""
    monkeypatch.setattr(csv_lines, "_LINES_AT_ONCE", random.Random(seed).choice([1, 50, 1 << 24]))
    rng = random.Random(seed)
    clean = rng.random() < 0.5  # (else a column or two has a cell pandas must read)
    width = rng.randrange(1, 5)
    lines = [",".join(f"h{k}" for k in range(width))]
    for _ in range(rng.randrange(0, 60)):
        cells = [_number_cell(rng) for _ in range(width)]
        if clean:
            cells = [c if _readable(c) else "" for c in cells]
        if rng.random() < 0.1:
            cells = cells[: rng.randrange(0, width)]  # a short line (or a blank one)
        lines.append(",".join(cells))
    ending = rng.choice([b"\n", b"\r\n"])
    data = ending.join(line.encode() for line in lines) + rng.choice([ending, b""])
    frame = csv_lines.plain_frame(data)
    numbers = csv_lines.number_columns(data, range(width))
    rows = len(frame) - 1
    for position in range(width):
        cells = (
            [str(c) for c in frame[position].to_numpy()[1:]] if position in frame else [""] * rows
        )
        readable = all(c == "" or _readable(c) for c in cells)
        assert (position in numbers) is (readable and rows > 0), cells
        if position in numbers:
            values, present = numbers[position]
            assert len(values) == rows
            assert present.tolist() == [c != "" for c in cells]
            expected = [float(c) if c else None for c in cells]
            assert [None if v != v else v for v in values.tolist()] == expected
    if clean:
        assert set(numbers) == (set(range(width)) if rows else set())


def _readable(cell: str) -> bool:
    """A cell number_columns reads: ASCII digits, signs, points, exponents that ``float``
    reads, 32 bytes at most."""
    try:
        float(cell)
    except ValueError:
        return False
    return cell.strip(".+-eE0123456789") == "" and 0 < len(cell) <= csv_lines.NUMBER_WIDTH


# planted in the copy's number columns: every one a number float reads, or empty, so the
# copy reads those columns from the file's bytes (number_columns); the same either way
PLANTED_NUMBERS = [
    ("lat", "95"),  # outside -90…90
    ("lat", ""),  # required value missing
    ("lon", "-181.5"),
    ("lon", "+114.2"),
    ("lon", "1e400"),  # not a finite number
    ("cost", "-1"),  # must not be negative
    ("cost", "1E2"),
    ("cost", ""),
    ("cost", "-0"),
]


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_number_columns_read_from_the_bytes_give_what_reading_whole_gives(
    city: Path, edit: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The ``city`` fixture's number columns hold cells pandas must read (``abc``, `` 2 ``):
    here they hold only numbers (bad ones too), which the copy reads from the bytes."""
    if not FORK:
        return
    path = _cameras(city)
    text = path.read_bytes().decode("utf-8")
    ending = "\r\n" if "\r\n" in text else "\n"
    lines = text.split(ending)
    header = lines[0].split(",")
    rng = random.Random(7)
    for k in range(1, len(lines) - 1):
        cells = lines[k].split(",")
        for name in ("lat", "lon", "cost"):
            position = header.index(name)
            if position < len(cells) and cells[position].strip(".+-eE0123456789") != "":
                cells[position] = "30.5"  # (a cell pandas must read: made a number)
        lines[k] = ",".join(cells)
    for column, cell in PLANTED_NUMBERS:
        for k in rng.sample(range(1, len(lines) - 1), 3):
            cells = lines[k].split(",")
            cells[header.index(column)] = cell
            lines[k] = ",".join(cells)
    path.write_bytes(ending.join(lines).encode())
    _edit(city, EDITS[edit])
    told = tmp_path / "numbers read"
    read = csv_lines.plain_number_columns

    def telling(data: Any, width: int, positions: Any) -> Any:  # (the copy tells a file)
        numbers = read(data, width, positions)
        if csv_lines.header_line(data).decode().split(",") == header:  # (the cameras')
            told.write_text(",".join(map(str, sorted(numbers or ()))))
        return numbers

    monkeypatch.setattr(csv_lines, "plain_number_columns", telling)
    got, _ = _both_ways(city, monkeypatch)
    frame = csv_lines.plain_frame(path.read_bytes())  # (the cells as edited)
    expected = [
        header.index(c)
        for c in ("lat", "lon", "cost")
        if all(cell == "" or _readable(cell) for cell in frame[header.index(c)].to_numpy()[1:])
    ]
    assert told.read_text() == ",".join(map(str, expected))
    assert len(expected) >= 2  # (the blank line of spaces: its lat is a tab)
    reasons = {issue.reason.split(" (")[0] for issue in got.report.rejected}
    assert {"required value missing", "must not be negative"} <= reasons
    assert {r.column for r in got.report.rejected} >= {"lat", "lon", "cost"}


def test_numbers_read_from_the_bytes_are_what_float_reads() -> None:
    """Short decimals are worked out in numpy (a 15-digit integer over a power of ten),
    the others cast by numpy: every literal's value, and its sign, is ``float``'s."""
    rng = random.Random(11)

    def literal() -> str:
        digits = "".join(rng.choice("0123456789") for _ in range(rng.randrange(1, 22)))
        point = rng.randrange(len(digits) + 1)
        text = rng.choice(["", "-", "+"]) + digits[:point] + rng.choice([".", ""]) + digits[point:]
        return text + rng.choice(["", "", "", f"e{rng.randrange(-330, 330)}"])

    cells = [literal() for _ in range(20_000)] + ["-0", "-0.0", "+0", "0.1", "9" * 15 + ".5"]
    data = ("n\n" + "\n".join(cells) + "\n").encode()
    values, present = csv_lines.number_columns(data, [0])[0]
    assert present.all()
    got = values.tolist()
    for cell, value in zip(cells, got, strict=True):
        expected = float(cell)
        assert value == expected and math.copysign(1, value) == math.copysign(1, expected), cell


# cells of the copy's text-read columns: as written in inventories, padded, empty, refused,
# and dates that carry a notice (a time of day dropped) or that numpy does not read
CODED_CELLS = {
    "status": ["在用", " 在用 ", "in_use", "停用", "", "  ", "在建", "bogus", "IN_USE"],
    "coord_system": ["", "WGS-84", "gcj02", " BD-09", "bd09", "火星", "wgs84 "],
    "install_date": ["2017-04-04", " 2017-04-04", "2020-1-5", "2020/01/05", "2021-02-30",
                     "2019-07-01 10:30", "", "0000-01-01", "yesterday", "2016-12-31"],
    "cost": ["2.3", " 0.5", "-1", "", "abc", "1e3", "３０"],
}  # fmt: skip


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("column", sorted(CODED_CELLS))
def test_a_column_parsed_from_its_distinct_cells_is_the_column_parsed_cell_by_cell(
    column: str, seed: int
) -> None:
    """The copy reads its enum and date columns as codes into their distinct cells
    (:func:`~interop.inventory.beside.parse_coded`): what each cell gives — given or not,
    trimmed, noticed, parsed, refused and why — is what parsing the column a cell at a
    time gives (:func:`~interop.inventory.beside.parse_one`), in the rows' order."""
    import numpy as np
    import pandas as pd

    from interop.inventory.beside import parse_coded, parse_one
    from interop.inventory.vectors import field_specs
    from interop.schema.tables import TABLE_BY_NAME

    spec = {s.name: s for s in field_specs(TABLE_BY_NAME["cameras"].model)}[column]
    rng = random.Random(seed)
    values = [rng.choice(CODED_CELLS[column]) for _ in range(rng.randrange(0, 200))]
    codes, distinct = pd.factorize(np.asarray(values, dtype=object))
    coded = parse_coded(spec, codes, list(distinct))
    whole = parse_one(spec, values)
    assert coded is not None and whole is not None
    assert coded.present.tolist() == whole.present.tolist()
    assert coded.changed.tolist() == whole.changed.tolist()
    assert coded.trimmed == whole.trimmed
    assert coded.notices == whole.notices
    assert list(coded.found.items()) == list(whole.found.items())
    same = [
        a == b or (a != a and b != b) or (pd.isna(a) and pd.isna(b))
        for a, b in zip(coded.parsed.tolist(), whole.parsed.tolist(), strict=True)
    ]
    assert all(same) and coded.parsed.dtype == whole.parsed.dtype
