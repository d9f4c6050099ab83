"""The two languages interop speaks, and the one type that holds a thing said in both.

Chinese is the default (the auditors, the inventories and the reports are Chinese); English
is the second language, never an optional extra: every :class:`Bilingual` has both, so no
output can carry a text the other language lacks. Fixed texts (problem areas, messages,
rule titles) are :data:`Text`; a rule's help is a ``Bilingual[RuleHelp]`` and its wording a
``Bilingual[Word]``. ``thing[lang]`` picks one language; ``check_lang`` is the one check of
a language name that a caller (an API, a form) passes in as a string.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, Literal, TypeVar

Lang = Literal["zh", "en"]
"""A language: ``zh`` (Chinese, the default) or ``en`` (English)."""

LANGS: tuple[Lang, ...] = ("zh", "en")
"""Every language, the default first."""

DEFAULT_LANG: Lang = "zh"

T = TypeVar("T", covariant=True)


def check_lang(lang: str) -> Lang:
    """``lang`` if it is a supported language, else a ValueError naming the choices."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGS)}")
    return "zh" if lang == "zh" else "en"


@dataclass(frozen=True)
class Bilingual(Generic[T]):
    """One thing in Chinese and in English, both required; Chinese comes first.

    Fields are read by name (``.zh``, ``.en``) or by language (``value[lang]``), never by
    position: a tuple of two strings says nothing about which is which, which is how the
    problem areas once came to be stored the other way round.
    """

    zh: T
    en: T

    def __getitem__(self, lang: Lang) -> T:
        """The value in ``lang``; KeyError for a language that is not ``zh`` or ``en``."""
        if lang == "zh":
            return self.zh
        if lang == "en":
            return self.en
        raise KeyError(lang)


Text = Bilingual[str]
"""A fixed text in both languages: ``Text("闲置系统", "Idle system")``."""
