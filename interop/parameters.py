"""Every rule threshold, with the defaults of findings-format v1.

One model holds them all so that the CLI grows an option per field, findings.json
records them under ``parameters``, and both engines read the same values.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Lang = Literal["zh", "en"]
"""The languages findings and reports are worded in."""


class Parameters(BaseModel):
    model_config = ConfigDict(frozen=True)

    as_of: date = Field(default_factory=date.today, description="the audit's reference date")
    camera_radius_m: float = Field(
        50.0, gt=0, description="cameras of different owners closer than this are one site"
    )
    idle_days: int = Field(
        180, ge=0, description="a live system unused for more than this many days is idle"
    )
    low_utilization: float = Field(0.3, ge=0, le=1, description="utilization below this is low")
    rebuilt_utilization: float = Field(
        0.5, ge=0, le=1, description="a replaced system used below this was rebuilt while underused"
    )
    rebuilt_within_days: int = Field(
        1095, ge=0, description="a replacement going live sooner than this after the old one"
    )
    homogeneous_min_owners: int = Field(
        3, ge=2, description="distinct owners of same-function systems that make a group"
    )
    lang: Lang = Field(
        "zh", description="language of finding titles, details and recommendations (and the report)"
    )

    def as_json(self, engine: str) -> dict[str, object]:
        data = self.model_dump(mode="json")
        data.pop("as_of")
        whole = {
            k: int(v) if isinstance(v, float) and v.is_integer() else v for k, v in data.items()
        }
        return {**whole, "engine": engine}
