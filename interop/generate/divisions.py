"""GB/T 2260 administrative division codes for the sample's departments.

A city's code is its four digits and ``00`` (420100 武汉市); a district's, the city's four
digits and the district's two (420102 江岸区: Wuhan's real codes, by district name; other
cities' districts are numbered 02, 03, … in order). A provincial body serves its province
(420000); national bodies have no code.
"""

from __future__ import annotations

WUHAN_DISTRICT_CODES = {
    "江岸区": "02",
    "江汉区": "03",
    "硚口区": "04",
    "汉阳区": "05",
    "武昌区": "06",
    "青山区": "07",
    "洪山区": "11",
    "东西湖区": "12",
    "汉南区": "13",
    "蔡甸区": "14",
    "江夏区": "15",
    "黄陂区": "16",
    "新洲区": "17",
}


def city_code(city: str) -> str:
    """The division code of a city (``4201`` → ``420100``)."""
    return f"{city}00"


def district_code(city: str, name: str, index: int) -> str:
    """The division code of a city's district (``index`` from 0, in the city's order)."""
    if city == "4201" and name in WUHAN_DISTRICT_CODES:
        return city + WUHAN_DISTRICT_CODES[name]
    return f"{city}{index + 2:02d}"


def province_code(province: str) -> str:
    """The division code of a province (``42`` → ``420000``)."""
    return f"{province}0000"
