"""Every rule threshold, with the defaults of findings-format v2.

One model holds them all so that the CLI grows an option per field, findings.json
records them under ``parameters``, and both engines read the same values.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field, field_validator

from interop.i18n import DEFAULT_LANG, Lang


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
    camera_type_codes: tuple[str, ...] = Field(
        ("131", "132"),
        description="GB/T 28181 type codes (digits 11-13 of a device id) that are cameras, "
        "comma-separated",
    )
    zombie_update_days: int = Field(
        730, ge=0, description="a system unmaintained and not updated for longer is a zombie"
    )
    zombie_min_users: int = Field(
        10, ge=1, description="fewer monthly active users (and one department) is narrow and rare"
    )
    assessment_days: int = Field(
        365, ge=0, description="a grade-3 system must be assessed at least this often"
    )
    assessment_days_high: int = Field(
        182, ge=0, description="a grade-4 or grade-5 system must be assessed at least this often"
    )
    acceptance_days: int = Field(
        180, ge=0, description="a system live longer than this must have passed acceptance"
    )
    lang: Lang = Field(
        DEFAULT_LANG,
        description="language of finding titles, details and recommendations (and the report)",
    )

    @field_validator("camera_type_codes", mode="before")
    @classmethod
    def _codes(cls, value: object) -> object:
        """``131,132`` (the CLI's comma-separated list) as ``("131", "132")``; each a
        3-digit code."""
        if isinstance(value, str):
            value = [part for part in (p.strip() for p in value.split(",")) if part]
        if isinstance(value, list | tuple):
            codes = tuple(str(code).strip() for code in value)
            bad = [c for c in codes if not (len(c) == 3 and c.isascii() and c.isdigit())]
            if bad or not codes:
                raise ValueError(f"camera type codes are 3 digits each, not {bad or 'none'}")
            return codes
        return value

    def as_json(self, engine: str) -> dict[str, object]:
        data = self.model_dump(mode="json")
        data.pop("as_of")
        whole = {
            k: int(v) if isinstance(v, float) and v.is_integer() else v for k, v in data.items()
        }
        return {**whole, "engine": engine}
