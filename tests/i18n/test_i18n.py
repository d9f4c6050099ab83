"""interop.i18n: one language type, one check, one bilingual type (Chinese first)."""

from __future__ import annotations

import pytest

from interop.i18n import DEFAULT_LANG, LANGS, Bilingual, Text, check_lang


def test_chinese_is_the_default_and_listed_first() -> None:
    assert DEFAULT_LANG == "zh" == LANGS[0]
    assert set(LANGS) == {"zh", "en"}


@pytest.mark.parametrize("lang", LANGS)
def test_check_lang_accepts_each_language(lang: str) -> None:
    assert check_lang(lang) == lang


@pytest.mark.parametrize("lang", ["fr", "", "ZH", "zh-CN", " en"])
def test_check_lang_names_the_choices(lang: str) -> None:
    with pytest.raises(ValueError, match=r"unknown language .*choose one of zh, en"):
        check_lang(lang)


def test_a_text_is_read_by_language() -> None:
    idle = Text("闲置系统", "Idle system")
    assert (idle["zh"], idle["en"]) == (idle.zh, idle.en) == ("闲置系统", "Idle system")
    with pytest.raises(KeyError):
        idle["fr"]  # type: ignore[index]


def test_a_bilingual_is_not_unpacked_by_position() -> None:
    """``zh, en = text`` would depend on the field order: it fails instead."""
    with pytest.raises((TypeError, KeyError)):
        _zh, _en = Text("是", "yes")  # type: ignore[misc]


def test_a_bilingual_holds_any_value_and_is_frozen() -> None:
    pair = Bilingual(zh=("甲", "乙"), en=("a", "b"))
    assert pair["en"] == ("a", "b")
    with pytest.raises(AttributeError):
        pair.zh = ("丙",)  # type: ignore[misc]
