"""Every fixed text of the questionnaire, the collect summary and the feedback workbooks,
in Chinese and English, side by side (``word(key, lang)``; a missing key is a KeyError that
the tests rendering both languages catch)."""

from __future__ import annotations

from interop.i18n import Lang, Text

INSTRUCTIONS_SHEET = Text("填表说明", "Instructions")
"""The template's explanations sheet; loaders ignore a sheet (or CSV file) of either name."""

WORDS: dict[str, Text] = {
    # header comments
    "required": Text("必填", "required"),
    "optional": Text("选填", "optional"),
    "since2": Text("（第2版新增）", " (added in version 2)"),
    "kind.text": Text("文本", "text"),
    "kind.enum": Text("从下拉列表选择：{values}", "pick from the list: {values}"),
    "kind.date": Text(
        "日期，如 2020-06-30（也可 2020/6/30、2020年6月30日）",
        "a date, e.g. 2020-06-30 (also 2020/6/30)",
    ),
    "kind.amount": Text("数字，单位万元，不小于0", "a number in 万元 (10,000 CNY), 0 or more"),
    "kind.count": Text("整数，不小于0", "a whole number, 0 or more"),
    "kind.bool": Text("是 或 否", "yes or no"),
    "kind.grade": Text("等保级别：第一级…第五级，或 未定级", "security grade 1–5, or ungraded"),
    "kind.lat": Text("纬度，十进制度数（-90…90）", "latitude in decimal degrees (-90…90)"),
    "kind.lon": Text("经度，十进制度数（-180…180）", "longitude in decimal degrees (-180…180)"),
    "kind.division": Text(
        "6位行政区划代码（GB/T 2260），如 420100",
        "6-digit division code (GB/T 2260), e.g. 420100",
    ),
    "kind.multi": Text(
        "可填多个，用 ；或 、 分隔",
        "several values allowed, separated by ; or ,",
    ),
    "refers": Text("填写“{sheets}”表中的编码", "an id from the {sheets} sheet"),
    "default": Text("留空表示：{value}", "empty means: {value}"),
    "unique": Text("在本表中唯一", "unique in this sheet"),
    "error.title": Text("填写有误", "Invalid value"),
    "error.list": Text("请从下拉列表中选择。", "Pick a value from the list."),
    "error.date": Text("请填写日期，如 2020-06-30。", "Enter a date, e.g. 2020-06-30."),
    "error.number": Text("请填写符合要求的数字。", "Enter a number within the allowed range."),
    "error.division": Text("请填写6位数字代码。", "Enter the 6-digit code."),
    # the instructions sheet
    "howto.title": Text(
        "信息系统情况调查表 · 填表说明",
        "Survey of information systems: how to fill in",
    ),
    "howto.intro": Text(
        "本表由审计组发给各预算单位，请如实填写本单位建设、使用的信息系统及相关情况，"
        "填好后按原格式（.xlsx）交回。每个工作表是一张表，第1行是表头，请勿修改、删除或移动"
        "表头，也不要在表头上方插入行；从第2行起每行填写一项。",
        "The audit team sends this workbook to every budget unit. Fill in the information "
        "systems your unit builds or uses, and return the workbook as .xlsx. Each sheet is "
        "one table; row 1 is its header: do not change, delete or move it, and insert no "
        "row above it. Fill one item per row from row 2.",
    ),
    "howto.what": Text(
        "填写范围：部门（本单位，如已预填请核对）；信息系统（本单位建设的系统，以及本单位"
        "使用的省级、国家垂直系统）；网络、平台、网络互联、数据流、视频监控（本单位建设或"
        "接入的）。没有的内容留空即可。",
        "What to fill: departments (your unit; check it if it is prefilled); information "
        "systems (those your unit built, and the provincial or national vertical systems it "
        "uses); networks, platforms, network links, data flows and cameras that your unit "
        "built or connects to. Leave a sheet empty when there is nothing to report.",
    ),
    "howto.formats": Text(
        "填写格式：日期写成 2020-06-30；金额以万元为单位，只填数字；一个单元格可填多个编码时"
        "用“；”或“、”分隔；是否类填“是”或“否”；有下拉列表的列请从列表中选择；不清楚的内容"
        "请留空，不要填0或“无”。",
        "Formats: dates as 2020-06-30; money in 万元, digits only; several ids in one cell "
        "separated by ';' or ','; yes/no columns take yes or no; pick from the list where a "
        "column has one; leave a cell empty when you do not know it (not 0, not 'none').",
    ),
    "howto.required": Text(
        "表头为红色的列必填；把鼠标停在表头上可看到该列的说明。编码（如系统编码）在本表中"
        "不得重复；引用其他表的列（如建设部门）请填写对方表中的编码。",
        "Columns with a red header are required; hover over a header to read what the "
        "column means. Ids (such as a system's id) must not repeat in a sheet; a column that "
        "refers to another sheet (such as the owner) takes an id of that sheet.",
    ),
    "howto.ask": Text(
        "如有疑问，请联系发放本表的审计组。交回后，审计组会把需要更正的内容列在"
        "《问题反馈》表中发回本单位。",
        "Questions: ask the audit team that sent you this workbook. After you return it, "
        "the team sends back a feedback workbook listing anything to correct.",
    ),
    "howto.columns": Text("各表各列说明", "Every sheet and column"),
    "howto.sheet": Text("工作表", "Sheet"),
    "howto.column": Text("列（表头）", "Column (header)"),
    "howto.need": Text("必填", "Required"),
    "howto.meaning": Text("填写要求", "What to enter"),
    "yes": Text("是", "yes"),
    "no": Text("否", "no"),
    "ungraded": Text("未定级", "ungraded"),
    # collect
    "summary.title": Text("回收汇总", "Returns collected"),
    "summary.return": Text("回收表", "return"),
    "summary.read": Text("读取行", "read"),
    "summary.written": Text("写入", "written"),
    "summary.merged": Text("合并", "merged"),
    "summary.rejected": Text("拒绝", "rejected"),
    "summary.warnings": Text("警告", "warnings"),
    "summary.total": Text("合计", "total"),
    "feedback.suffix": Text("-问题反馈.xlsx", "-feedback.xlsx"),
    "feedback.sheet": Text("问题反馈", "Feedback"),
    "feedback.about": Text("说明", "About"),
    "feedback.kind": Text("类别", "kind"),
    "feedback.table": Text("表", "table"),
    "feedback.file": Text("工作表/文件", "sheet or file"),
    "feedback.row": Text("行号", "row"),
    "feedback.column": Text("列", "column"),
    "feedback.value": Text("填写内容", "value"),
    "feedback.reason": Text("问题", "reason"),
    "feedback.rejected": Text("未采用（请更正后重新报送）", "rejected (correct and resend)"),
    "feedback.warning": Text("警告（请核对）", "warning (please check)"),
    "feedback.intro": Text(
        "以下是本单位报送的《{source}》中未被采用的行和需要核对的内容。行号是表格左侧显示的行号。",
        "These are the rows of your return {source} that were not accepted, and the values "
        "to check. Row numbers are those the spreadsheet shows on the left.",
    ),
}


def word(key: str, lang: Lang, **values: object) -> str:
    """The text of ``key`` in ``lang``, with ``{name}`` placeholders filled."""
    text = WORDS[key][lang]
    return text.format(**values) if values else text
