"""Tooltips word an evidence line only as far as it is shown: the lines are those of the
evidence worded whole and then cut (inline_prefix is inline_text or a longer-than-room
prefix of it)."""

from __future__ import annotations

from typing import Any

from interop.report.evidence import inline_prefix, inline_text
from interop.viz.tooltips import MAX_EVIDENCE, evidence_lines
from interop.wording import evidence_key
from outputs.hostile import hostile_analysis


def _worded_whole(evidence: dict[str, Any], lang: str) -> list[str]:
    """The tooltip lines as written before: each value worded whole, then cut."""
    lines, used = [], 0
    for key, value in evidence.items():
        line = f"  {evidence_key(str(key), lang)}: {inline_text(value, lang, max_items=6)}"
        if len(line) > 240:
            line = line[:239] + "…"
        used += len(line)
        if used > MAX_EVIDENCE:
            lines.append("  …")
            break
        lines.append(line)
    return lines


def _samples() -> list[Any]:
    camera = {"id": "C1", "owner": {"id": "D1", "name": "部门"}, "address": "路口" * 7,
              "wgs84": {"lat": 30.5, "lon": 114.25}, "cost": 2.1, "tags": ["a", "b"]}  # fmt: skip
    samples: list[Any] = [
        [],
        {},
        [[]],
        [{}],
        ["x" * 300],
        [camera] * 9,
        {"cameras": [camera] * 3, "pairs": [{"a": "C1", "b": "C2", "distance_m": 8.91}] * 7},
        [[["deep"] * 8] * 8] * 8,
        {"money": {"build_cost": 12.5, "build_cost_unknown": ["S1", "S2"]}},
        [{"id": "S1", "name": "系统"}, {"source": {"id": "A"}, "target": {"id": "B"}}],
    ]
    samples += [{"k": "x" * n} for n in range(220, 245)]
    samples += [["x" * n, "y" * 20, "z"] for n in range(220, 245)]
    return samples


def test_inline_prefix_is_the_text_or_a_longer_prefix_of_it() -> None:
    for value in _samples():
        for lang in ("zh", "en"):
            whole = inline_text(value, lang, 6)
            for room in [-5, 0, 1, 2, 3, 10, 100, 238, 239, 240, len(whole) - 1, len(whole)]:
                part = inline_prefix(value, lang, 6, room)
                assert part == whole or (len(part) > room and whole.startswith(part)), (
                    value,
                    room,
                )


def test_tooltip_lines_are_those_of_the_evidence_worded_whole() -> None:
    for lang in ("zh", "en"):
        document, _ = hostile_analysis()
        evidences = [f.evidence for f in document.findings]
        evidences += [{"v": value} for value in _samples()]
        evidences += [{f"k{i}": value for i, value in enumerate(_samples()[:8])}]
        for evidence in evidences:
            assert evidence_lines(evidence, lang) == _worded_whole(evidence, lang)


def test_every_href_in_a_tooltip_is_broken_whatever_its_case() -> None:
    """safe_title breaks every ``href`` (any case) as the case-blind search does, and
    leaves text holding none as it is."""
    import itertools

    from interop.viz import tooltips

    for letters in itertools.product(*("hH", "rR", "eE", "fF")):
        word = "".join(letters)
        text = f"摄像头 <a {word}=x> 点位 {word}"
        expected = tooltips._HREF.sub("\\1\u200b\\2", text)
        assert tooltips.safe_title(text) == expected != text
    for text in ("视频监控重复建设点位", "e f, E-F, ref without h: reF", ""):
        assert tooltips.safe_title(text) == tooltips._HREF.sub("\\1\u200b\\2", text)
