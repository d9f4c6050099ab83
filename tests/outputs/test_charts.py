"""The report's pictures: present, inline SVG with glyphs as paths, script-free, escaped."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest

from interop.report import charts
from interop.report.charts import clean_svg
from outputs.conftest import Written
from outputs.hostile import PAYLOADS, hostile_analysis

SVG = re.compile(r"<svg\b.*?</svg>", re.S)


def _svgs(html: str) -> dict[str, str]:
    out = {}
    for svg in SVG.findall(html):
        name = re.search(r'class="chart (chart-\w+)"', svg)
        assert name, svg[:200]
        out[name.group(1)] = svg
    return out


@pytest.mark.parametrize("fixture", ["tiny_written", "hostile", "hostile_en"])
def test_pictures_are_inline_svg_without_script(
    fixture: str, request: pytest.FixtureRequest
) -> None:
    written: Written = request.getfixturevalue(fixture)
    html = written.text("report.html")
    svgs = _svgs(html)
    assert {"chart-areas", "chart-heatmap"} <= set(svgs)  # rounds: only with a baseline
    for name, svg in svgs.items():
        assert "<script" not in svg.lower(), name
        assert not re.search(r"\son\w+\s*=", svg), name  # no event handlers
        assert "<!--" not in svg and "<?xml" not in svg and "DOCTYPE" not in svg, name
        assert "<text" not in svg, name  # glyphs are paths: no font needed to read it
        assert re.search(r"<path\b", svg), name
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), "an id appears twice in report.html"


def test_chinese_glyphs_come_from_noto_sans_cjk(tiny_written: Written) -> None:
    svg = _svgs(tiny_written.text("report.html"))["chart-areas"]
    assert re.search(r'id="chart-areas-NotoSansCJK', svg)  # the glyph defs of the font


def test_hostile_names_never_reach_the_svg_as_text(hostile: Written) -> None:
    """matplotlib writes each text as an XML comment beside its glyphs; clean_svg drops
    them, so a department name in the heat map exists only as glyph outlines."""
    svg = _svgs(hostile.text("report.html"))["chart-heatmap"]
    for payload in PAYLOADS:
        assert payload not in svg


def test_clean_svg_prefixes_ids_and_drops_prologue() -> None:
    raw = (
        '<?xml version="1.0"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x">\n'
        '<svg xmlns:xlink="http://www.w3.org/1999/xlink" width="1" xmlns="http://www.w3.org/2000/svg">'
        '<metadata><rdf/></metadata><defs><path id="g1" d="M0 0"/><clipPath id="c"/></defs>'
        "<!-- --><script>alert(1)</script><!-- -->"
        '<use xlink:href="#g1"/><g clip-path="url(#c)"/><a href="#elsewhere"/></svg>'
    )
    svg = clean_svg(raw, "p")
    assert svg.startswith('<svg role="img" class="chart p"')
    assert "http" not in svg and "metadata" not in svg and "<!--" not in svg
    assert 'id="p-g1"' in svg and 'xlink:href="#p-g1"' in svg and "url(#p-c)" in svg
    assert 'href="#elsewhere"' in svg  # not an id of the picture: left alone


def test_round_picture_with_a_baseline(tmp_path: Path, tiny_dir: Path) -> None:
    from rounds.tiny_rounds import ROUND_1, ROUND_2, analyze_tiny, round_two

    from interop.graph import build_graph
    from interop.loaders import load_inventory
    from interop.outputs import write_outputs
    from interop.rounds import compare

    second = round_two(tiny_dir, tmp_path / "r2")
    document = compare(analyze_tiny(second, ROUND_2), analyze_tiny(tiny_dir, ROUND_1))
    for lang in ("zh", "en"):
        write_outputs(document, build_graph(load_inventory(second)), tmp_path / lang, lang)
        html = (tmp_path / lang / "report.html").read_text("utf-8")
        svgs = _svgs(html)
        assert "chart-rounds" in svgs
        section = html.split('id="rectification"')[1].split("</section>")[0]
        assert 'class="chart chart-rounds"' in section


def _savefig_svg(draw: Any, size: tuple[float, float], prefix: str, title: str) -> str:
    """A picture as ``figure.savefig`` writes it: what ``charts._svg`` must equal."""
    import matplotlib
    from matplotlib.figure import Figure

    with matplotlib.rc_context(charts._rc()):
        figure = Figure(figsize=size, layout="constrained")
        draw(figure)
        figure.suptitle(title, fontsize=11, x=0.01, ha="left")
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    return clean_svg(buffer.getvalue(), prefix)


def test_pictures_equal_what_savefig_writes(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, tiny_dir: Path
) -> None:
    """The pictures skip savefig's extra draw (layout alone, then one draw): the SVG is
    byte for byte savefig's, for every picture, in both languages, hostile names too."""
    from rounds.tiny_rounds import ROUND_1, ROUND_2, analyze_tiny, round_two

    from interop.graph import build_graph
    from interop.loaders import load_inventory
    from interop.outputs import write_selected
    from interop.rounds import compare

    drawn: list[tuple[str, bool]] = []
    svg = charts._svg

    def compared(draw: Any, size: tuple[float, float], prefix: str, title: str) -> str:
        ours = svg(draw, size, prefix, title)
        drawn.append((prefix, ours == _savefig_svg(draw, size, prefix, title)))
        return ours

    monkeypatch.setattr(charts, "_svg", compared)
    second = round_two(tiny_dir, tmp_path / "r2")
    rounds = compare(analyze_tiny(second, ROUND_2), analyze_tiny(tiny_dir, ROUND_1))
    analyses = [(rounds, build_graph(load_inventory(second))), hostile_analysis()]
    for k, (document, graph) in enumerate(analyses):
        for lang in ("zh", "en"):
            write_selected("report", document, graph, tmp_path / f"{k}-{lang}", lang)
    assert {p for p, _ in drawn} == {"chart-areas", "chart-money", "chart-heatmap", "chart-rounds"}
    assert all(same for _, same in drawn), drawn


def test_a_missing_glyph_is_warned_from_one_place() -> None:
    """The layout measures the text the draw then writes: only the draw warns of a glyph
    no font has (Python shows a warning once per place, so the user reads it once)."""
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        charts._svg(lambda figure: figure.subplots().set_title("名\x1b"), (3, 2), "p", "t")
    places = {(w.filename, w.lineno) for w in caught if "missing from font" in str(w.message)}
    assert len(places) == 1, places
