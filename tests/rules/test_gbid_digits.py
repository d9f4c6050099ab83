"""GB ids read digit by digit (``_gbid.digit_codes``): the same as a pattern matched per id,
whether every id is ASCII (read from their bytes at once) or one is not (code points)."""

from __future__ import annotations

import re

import numpy as np
import pytest

from interop.rules._gbid import ID_DIGITS, digit_codes

TWENTY_DIGITS = re.compile(r"[0-9]{20}", re.ASCII)

ASCII_IDS = [
    "42010000001320000001",
    "4201000000132000000",  # 19
    "420100000013200000012",  # 21
    "4201000000132000000X",
    "4201000000132000000\x00",  # a trailing NUL
    "\x0042010000001320000",
    " 4201000000132000000",
    "",
    "99999999999999999999",
    "00000000000000000000",
]
OTHERS = [
    "４２０１０００００００１３２００００００１",  # full-width digits, 20 characters
    "4201000000132000000٣",  # an Arabic-Indic digit
    "é4201000000132000000",
]


@pytest.mark.parametrize("ids", [ASCII_IDS, ASCII_IDS + OTHERS, OTHERS, ASCII_IDS[:1] * 3])
def test_digit_codes_are_a_pattern_per_id(ids: list[str]) -> None:
    fine, digits = digit_codes(np.array(ids, dtype=object))
    expected = [bool(TWENTY_DIGITS.fullmatch(i)) for i in ids]
    assert fine.tolist() == expected
    assert digits.shape == (len(ids), ID_DIGITS)
    for row, id_, ok in zip(digits.tolist(), ids, expected, strict=True):
        assert row == ([int(c) for c in id_] if ok else [0] * ID_DIGITS)
