"""One spelling of each enum value for every output: the questionnaire's drop-downs, the
findings' Chinese words and the sample city's cells all use interop.schema.enums.spelling."""

from __future__ import annotations

import pytest

from interop.generate.render import cell
from interop.i18n import LANGS
from interop.rules._finding import zh_enum
from interop.schema.enums import ALIASES, CameraStandard, NetworkKind, parse_enum, spelling

MEMBERS = list(ALIASES)


@pytest.mark.parametrize("member", MEMBERS, ids=lambda m: f"{type(m).__name__}.{m.value}")
def test_every_spelling_parses_back_and_every_output_uses_it(member) -> None:
    for lang in LANGS:
        assert parse_enum(type(member), spelling(member, lang)) is member
        assert cell(member, lang) == spelling(member, lang)  # the sample city
    assert spelling(member, "en") == member.value
    assert zh_enum(type(member), member.value) == spelling(member, "zh")  # findings


def test_chinese_is_the_first_chinese_spelling_else_the_first_other() -> None:
    assert spelling(NetworkKind.egov_private, "zh") == "电子政务专网"
    assert spelling(CameraStandard.gb28181, "zh") == "GB/T 28181"


def test_evidence_values_outside_the_enum_or_empty() -> None:
    assert zh_enum(NetworkKind, "satellite") == "satellite"
    assert zh_enum(NetworkKind, "") == zh_enum(NetworkKind, None) == "未知"


def test_members_of_different_enums_with_one_value_keep_their_own_aliases() -> None:
    """``DeptLevel.municipal == SystemLevel.municipal`` (both the string "municipal"): in a
    dict the second entry overwrote the first, and a department's level 市 was refused."""
    from interop.schema.enums import DeptLevel, SystemLevel

    assert ALIASES[DeptLevel.municipal] == ("市级", "市")
    assert ALIASES[SystemLevel.municipal] == ("市级",)
    assert DeptLevel.municipal in list(ALIASES) and SystemLevel.municipal in list(ALIASES)
    assert [type(m) for m in ALIASES if m == "municipal"] == [DeptLevel, SystemLevel]
    assert parse_enum(DeptLevel, "市") is DeptLevel.municipal
    assert parse_enum(DeptLevel, "区") is DeptLevel.district
    with pytest.raises(ValueError):
        parse_enum(SystemLevel, "市")
    assert spelling(DeptLevel.national, "zh") == "国家"
