"""report.html and report.md from the Jinja templates shipped in interop/report/templates/.

Both templates escape every value: report.html with Jinja's HTML autoescape, report.md
with a ``finalize`` that escapes Markdown (:func:`interop.escape.md_finalize`).
A last pass rewrites any ``http(s)://`` left in user text so that no output holds one.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from interop.escape import (
    has_url,
    md_finalize,
    neutralize_controls,
    neutralize_html_controls,
    neutralize_urls,
)
from interop.findings.model import FindingsDocument
from interop.i18n import DEFAULT_LANG, check_lang
from interop.report.catalog import Entry
from interop.report.charts import Charts, draw_charts
from interop.report.compiled_templates import keep_compiled
from interop.report.context import ReportContext, build_context
from interop.report.evidence_html import evidence_html
from interop.report.markdown import md_evidence, md_link
from interop.report.selection import DEFAULT_REPORT_LIMIT
from interop.steps import StepRunner, untimed

REPORT_HTML = "report.html"
REPORT_MD = "report.md"


@cache
def html_environment() -> Environment:
    """Templates rendered as HTML, autoescaped."""
    env = Environment(
        loader=PackageLoader("interop.report", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=False,
        keep_trailing_newline=True,
    )
    env.globals["evidence_html"] = evidence_html
    return keep_compiled(env)


@cache
def markdown_environment() -> Environment:
    """Templates rendered as Markdown: every expression escaped by ``md_finalize``."""
    env = Environment(
        loader=PackageLoader("interop.report", "templates"),
        autoescape=False,
        finalize=md_finalize,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    env.globals["md_evidence"] = md_evidence
    env.globals["md_link"] = md_link
    return keep_compiled(env)


def render_html(context: ReportContext) -> str:
    html = html_environment().get_template("report.html.j2").render(c=context)
    return _checked(neutralize_urls(neutralize_html_controls(html)), REPORT_HTML)


def render_markdown(context: ReportContext) -> str:
    text = markdown_environment().get_template("report.md.j2").render(c=context)
    return _checked(neutralize_controls(text), REPORT_MD)


def _checked(text: str, name: str) -> str:
    if has_url(text):  # a template change let a URL through: refuse rather than ship it
        raise RuntimeError(f"{name} would contain an http(s):// reference")
    return text


def write_report(
    findings: FindingsDocument,
    out_dir: Path,
    lang: str = DEFAULT_LANG,
    inventory_summary: Mapping[str, Any] | None = None,
    *,
    graph_pages: Sequence[tuple[str, str]] = (),
    source: str | None = None,
    limit: int | None = DEFAULT_REPORT_LIMIT,
    step: StepRunner = untimed,
    entries: Sequence[Entry] | None = None,
    pictures: Callable[[], Charts | None] | None = None,
) -> list[Path]:
    """Write ``report.html`` and ``report.md`` into ``out_dir``; return their paths.

    ``lang`` is ``zh`` (default) or ``en``. ``inventory_summary`` (see
    :func:`interop.report.summary.summarize_graph`) supplies the headline counts and the
    money of idle, underused and duplicate systems counted once each; without it the
    report uses the document's summary and sums the findings' evidence. ``graph_pages``
    (file name, title) are linked from the report; ``source`` names the inventory.
    ``limit``: findings listed per rule (None: all; see :mod:`interop.report.selection`).
    ``step`` runs the context, the HTML and the Markdown as named steps (:mod:`interop.steps`).
    ``entries``: the findings' :func:`~interop.report.catalog.catalog`, when the caller has it.
    ``pictures``: what gives the pictures being drawn elsewhere
    (:meth:`~interop.report.drawer.Drawer.draw`); without it they are drawn here.
    """
    language = check_lang(lang)
    with step("report context"):
        context = build_context(
            findings,
            language,
            inventory_summary,
            graph_pages=graph_pages,
            source=source,
            limit=limit,
            entries=entries,
        )
    out_dir.mkdir(parents=True, exist_ok=True)
    html_path = out_dir / REPORT_HTML
    md_path = out_dir / REPORT_MD
    with step("report.md"):  # no pictures in it: written while they are drawn elsewhere
        md_path.write_text(render_markdown(context), encoding="utf-8")
    if pictures is None:
        with step("report pictures"):
            cards = (inventory_summary or {}).get("scorecard")
            charts = draw_charts(findings, context.entries, cards, language)
    else:
        with step("waiting for the pictures"):
            charts = pictures()
    with step("report.html"):
        html_path.write_text(render_html(replace(context, charts=charts)), encoding="utf-8")
    return [html_path, md_path]
