"""The escaping shortcuts give what the plain forms give, on strings made to trip them.

:mod:`interop.escape` looks for ``://`` before the scheme, takes ``<script>`` bodies a run
at a time and lets :func:`md_text` return text that needs nothing as is (the pages and the
report are megabytes): each is checked here against the plain form it replaced.
"""

from __future__ import annotations

import random
import re

from interop import escape
from interop.viz import page

PLAIN_URL = re.compile(r"(?i)(https?):(//)")
PLAIN_SPLIT = re.compile(r"(?is)(<script\b[^>]*>.*?</script\s*>|<style\b[^>]*>.*?</style\s*>)")
PLAIN_SOURCE_MAP = re.compile(r"(?m)^//# sourceMappingURL=[^\s<]*")
PIECES = [
    *"hHtTpPsSſK:/<>&`*_[]|~#+-=.1 x\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029\t\x01\x7f\x9f中",
    *("http://", "HTTPS://", "hTtP:", "<script>", "</script >", "<style a=1>", "</STYLE>"),
    *("<scripts>", "</script", "<script src=x>", "  12.", "//# sourceMappingURL=", "a.map"),
]


def _strings(count: int, seed: int) -> list[str]:
    rnd = random.Random(seed)
    return ["".join(rnd.choices(PIECES, k=rnd.randint(0, 14))) for _ in range(count)]


def test_url_rewrites_match_the_plain_pattern() -> None:
    for text in _strings(40_000, 1):
        assert escape._URL.sub(":&#47;&#47;", text) == PLAIN_URL.sub(r"\1:&#47;&#47;", text)
        assert escape.has_url(text) == (PLAIN_URL.search(text) is not None)


def test_script_split_matches_the_lazy_pattern() -> None:
    for text in _strings(40_000, 2):
        assert escape._SCRIPT_OR_STYLE.split(text) == PLAIN_SPLIT.split(text)


def test_md_text_shortcut_matches_full_escaping() -> None:
    for text in _strings(40_000, 3):
        assert escape.md_text(text) == escape._md_escaped(text)
    for value in (12, 3.5, None, "1. item", " #x", "plain 名称"):
        assert escape.md_text(value) == escape._md_escaped(str(value))


def test_source_map_removal_matches_the_line_start_pattern() -> None:
    for text in _strings(40_000, 4):
        assert page._SOURCE_MAP.sub("", text) == PLAIN_SOURCE_MAP.sub("", text)
