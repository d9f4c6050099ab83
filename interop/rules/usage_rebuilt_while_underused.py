"""usage.rebuilt_while_underused: a system replaced soon after going live, while barely used."""

from __future__ import annotations

from typing import Any

from interop.findings.model import Finding, Severity
from interop.i18n import Bilingual, Text
from interop.parameters import Parameters
from interop.rules._finding import named_ref, zh_money
from interop.rules._views import (
    key_of,
    money,
    money_words,
    owner_ref,
    ref,
    utilization,
)
from interop.rules.base import AuditContext, Rule, RuleHelp, Wording


def check(ctx: AuditContext) -> list[Finding]:
    graph = ctx.graph
    within = ctx.parameters.rebuilt_within_days
    threshold = ctx.parameters.rebuilt_utilization
    out: list[Finding] = []
    for new, old, kind in graph.edges(data="type"):
        if kind != "REPLACES":
            continue
        new_data, old_data = graph.nodes[new], graph.nodes[old]
        new_live, old_live = new_data.get("go_live"), old_data.get("go_live")
        if new_live is None or old_live is None:
            continue
        gap = (new_live - old_live).days
        used = utilization(old_data)
        if not 0 <= gap < within or used is None or not used < threshold:
            continue
        evidence = {
            "new": {**ref(graph, new), "go_live": new_live.isoformat()},
            "old": {
                **ref(graph, old),
                "go_live": old_live.isoformat(),
                "modules_used": old_data["modules_used"],
                "modules_total": old_data["modules_total"],
                "utilization": round(used, 4),
                "status": old_data.get("status", "in_use"),
            },
            "owners": {"new": owner_ref(graph, new), "old": owner_ref(graph, old)},
            "days_between_go_live": gap,
            "money": money(graph, [new, old]),
            "money_new": money(graph, [new]),
            "money_old": money(graph, [old]),
        }
        out.append(
            RULE.make_finding([key_of(graph, new), key_of(graph, old)], evidence, ctx.parameters)
        )
    return out


def _en(evidence: dict[str, Any], parameters: Parameters) -> Wording:
    new, old = evidence["new"], evidence["old"]
    new_named, old_named = named_ref(new), named_ref(old)
    builder = named_ref(evidence["owners"]["new"])
    used = old["modules_used"] / old["modules_total"]
    return Wording(
        title=f"Rebuilt while underused: {new_named} replaced {old_named}",
        detail=(
            f"{new_named}, built by {builder}, went live on {new['go_live']}, "
            f"{evidence['days_between_go_live']} days after {old_named} ({old['go_live']}), "
            f"which it replaced while only {old['modules_used']} of {old['modules_total']} "
            f"modules of the old system were used ({used:.0%}). Together: "
            f"{money_words(evidence['money'])}."
        ),
        recommendation=(
            f"Ask {builder} why {old_named} was rebuilt while most of its modules were unused; "
            "require that a replacement's business case show the old system's use, and "
            "evaluate the new one's use before further funding."
        ),
    )


def _zh(evidence: dict[str, Any], parameters: Parameters) -> Wording:
    new, old = evidence["new"], evidence["old"]
    new_named, old_named = named_ref(new, lang="zh"), named_ref(old, lang="zh")
    builder = named_ref(evidence["owners"]["new"], lang="zh")
    used = old["modules_used"] / old["modules_total"]
    return Wording(
        title=f"旧系统未充分使用即重建：{new_named}取代{old_named}",
        detail=(
            f"{builder}建设的{new_named}于{new['go_live']}上线，距其取代的{old_named}"
            f"（{old['go_live']}上线）仅{evidence['days_between_go_live']}天；重建时旧系统"
            f"{old['modules_total']}个功能模块中仅使用{old['modules_used']}个（{used:.0%}），"
            f"已有系统资源未充分利用。两者合计：{zh_money(evidence['money'])}。"
        ),
        recommendation=(
            f"请{builder}说明在{old_named}多数模块未使用的情况下重新建设的原因；今后重建项目"
            "立项申报须提供旧系统的使用情况，新系统在追加资金前应先评估其使用绩效。"
        ),
    )


WORDING = Bilingual(zh=_zh, en=_en)
"""The finding's words in each language, from its evidence alone."""


HELP = Bilingual(
    zh=RuleHelp(
        criteria=(
            "对每个以 replaces_id 指明所取代旧系统O的系统N，若两者上线日期均已填报，N在O上线当日"
            "或之后、不足 rebuilt_within_days 天（默认1,095天，即3年；N的上线日期减O的上线日期，"
            "以天计，不小于0且小于 rebuilt_within_days）上线，且O的功能模块使用率"
            "（在用模块数/功能模块数，仅当两项均已填报且功能模块数不少于1时计算）"
            "低于 rebuilt_utilization（默认0.5），即判定。"
            "两个系统均不要求在用。对象依次为N、O。替代系统早于被替代系统上线属于数据错误，"
            "在加载时对N的 replaces_id 给出警告，不判定为本规则的问题。"
        ),
        evidence=(
            "新旧两个系统（编码、名称、上线日期），旧系统的在用模块数、功能模块数、使用率和状态，"
            "两个系统的主管部门，两次上线的间隔天数，以及两个系统合计和各自的建设投资与年运维费用"
            "（万元）。"
        ),
        recommendation=(
            "审计发现，少数单位在原信息系统建成短期运行、多数模块功能基本未使用的情况下，为了"
            "扩充系统功能重新建设信息系统，未充分利用已有系统资源。应出台市级信息化项目管理办法，"
            "规范项目申报、立项审批、实施验收和监督评估，重建项目须先提供旧系统的使用情况方可"
            "立项。"
        ),
    ),
    en=RuleHelp(
        criteria=(
            "Raised for each system N whose replaces_id names a system O, when both go_live "
            "dates are known, N went live on or after O and less than rebuilt_within_days "
            "(default 1,095, i.e. 3 years) after it (0 ≤ go_live of N − go_live of O, in days, "
            "< rebuilt_within_days), and "
            "O's utilization (modules_used / modules_total, defined only when both are known "
            "and modules_total ≥ 1) is below rebuilt_utilization (default 0.5). Neither "
            "system needs to be live. The subjects are N, then O. A replacement that went "
            "live before the system it replaced is a data error, reported as a load warning "
            "on N's replaces_id, never a finding."
        ),
        evidence=(
            "The new and the old system (ids, names, go-live dates), the old system's modules "
            "used and total and its utilization and status, both owners, the days between the "
            "go-live dates, and the build and annual O&M cost (万元) of both, together and each."
        ),
        recommendation=(
            "The audit found a system rebuilt to add features while most modules of the old "
            "one were never used. Set city rules for IT projects (filing, approval, acceptance, "
            "evaluation) that require evidence of the old system's use before a rebuild is "
            "approved."
        ),
    ),
)
"""What an auditor reads about the rule, in Chinese and English."""


RULE = Rule(
    id="usage.rebuilt_while_underused",
    area=4,
    severity=Severity.high,
    title=Text("旧系统未充分使用即重建", "Rebuilt while the old system was underused"),
    parameters=("rebuilt_within_days", "rebuilt_utilization"),
    help=HELP,
    check=check,
    wording=WORDING,
)
