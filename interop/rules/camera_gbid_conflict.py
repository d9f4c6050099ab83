"""camera.gbid_conflict: one GB/T 28181 device id registered by cameras of several
departments.

GB/T 28181 appendix D: a device id identifies one device across every platform. The same
id under two departments is one camera registered twice, or two cameras of which at least
one cannot be addressed: either way the shared video platform cannot tell them apart.
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
from interop.rules._finding import named_ref, zh_list
from interop.rules._gbid import departments, live_id_digits, owner_evidence
from interop.rules.base import AuditContext, Check, Rule, RuleHelp, Wording

CHECKS = (Check("shared_id", (("cameras", "gb_id"),)),)


def check(ctx: AuditContext) -> list[Finding]:
    graph = ctx.graph
    rows, ids, fine, _ = ctx.shared(live_id_digits)
    if rows.size < 2:
        return []
    rows, ids = rows[fine], ids[fine]
    cams = node_frame(graph, "Camera")
    owner_column = cams["owner_id"][rows]
    # The ids registered by two departments or more (an unknown owner is none): distinct
    # (id, owner) pairs counted per id, on codes rather than strings.
    id_codes, _ = pd.factorize(ids)
    owner_codes, owner_values = pd.factorize(owner_column)
    known = owner_codes >= 0
    pairs = pd.unique(id_codes[known] * (len(owner_values) + 1) + owner_codes[known])
    owners_per_id = np.bincount(pairs // (len(owner_values) + 1), minlength=1)
    shared = np.flatnonzero(owners_per_id >= 2)
    if not shared.size:
        return []
    picked = np.flatnonzero(np.isin(id_codes, shared))
    owners = departments(graph)
    groups: dict[str, list[dict[str, Any]]] = {}
    camera_ids = cams["id"][rows[picked]].tolist()
    addresses = cams["address"][rows[picked]].tolist()
    owner_ids = owner_column[picked].tolist()
    gb_ids = ids[picked].tolist()
    for gb_id, owner_id, camera_id, address in zip(
        gb_ids, owner_ids, camera_ids, addresses, strict=True
    ):
        owner = owner_evidence(owners.get(str(owner_id)))
        groups.setdefault(str(gb_id), []).append(
            {"id": str(camera_id), "owner": owner, "address": address}
        )
    out: list[Finding] = []
    for gb_id in sorted(groups):
        cameras = sorted(groups[gb_id], key=lambda c: c["id"])
        owner_ids = sorted({c["owner"]["id"] for c in cameras if c["owner"]})
        evidence = {"gb_id": gb_id, "cameras": cameras}
        failed = [{"check": "shared_id", "gb_id": gb_id, "owners": owner_ids}]
        finding = check_finding(RULE, ctx, [c["id"] for c in cameras], evidence, failed)
        if finding is not None:
            out.append(finding)
    return out


def _owners(evidence: dict[str, Any], lang: str) -> list[str]:
    seen: dict[str, str] = {}
    for camera in evidence["cameras"]:
        if camera["owner"]:
            seen.setdefault(camera["owner"]["id"], named_ref(camera["owner"], lang=lang))  # type: ignore[arg-type]
    return [seen[k] for k in sorted(seen)]


def _en(evidence: dict[str, Any], parameters: Parameters) -> Wording:
    cameras = [c["id"] for c in evidence["cameras"]]
    owners = _owners(evidence, "en")
    return Wording(
        title=f"GB/T 28181 id {evidence['gb_id']} carried by {len(cameras)} cameras of "
        f"{len(owners)} departments",
        detail=(
            f"Cameras {', '.join(cameras)} of {', '.join(owners)} are all registered under the "
            f"device id {evidence['gb_id']}; a shared video platform cannot tell them apart."
        ),
        recommendation=(
            f"Have {', '.join(owners)} establish whether this is one camera registered twice or "
            "several cameras under one id, and re-register the others under ids of their own."
        ),
    )


def _zh(evidence: dict[str, Any], parameters: Parameters) -> Wording:
    cameras = [c["id"] for c in evidence["cameras"]]
    owners = _owners(evidence, "zh")
    return Wording(
        title=f"国标编码共用：{evidence['gb_id']}（{len(owners)}个部门的{len(cameras)}路摄像头）",
        detail=(
            f"{zh_list(owners)}的摄像头{zh_list(cameras)}登记了相同的设备编码"
            f"{evidence['gb_id']}，视频共享平台无法区分。"
        ),
        recommendation=(
            f"请{zh_list(owners)}核实是同一摄像头重复登记还是多路摄像头共用编码，并为其余摄像头"
            "重新分配编码登记。"
        ),
    )


WORDING = Bilingual(zh=_zh, en=_en)


HELP = Bilingual(
    zh=RuleHelp(
        criteria=(
            "对每个格式正确（20位数字，去除首尾空白）、被两路及以上在用摄像头登记、且这些摄像头"
            "分属至少2个部门的国标编码，判定未通过 shared_id 检查；每个编码一项问题，对象为登记"
            "该编码的全部在用摄像头。依据：GB/T 28181附录D（一个设备编码标识一个设备）。"
        ),
        evidence="该编码、登记该编码的每路在用摄像头（编码、建设部门、地址）及涉及的部门。",
        recommendation=(
            "审计发现同一点位有多个部门的摄像头且标准不一。视频共享平台上每个设备应有唯一编码，"
            "并明确以哪个部门的登记为准。"
        ),
    ),
    en=RuleHelp(
        criteria=(
            "Raised (check shared_id) for each well-formed gb_id (20 digits, trimmed) carried "
            "by two or more live cameras whose owners are at least 2 distinct departments; one "
            "finding per id, its subjects every live camera carrying the id. Source: GB/T 28181 "
            "appendix D (a device id identifies one device)."
        ),
        evidence="The id, every live camera carrying it (id, owner, address), and the owners.",
        recommendation=(
            "The audit found one street point carrying cameras of many owners on incompatible "
            "standards. Give every device one id of its own on the city's video sharing "
            "platform, and settle which department's registration stands."
        ),
    ),
)
"""What an auditor reads about the rule, in Chinese and English."""


RULE = Rule(
    id="camera.gbid_conflict",
    area=1,
    severity=Severity.high,
    title=Text("多个部门共用的国标编码", "GB/T 28181 id shared by departments"),
    parameters=(),
    help=HELP,
    check=check,
    wording=WORDING,
    checks=CHECKS,
)
