"""project.lifecycle_gap: a system in use without project approval or final acceptance.

国办发〔2019〕57号 and the city's rules for government IT projects: a project is approved
(立项批复/备案) before it is built and accepted (竣工验收) once it is done.
"""

from __future__ import annotations

from typing import Any

from interop.findings.model import Finding, Severity
from interop.i18n import Bilingual, Text
from interop.parameters import Parameters
from interop.rules._checks import (
    check_finding,
    days_before,
    iso,
    live_municipal_system_list,
    system_evidence,
)
from interop.rules._finding import named_ref
from interop.rules.base import AuditContext, Check, Rule, RuleHelp, Wording

CHECKS = (
    Check("no_approval", (("systems", "approval_no"),)),
    Check("no_acceptance", (("systems", "acceptance_date"),)),
)


def check(ctx: AuditContext) -> list[Finding]:
    graph, parameters = ctx.graph, ctx.parameters
    out: list[Finding] = []
    for node, data in ctx.shared(live_municipal_system_list):
        go_live = data.get("go_live")
        live_for = days_before(parameters.as_of, go_live)
        if live_for is None or live_for <= parameters.acceptance_days:
            continue
        failed: list[dict[str, Any]] = []
        build_cost = data.get("build_cost")
        if data.get("approval_no") is None and build_cost != 0:
            failed.append({"check": "no_approval", "build_cost": build_cost})
        accepted = data.get("acceptance_date")
        if accepted is None or accepted > parameters.as_of:
            failed.append({"check": "no_acceptance", "acceptance_date": iso(accepted)})
        if not failed:
            continue  # passed every check: no evidence to gather
        evidence = {
            **system_evidence(graph, node),
            "go_live": iso(go_live),
            "days_live": live_for,
        }
        finding = check_finding(RULE, ctx, [str(data["id"])], evidence, failed, [node])
        if finding is not None:
            out.append(finding)
    return out


def _en_check(check: dict[str, Any]) -> str:
    if check["check"] == "no_approval":
        return "no project approval number is recorded"
    if check["acceptance_date"]:
        return f"its acceptance is dated {check['acceptance_date']}, after the as-of date"
    return "it has not passed final acceptance"


def _zh_check(check: dict[str, Any]) -> str:
    if check["check"] == "no_approval":
        return "未填报立项批复文号"
    if check["acceptance_date"]:
        return f"验收日期为{check['acceptance_date']}，晚于审计基准日"
    return "尚未完成竣工验收"


def _en(evidence: dict[str, Any], parameters: Parameters) -> Wording:
    system, owner = named_ref(evidence["system"]), named_ref(evidence["owner"])
    gaps = "; ".join(_en_check(c) for c in evidence["checks"])
    return Wording(
        title=f"Project life-cycle gap: {system}",
        detail=(
            f"{system}, owned by {owner}, went live on {evidence['go_live']} "
            f"({evidence['days_live']} days before the as-of date), but {gaps}."
        ),
        recommendation=(
            f"Have {owner} produce the approval of {system}'s project, or file it now, and "
            "complete its final acceptance; approve no O&M spending on systems that were "
            "never approved or accepted."
        ),
    )


def _zh(evidence: dict[str, Any], parameters: Parameters) -> Wording:
    system = named_ref(evidence["system"], lang="zh")
    owner = named_ref(evidence["owner"], lang="zh")
    gaps = "；".join(_zh_check(c) for c in evidence["checks"])
    return Wording(
        title=f"项目建设程序不完整：{system}",
        detail=(
            f"{owner}的{system}于{evidence['go_live']}上线（距审计基准日{evidence['days_live']}"
            f"天），但{gaps}。"
        ),
        recommendation=(
            f"请{owner}补齐{system}的立项批复（备案）手续并完成竣工验收；未经立项或验收的系统"
            "不应安排运维经费。"
        ),
    )


WORDING = Bilingual(zh=_zh, en=_en)


HELP = Bilingual(
    zh=RuleHelp(
        criteria=(
            "对每个上线日期已知且早于审计基准日超过 acceptance_days 天（默认180天）的在用市级或"
            "区级系统：no_approval——立项批复文号为空且建设投资不为0（为空也计入）；"
            "no_acceptance——验收日期为空或晚于审计基准日。依据：国办发〔2019〕57号及本市政务"
            "信息化项目管理规定（立项审批和竣工验收）。"
        ),
        evidence=(
            "系统及其主管部门和层级、上线日期和上线天数；每项未通过的检查及其取值（建设投资、"
            "验收日期）；系统的建设投资和年运维费用（万元）。"
        ),
        recommendation=(
            "审计指出部分项目缺少立项审批、验收和绩效评价。政务信息化项目应先立项后建设，"
            "建成后及时验收，运维经费只安排给履行了立项和验收程序的系统。"
        ),
    ),
    en=RuleHelp(
        criteria=(
            "For each live municipal or district system whose go_live is known and more than "
            "acceptance_days (default 180) before the as-of date. no_approval: approval_no is "
            "empty and build_cost is not 0 (an empty cost counts). no_acceptance: "
            "acceptance_date is empty or after the as-of date. Sources: 国办发〔2019〕57号 and "
            "the city's rules for government IT projects (approval and acceptance)."
        ),
        evidence=(
            "The system, its owner and level, its go-live date and days live; each failed "
            "check with its values (build cost, acceptance date); the system's build and "
            "annual O&M cost (万元)."
        ),
        recommendation=(
            "The audit named missing project approval, acceptance and evaluation. Approve "
            "every IT project before it is built, accept it when it is done, and fund the O&M "
            "only of systems that went through both."
        ),
    ),
)
"""What an auditor reads about the rule, in Chinese and English."""


RULE = Rule(
    id="project.lifecycle_gap",
    area=5,
    severity=Severity.medium,
    title=Text("项目建设程序不完整", "Project approval or acceptance missing"),
    parameters=("as_of", "acceptance_days"),
    help=HELP,
    check=check,
    wording=WORDING,
    checks=CHECKS,
)
