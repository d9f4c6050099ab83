"""Escaping for every output context: HTML text, JSON inside ``<script>``, Markdown, cells.

Names in an inventory are user text. A department called ``</script><script>…`` or a
system called ``<img src=x onerror=…>`` must stay text in every file we write, and no
output may hold an ``http://`` or ``https://`` (the pages open on offline networks, and
nothing in them may try to leave the machine). User text that contains a URL keeps its
meaning, written so that the literal scheme separator does not appear:
``http:&#47;&#47;`` in HTML, ``http:\\/\\/`` in JSON and JavaScript strings and in
Markdown (a Markdown backslash escape). Control characters never reach a text output raw
(:func:`neutralize_controls` and its HTML and JSON forms, at the end of this module).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

from markupsafe import Markup, escape

_URL = re.compile(r"(?i)://(?:(?<=https://)|(?<=http://))")
"""The ``://`` of an ``http://`` or ``https://`` (any case): only the separator is rewritten.
Written separator first, scheme looked behind, so that the regex engine scans for the
literal ``://`` (a few ms per MB) instead of trying ``(?i)https?`` at every character of a
page (about 50 ms per MB): the same matches as ``(?i)(https?)://``, which never overlap."""
_SCRIPT_OR_STYLE = re.compile(
    r"(?is)(<script\b[^>]*>(?:[^<]+|<(?!/script\s*>))*+</script\s*>"
    r"|<style\b[^>]*>(?:[^<]+|<(?!/style\s*>))*+</style\s*>)"
)
r"""A ``<script>`` or ``<style>`` element, up to its first closing tag: what
``<script\b[^>]*>.*?</script\s*>`` matches, with the body taken a run of non-``<``
characters at a time (possessively) rather than one character per step: the graph pages
and report.html are megabytes of inline data, and this split ran ten times slower."""

_JSON_SCRIPT_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "'": "\\u0027",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_JSON_SCRIPT_RE = re.compile("[<>&'\u2028\u2029]")


def html_text(value: Any) -> Markup:
    """``value`` as HTML text (element content or a quoted attribute value)."""
    return Markup(_URL.sub(":&#47;&#47;", str(escape(value))))


def json_for_script(value: Any, *, indent: int | None = None) -> str:
    """JSON that is safe inside ``<script>``: ``<``, ``>``, ``&``, ``'`` as ``\\u00XX``.

    ``</script>`` and ``<!--`` in a string therefore cannot end or confuse the script
    element, and URL schemes are written ``http:\\/\\/`` (a valid JSON escape).
    """
    raw = json.dumps(value, ensure_ascii=False, indent=indent, default=str)
    raw = _JSON_SCRIPT_RE.sub(lambda m: _JSON_SCRIPT_ESCAPES[m.group(0)], raw)
    return _URL.sub(r":\\/\\/", raw)


def neutralize_urls(document: str) -> str:
    """``document`` (HTML) with every ``http(s)://`` rewritten for its context.

    Inside ``<script>`` and ``<style>`` elements the slashes become ``\\/`` (the same
    string to JavaScript, JSON and CSS, and harmless in comments); elsewhere ``&#47;``.
    Only valid where a URL can occur inside a string, comment or text, which is the case
    for the vis-network bundle (licence comments, error messages, the SVG namespace).
    """
    if _URL.search(document) is None:
        return document
    parts = _SCRIPT_OR_STYLE.split(document)
    out = []
    for index, part in enumerate(parts):
        if index % 2:
            out.append(neutralize_script_urls(part))
        else:
            out.append(_URL.sub(":&#47;&#47;", part))
    return "".join(out)


def neutralize_script_urls(text: str) -> str:
    """Text inside a ``<script>`` or ``<style>`` element with every ``http(s)://`` written
    ``http:\\/\\/`` (what :func:`neutralize_urls` does there)."""
    return _URL.sub(r":\\/\\/", text)


def has_url(text: str) -> bool:
    """Whether ``text`` holds a literal ``http://`` or ``https://`` (any case)."""
    return _URL.search(text) is not None


# -- Markdown ---------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
_MD_LINE_START = re.compile(r"^(\s*)([#+\-=]|\d+\.)")
_MD_TOUCHED = re.compile(r"[\\`*_\[\]|~&<>\n\r\v\f\x1c-\x1e\x85\u2028\u2029]|://|^\s*[#+\-=\d]")
"""Anything :func:`md_text` could change (line breaks as ``str.splitlines`` sees them,
characters it escapes, a URL, a line start it escapes, and a little more): most names and
numbers hold none, and a report makes tens of thousands of calls."""


class MdRaw(str):
    """Markdown the templates produced themselves: not escaped again."""

    __slots__ = ()


def _escape_line_start(match: re.Match[str]) -> str:
    lead, mark = match.group(1), match.group(2)
    if mark.endswith("."):
        return f"{lead}{mark[:-1]}\\."
    return f"{lead}\\{mark}"


def md_text(value: Any) -> str:
    """``value`` as Markdown text that renders literally, on one line.

    ``<``, ``>`` and ``&`` become HTML entities (so raw HTML in a name never becomes a
    tag in a renderer that allows it), Markdown punctuation is backslash-escaped, line
    breaks become spaces, and URL schemes are split by the escapes.
    """
    if isinstance(value, MdRaw):
        return value
    text = str(value)
    if _MD_TOUCHED.search(text) is None:
        return text
    return _md_escaped(text)


def _md_escaped(text: str) -> str:
    """:func:`md_text`'s work, done on every string (its shortcut is tested against this)."""
    text = " ".join(text.splitlines())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    text = _MD_LINE_START.sub(_escape_line_start, text)
    return _URL.sub(r":\\/\\/", text)


def md_finalize(value: Any) -> str:
    """Jinja ``finalize`` for Markdown templates: every ``{{ }}`` is escaped unless raw."""
    if value is None:
        return ""
    return md_text(value)


# -- spreadsheet cells -------------------------------------------------------------------------

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(value: str) -> bool:
    """Whether a spreadsheet would take this text cell for a formula (or DDE payload)."""
    return value.startswith(FORMULA_PREFIXES)


def csv_row(values: Iterable[Any]) -> list[Any]:
    """A CSV row's cells: text that a spreadsheet would run as a formula
    (:func:`looks_like_formula`, tested inline: a million cameras' findings are half a
    million cells) gets a leading ``'``, the rest as is."""
    prefixes = FORMULA_PREFIXES
    return [
        "'" + value if isinstance(value, str) and value.startswith(prefixes) else value
        for value in values
    ]


# -- control characters ------------------------------------------------------------------------
# Inventory values may hold control characters: a terminal escape (``\x1b[2J``) in a
# rejected value would clear the auditor's screen, or hide text, when a report or a
# command's output is shown in a terminal. Every text output therefore writes C0 controls
# (but tab and line feed), DEL and C1 controls as a visible ``\xNN``; inside
# ``<script>``/``<style>`` (JSON data, JavaScript strings) as ``\u00NN``, the same string to
# JSON and JavaScript. JSON files escape them already; spreadsheets replace them.

CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""C0 controls except tab (``\\t``) and line feed (``\\n``), DEL, C1 controls."""


def neutralize_controls(text: str) -> str:
    """``text`` with every control character of :data:`CONTROLS` written as ``\\xNN``."""
    return CONTROLS.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def neutralize_json_controls(document: str) -> str:
    """JSON text with every control character of :data:`CONTROLS` as a ``\\u00NN`` escape
    (``json.dumps`` escapes C0 itself, but leaves DEL and C1 raw when not ASCII-only)."""
    return CONTROLS.sub(lambda m: f"\\u{ord(m.group()):04x}", document)


def neutralize_html_controls(document: str) -> str:
    """An HTML document with every control character of :data:`CONTROLS` neutralised:
    ``\\u00NN`` inside ``<script>``/``<style>`` (where they only occur in strings), visible
    ``\\xNN`` text elsewhere."""
    if CONTROLS.search(document) is None:
        return document
    parts = _SCRIPT_OR_STYLE.split(document)
    for index, part in enumerate(parts):
        if index % 2:
            parts[index] = neutralize_json_controls(part)
        else:
            parts[index] = neutralize_controls(part)
    return "".join(parts)
