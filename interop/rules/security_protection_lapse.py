"""security.protection_lapse: a graded system whose 等级保护 duties lapsed.

公通字〔2007〕43号: a system of grade 2 or above is filed with the public security organ
(within 30 days of grading) and assessed at least yearly at grade 3, half-yearly at grade 4;
国家密码管理局令第3号: systems that must use commercial cryptography (here: grade 3 and
above) are assessed for it (密评).
"""

from __future__ import annotations

from typing import Any

from interop.findings.model import Finding, Severity
from interop.i18n import Bilingual, Text
from interop.parameters import Parameters
from interop.rules._checks import (
    check_finding,
    check_names,
    days_before,
    is_classified,
    iso,
    live_municipal_system_list,
    system_evidence,
)
from interop.rules._finding import named_ref
from interop.rules.base import AuditContext, Check, Rule, RuleHelp, Wording

_CLASSIFIED = ("systems", "classified")
CHECKS = (
    Check("not_filed", (("systems", "grade_filing_date"), _CLASSIFIED)),
    Check("assessment_overdue", (("systems", "last_assessment"), _CLASSIFIED)),
    Check("no_crypto_evaluation", (("systems", "crypto_eval_date"), _CLASSIFIED)),
)
HIGH_CHECKS = frozenset({"not_filed", "assessment_overdue"})


def assessment_limit(grade: int, parameters: Parameters) -> int | None:
    """How many days may pass between assessments at ``grade`` (None: no yearly duty)."""
    if grade == 3:
        return parameters.assessment_days
    if grade >= 4:
        return parameters.assessment_days_high
    return None


def check(ctx: AuditContext) -> list[Finding]:
    graph, parameters = ctx.graph, ctx.parameters
    out: list[Finding] = []
    for node, data in ctx.shared(live_municipal_system_list):
        grade = data.get("security_grade")
        if grade is None or grade < 2 or is_classified(data):
            continue
        failed: list[dict[str, Any]] = []
        if data.get("grade_filing_date") is None:
            failed.append({"check": "not_filed", "security_grade": grade})
        limit = assessment_limit(grade, parameters)
        assessed = data.get("last_assessment")
        since = days_before(parameters.as_of, assessed)
        if limit is not None and (since is None or since > limit):
            failed.append(
                {
                    "check": "assessment_overdue",
                    "security_grade": grade,
                    "last_assessment": iso(assessed),
                    "days_since_assessment": since,
                    "limit_days": limit,
                }
            )
        if grade >= 3 and data.get("crypto_eval_date") is None:
            failed.append({"check": "no_crypto_evaluation", "security_grade": grade})
        if not failed:
            continue  # passed every check: no evidence to gather
        evidence = {**system_evidence(graph, node), "security_grade": grade}
        finding = check_finding(RULE, ctx, [str(data["id"])], evidence, failed, [node])
        if finding is not None:
            out.append(finding)
    return out


def severity_of(evidence: dict[str, Any]) -> Severity:
    """High when the grade was never filed or the assessment is overdue, else medium."""
    return Severity.high if HIGH_CHECKS & set(check_names(evidence)) else Severity.medium


def _en_check(check: dict[str, Any]) -> str:
    name = check["check"]
    if name == "not_filed":
        return "its grade was never filed with the public security organ"
    if name == "assessment_overdue":
        when = (
            f"last assessed on {check['last_assessment']}, {check['days_since_assessment']} "
            "days before the as-of date"
            if check["last_assessment"]
            else "never assessed"
        )
        return f"{when} (grade {check['security_grade']}: at most {check['limit_days']} days)"
    return "no commercial-cryptography assessment (密评) on record"


def _zh_check(check: dict[str, Any]) -> str:
    name = check["check"]
    if name == "not_filed":
        return "未向公安机关办理定级备案"
    if name == "assessment_overdue":
        when = (
            f"最近一次等级测评为{check['last_assessment']}，距审计基准日{check['days_since_assessment']}天"
            if check["last_assessment"]
            else "从未开展等级测评"
        )
        return f"{when}（第{check['security_grade']}级系统测评间隔不应超过{check['limit_days']}天）"
    return "未开展商用密码应用安全性评估（密评）"


def _en(evidence: dict[str, Any], parameters: Parameters) -> Wording:
    system, owner = named_ref(evidence["system"]), named_ref(evidence["owner"])
    grade = evidence["security_grade"]
    lapses = "; ".join(_en_check(c) for c in evidence["checks"])
    return Wording(
        title=f"Security protection duties lapsed for {system} (grade {grade})",
        detail=f"{system}, owned by {owner}, is graded {grade} but {lapses}.",
        recommendation=(
            f"Have {owner} file the grade of {system} with the public security organ, have it "
            "assessed at the interval its grade requires, and have its commercial cryptography "
            "assessed (密评) where grade 3 or above requires it."
        ),
    )


def _zh(evidence: dict[str, Any], parameters: Parameters) -> Wording:
    system = named_ref(evidence["system"], lang="zh")
    owner = named_ref(evidence["owner"], lang="zh")
    grade = evidence["security_grade"]
    lapses = "；".join(_zh_check(c) for c in evidence["checks"])
    return Wording(
        title=f"等级保护责任未落实：{system}（第{grade}级）",
        detail=f"{owner}的{system}定为第{grade}级，但{lapses}。",
        recommendation=(
            f"请{owner}按照公通字〔2007〕43号的规定，将{system}的定级情况向公安机关备案，按所定"
            "等级定期开展等级测评；第三级以上系统应按国家密码管理局令第3号开展商用密码应用"
            "安全性评估。"
        ),
    )


WORDING = Bilingual(zh=_zh, en=_en)


HELP = Bilingual(
    zh=RuleHelp(
        criteria=(
            "对每个在用的市级或区级系统（非涉密；是否涉密为空视为非涉密），等保级别为第二级及"
            "以上的：not_filed——等保备案日期为空；assessment_overdue——第三级系统最近等级测评"
            "日期为空或早于审计基准日超过 assessment_days 天（默认365天），第四、五级系统为空或"
            "超过 assessment_days_high 天（默认182天）；no_crypto_evaluation——第三级及以上系统"
            "最近密评日期为空。not_filed 或 assessment_overdue 未通过时为高风险，否则为中风险。"
            "依据：公通字〔2007〕43号（定级后30日内备案；第三级每年至少测评一次，第四级每半年"
            "至少一次）；国家密码管理局令第3号（商用密码应用安全性评估）。"
        ),
        evidence=(
            "系统及其主管部门、层级和等保级别；每项未通过的检查及其取值（最近测评日期、距今天数"
            "和规定间隔）；系统的建设投资和年运维费用（万元）。"
        ),
        recommendation=(
            "审计发现部分单位网络安全责任未落实。第二级及以上系统应向公安机关备案，按等级规定的"
            "间隔开展等级测评，按规定开展商用密码应用安全性评估。"
        ),
    ),
    en=RuleHelp(
        criteria=(
            "For each live municipal or district system, not classified (an empty classified "
            "is not classified), with security_grade 2 or more. not_filed: grade_filing_date "
            "is empty. assessment_overdue: grade 3 and last_assessment empty or more than "
            "assessment_days (default 365) before the as-of date, or grade 4 or 5 and it is "
            "empty or more than assessment_days_high (default 182) before. "
            "no_crypto_evaluation: grade 3 or more and crypto_eval_date empty. Severity high "
            "when not_filed or assessment_overdue failed, else medium. Sources: 公通字〔2007〕"
            "43号 (filing within 30 days; yearly assessment at grade 3, half-yearly at grade "
            "4); 国家密码管理局令第3号 (密评)."
        ),
        evidence=(
            "The system, its owner, level and grade; each failed check with its values (the "
            "last assessment, the days since it and the limit); the system's build and annual "
            "O&M cost (万元)."
        ),
        recommendation=(
            "The audit found security duties not carried out. File every grade of 2 and above "
            "with the public security organ, assess systems at the interval their grade "
            "requires, and assess commercial cryptography where it is required."
        ),
    ),
)
"""What an auditor reads about the rule, in Chinese and English."""


RULE = Rule(
    id="security.protection_lapse",
    area=5,
    severity=Severity.high,
    title=Text("等级保护责任未落实", "Security protection duties lapsed"),
    parameters=("as_of", "assessment_days", "assessment_days_high"),
    help=HELP,
    check=check,
    wording=WORDING,
    severity_of=severity_of,
    checks=CHECKS,
)
