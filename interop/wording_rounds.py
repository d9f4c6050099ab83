"""Fixed texts of the rounds' outputs (rectification, accepted risks, scorecard, charts),
in Chinese and English; merged into :data:`interop.wording.MESSAGES`.

Kept apart from the main table so that the rounds' texts change in one place.
"""

from __future__ import annotations

from interop.i18n import Text

ROUND_MESSAGES: dict[str, Text] = {
    # rectification (整改情况)
    "rect.title": Text("整改情况", "Rectification (整改情况)"),
    "rect.intro": Text(
        "与上一轮（审计基准日 {as_of}，{findings} 个问题）比较：已整改的问题不再出现；"
        "持续存在的问题与上一轮相同；有变化的问题是规模变化的同一组对象（如摄像头点位增减）；"
        "新发现的问题上一轮没有。",
        "Compared with the previous round (as of {as_of}, {findings} findings): resolved "
        "findings are gone; persisting ones are the same as before; changed ones are groups "
        "that shrank or grew (a camera site with cameras added or removed); new ones were not "
        "there before.",
    ),
    "rect.rule": Text("规则", "Rule"),
    "rect.resolved": Text("已整改", "Resolved"),
    "rect.persisting": Text("持续存在", "Persisting"),
    "rect.changed": Text("有变化", "Changed"),
    "rect.new": Text("新发现", "New"),
    "rect.unverified": Text("未能核实", "Unverified"),
    "rect.resolved_build": Text("已整改问题的建设投资（万元）", "Build cost resolved (万元)"),
    "rect.resolved_om": Text("已整改问题的年运维费用（万元）", "Annual O&M resolved (万元)"),
    "rect.resolved_camera": Text("已整改问题的摄像头投资（万元）", "Camera cost resolved (万元)"),
    "rect.total": Text("合计", "Total"),
    "rect.unverified_note": Text(
        "“未能核实”：上一轮的问题本轮没有出现，但本轮清单缺少检查所需的列，无法判断是否已整改。",
        "Unverified: a previous finding absent now, of a check this run could not make "
        "(the inventory lacks its columns), so nothing says it was put right.",
    ),
    "rect.resolved_list": Text("已整改的问题", "Resolved findings"),
    "rect.unverified_list": Text("未能核实的问题", "Unverified findings"),
    "rect.more": Text("另有 {n} 个未列出。", "{n} more not listed."),
    "round.label": Text("本轮状态", "Round"),
    "round.new": Text("新发现", "new"),
    "round.persisting": Text("持续存在", "persisting"),
    "round.changed": Text("有变化", "changed"),
    "sheet.rectification": Text("整改情况", "rectification"),
    "sheet.resolved": Text("已整改的问题", "resolved findings"),
    # accepted risks
    "acc.title": Text("已接受的风险", "Accepted risks"),
    "acc.intro": Text(
        "以下问题经批准作为已接受的风险，在有效期内不计入未整改问题（仍列在各规则下）。",
        "These findings were accepted as risks by an approval in force; they are counted "
        "apart from the open findings (and still listed under their rules).",
    ),
    "acc.label": Text("已接受的风险", "Accepted risk"),
    "acc.reason": Text("理由", "Reason"),
    "acc.approved_by": Text("批准人", "Approved by"),
    "acc.expires": Text("到期日", "Expires"),
    "acc.warnings": Text("已接受风险清单的警告", "Warnings of the accepted-risks file"),
    "acc.none": Text("无。", "None."),
    "head.open_findings": Text("未整改（未接受）的问题", "Open findings (not accepted)"),
    "head.accepted": Text("已接受的风险", "Accepted risks"),
    "sheet.accepted": Text("已接受的风险", "accepted risks"),
    # department scorecard
    "score.title": Text("部门问题排名", "Department scorecard"),
    "score.intro": Text(
        "每个部门：拥有和使用的系统、摄像头，涉及该部门的问题（按领域和严重程度），问题所涉资金"
        "（每个系统、摄像头只计一次），以及与其他部门之间的数据流。"
        "得分 = 3 × 高 + 2 × 中 + 1 × 低（只计未接受的问题）；同分时按涉及的建设投资排序。"
        "点击列名可按该列排序（每种排序显示前 {limit} 个部门）；全部部门见 findings.xlsx。",
        "Per department: systems owned and used, cameras, the findings that touch it (by area "
        "and severity), the money tied up in them (each system and camera counted once), and "
        "flows to and from other departments. Score = 3 × high + 2 × medium + 1 × low open "
        "(not accepted) findings; ties go to the larger build cost. Click a column name to "
        "sort by it (each order shows its top {limit} departments); findings.xlsx lists all.",
    ),
    "score.shown": Text(
        "涉及问题的部门 {total} 个，显示前 {shown} 个。",
        "{total} departments have findings; the first {shown} are shown.",
    ),
    "score.rank": Text("排名", "Rank"),
    "score.department": Text("部门", "Department"),
    "score.score": Text("得分", "Score"),
    "score.findings": Text("问题数", "Findings"),
    "score.accepted": Text("已接受", "Accepted"),
    "score.systems_owned": Text("拥有系统", "Systems owned"),
    "score.systems_used": Text("使用他部门系统", "Systems used"),
    "score.cameras": Text("摄像头", "Cameras"),
    "score.flows_sent": Text("向其他部门发送的数据流", "Flows sent"),
    "score.flows_received": Text("从其他部门接收的数据流", "Flows received"),
    "score.unknown": Text("金额未填报", "Amounts unknown"),
    "score.sorted_by": Text("当前排序：{label}", "Sorted by {label}"),
    "score.by.score": Text("得分", "score"),
    "score.by.findings": Text("问题数", "findings"),
    "score.by.high": Text("高严重程度问题", "high-severity findings"),
    "score.by.build": Text("涉及的建设投资", "build cost tied up"),
    "score.by.om": Text("涉及的年运维费用", "annual O&M tied up"),
    "score.by.cameras": Text("摄像头数", "cameras"),
    "score.by.systems": Text("拥有系统数", "systems owned"),
    "score.by.received": Text("接收的数据流", "flows received"),
    "sheet.scorecard": Text("部门问题排名", "department scorecard"),
    # pictures
    "chart.title": Text("图表", "Pictures"),
    "chart.findings": Text("问题数", "findings"),
    "chart.areas": Text(
        "各问题领域的问题数（按严重程度）", "Findings by problem area and severity"
    ),
    "chart.money": Text(
        "各规则问题涉及的资金（万元）", "Money tied up in each rule's findings (万元)"
    ),
    "chart.heatmap": Text(
        "问题最多的 {n} 个部门 × 问题领域",
        "The {n} departments with most findings × areas",
    ),
    "chart.rounds": Text(
        "各规则已整改、有变化与新发现的问题",
        "Resolved, changed and new findings per rule",
    ),
}
