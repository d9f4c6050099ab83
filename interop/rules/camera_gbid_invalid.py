"""camera.gbid_invalid: a camera whose registered GB/T 28181 id cannot be right.

GB/T 28181 appendix D: the device id is 20 digits; its centre code is the GB/T 2260
division of the owner's area (digits 1–2 the province), and digits 11–13 the device type
(131 camera, 132 network camera).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from interop.findings.model import Finding, Severity
from interop.graph.frames import node_frame
from interop.i18n import Bilingual, Text
from interop.parameters import Parameters
from interop.rules._checks import check_finding
from interop.rules._finding import named_ref
from interop.rules._gbid import (
    PROVINCE_CODES,
    departments,
    live_id_digits,
    number,
    numbers,
    owner_evidence,
)
from interop.rules.base import AuditContext, Check, Rule, RuleHelp, Wording

_GB_ID = ("cameras", "gb_id")
CHECKS = (
    Check("malformed", (_GB_ID,)),
    Check("bad_province", (_GB_ID,)),
    Check("not_camera", (_GB_ID,)),
    Check("division_mismatch", (_GB_ID, ("departments", "division_code"))),
)


def failed_checks(
    gb_id: str, owner: dict[str, Any] | None, type_codes: tuple[str, ...]
) -> list[dict[str, Any]]:
    """The checks a camera's (trimmed, non-empty) id fails, in the rule's order."""
    if not (len(gb_id) == 20 and gb_id.isascii() and gb_id.isdigit()):
        return [{"check": "malformed", "gb_id": gb_id}]
    failed: list[dict[str, Any]] = []
    if gb_id[:2] not in PROVINCE_CODES:
        failed.append({"check": "bad_province", "province_code": gb_id[:2]})
    if gb_id[10:13] not in type_codes:
        failed.append(
            {
                "check": "not_camera",
                "type_code": gb_id[10:13],
                "camera_type_codes": list(type_codes),
            }
        )
    division = owner.get("division_code") if owner else None
    if division and division[2:4] != "00" and gb_id[:4] != division[:4]:
        failed.append(
            {
                "check": "division_mismatch",
                "id_division": gb_id[:4],
                "owner_division_code": division,
            }
        )
    return failed


def check(ctx: AuditContext) -> list[Finding]:
    graph = ctx.graph
    codes = ctx.parameters.camera_type_codes
    rows, ids, fine, digits = ctx.shared(live_id_digits)
    if not rows.size:
        return []
    cams = node_frame(graph, "Camera")
    owners = departments(graph)
    # Only ids that might fail are looked at one by one (a city registers millions): those
    # not well formed, of no province, of no camera type, or of another division than a
    # known county-level owner's. A few more may be looked at (their finding is none).
    suspect = ~fine | ~np.isin(number(digits, 0, 2), numbers(PROVINCE_CODES, 2))
    suspect |= ~np.isin(number(digits, 10, 13), numbers(codes, 3))
    owner_codes, owner_ids = pd.factorize(cams["owner_id"][rows])
    divisions = [(owners.get(str(k)) or {}).get("division_code") or "" for k in owner_ids]
    # Per owner (and a last entry for none): the four digits its cameras' ids must start
    # with; -1 when it asks none (no division, or a city-level one), -2 when no id can.
    owner_prefix = [
        -1 if not d or d[2:4] == "00" else (numbers([d[:4]], 4) or [-2])[0] for d in divisions
    ]
    prefix = np.array([*owner_prefix, -1], dtype=np.int64)[owner_codes]
    suspect |= (prefix != -1) & (prefix != number(digits, 0, 4))
    candidates = suspect.nonzero()[0]
    camera_ids = cams["id"][rows[candidates]].tolist()
    addresses = cams["address"][rows[candidates]].tolist()
    candidate_owners = cams["owner_id"][rows[candidates]].tolist()
    gb_ids = ids[candidates].tolist()
    out: list[Finding] = []
    for camera_id, address, owner_id, gb_id in zip(
        camera_ids, addresses, candidate_owners, gb_ids, strict=True
    ):
        owner = owners.get(str(owner_id))
        failed = failed_checks(str(gb_id), owner, codes)
        evidence = {
            "camera": {"id": str(camera_id), "address": address, "gb_id": str(gb_id)},
            "owner": owner_evidence(owner),
        }
        finding = check_finding(RULE, ctx, [str(camera_id)], evidence, failed)
        if finding is not None:
            out.append(finding)
    return out


_EN = {
    "malformed": lambda c: f"it is not 20 digits ({c['gb_id']!r})",
    "bad_province": lambda c: f"its first two digits {c['province_code']} are no province code",
    "not_camera": lambda c: (
        f"its type code {c['type_code']} is not a camera's ({', '.join(c['camera_type_codes'])})"
    ),
    "division_mismatch": lambda c: (
        f"its centre code starts {c['id_division']}, but the "
        f"owner's division is {c['owner_division_code']}"
    ),
}
_ZH = {
    "malformed": lambda c: f"编码不是20位数字（{c['gb_id']}）",
    "bad_province": lambda c: f"前两位{c['province_code']}不是省级行政区划代码",
    "not_camera": lambda c: (
        f"类型码{c['type_code']}不是摄像机类型（{'、'.join(c['camera_type_codes'])}）"
    ),
    "division_mismatch": lambda c: (
        f"中心编码前四位为{c['id_division']}，与建设部门的行政区划代码"
        f"{c['owner_division_code']}不符"
    ),
}


def _en(evidence: dict[str, Any], parameters: Parameters) -> Wording:
    camera = evidence["camera"]
    owner = named_ref(evidence["owner"])
    why = "; ".join(_EN[c["check"]](c) for c in evidence["checks"])
    return Wording(
        title=f"Invalid GB/T 28181 id on camera {camera['id']}",
        detail=f"Camera {camera['id']} of {owner} is registered as {camera['gb_id']}, but {why}.",
        recommendation=(
            f"Have {owner} correct the camera's device id on the video platform to the "
            "GB/T 28181 coding rules (centre code of its area, camera type code), so that it "
            "can be found and shared across platforms."
        ),
    )


def _zh(evidence: dict[str, Any], parameters: Parameters) -> Wording:
    camera = evidence["camera"]
    owner = named_ref(evidence["owner"], lang="zh")
    why = "；".join(_ZH[c["check"]](c) for c in evidence["checks"])
    return Wording(
        title=f"国标编码不规范：摄像头{camera['id']}",
        detail=f"{owner}的摄像头{camera['id']}登记的国标编码为{camera['gb_id']}，但{why}。",
        recommendation=(
            f"请{owner}按照GB/T 28181编码规则（所在区域的中心编码、摄像机类型码）更正该设备在"
            "视频平台上的编码，以便跨平台检索和共享。"
        ),
    )


WORDING = Bilingual(zh=_zh, en=_en)


HELP = Bilingual(
    zh=RuleHelp(
        criteria=(
            "对每个国标编码（gb_id，去除首尾空白后）非空的在用摄像头：malformed——不是恰好20位"
            "数字（编码格式错误的不再做其他检查）；bad_province——第1–2位不是GB/T 2260的省级代码"
            "（11–15、21–23、31–37、41–46、50–54、61–65、71、81、82）；not_camera——第11–13位不"
            "属于 camera_type_codes（默认131、132）；division_mismatch——建设部门填报了行政区划"
            "代码且其第3–4位不是00，而编码第1–4位与该代码第1–4位不同。依据：GB/T 28181附录D"
            "（20位设备编码；中心编码为GB/T 2260行政区划代码；类型码131摄像机、132网络摄像机）。"
        ),
        evidence="摄像头（编码、地址、国标编码）、建设部门，以及每项未通过的检查和对应的编码位。",
        recommendation=(
            "审计发现部分监控因标准不一无法共享。每路摄像头应按GB/T 28181规则（所在区域、摄像机"
            "类型）编码登记，便于各平台检索和共享。"
        ),
    ),
    en=RuleHelp(
        criteria=(
            "For each live camera with a non-empty gb_id (trimmed). malformed: not exactly 20 "
            "ASCII digits (a malformed id gets no other check). bad_province: digits 1–2 are "
            "not a province-level code of GB/T 2260 (11–15, 21–23, 31–37, 41–46, 50–54, 61–65, "
            "71, 81, 82). not_camera: digits 11–13 are not one of camera_type_codes (default "
            "131,132). division_mismatch: the owner has a division_code whose digits 3–4 are "
            "not 00, and digits 1–4 of the id differ from digits 1–4 of that code. Source: "
            "GB/T 28181 appendix D (the 20-digit device id; centre code = GB/T 2260 division; "
            "type 131 camera, 132 network camera)."
        ),
        evidence=(
            "The camera (id, address, gb_id), its owner, and each failed check with the digits "
            "that failed it."
        ),
        recommendation=(
            "The audit found cameras on incompatible standards that could not be shared. "
            "Register every camera under its GB/T 28181 id, coded for the owner's area and the "
            "camera type, so that platforms can find and share it."
        ),
    ),
)
"""What an auditor reads about the rule, in Chinese and English."""


RULE = Rule(
    id="camera.gbid_invalid",
    area=1,
    severity=Severity.low,
    title=Text("国标编码不规范的摄像头", "Camera with an invalid GB/T 28181 id"),
    parameters=("camera_type_codes",),
    help=HELP,
    check=check,
    wording=WORDING,
    checks=CHECKS,
)
