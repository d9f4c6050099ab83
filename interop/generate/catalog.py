"""What systems each kind of unit builds, the vertical systems handed down from above, and
the data sets that flow between them.

Catalogue lines read ``function|name|kind|gov_service``: ``function`` is the controlled
phrase of the inventory's ``function`` column, ``name`` a template (``{c}`` city short name,
``{u}`` unit name, ``{p}`` province name), ``kind`` selects the cost and usage profile
(see :data:`KIND_PROFILES`), and ``gov_service`` is 1 when the system serves citizens or
businesses.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SystemTemplate:
    function: str
    name: str
    kind: str
    gov_service: bool


@dataclass(frozen=True)
class KindProfile:
    """Cost and usage of one kind of system (money in 万元, 10,000 CNY)."""

    cost_median: float
    cost_sigma: float
    users_low: int
    users_high: int
    graded: int
    """The security grade it gets when graded."""


KIND_PROFILES: dict[str, KindProfile] = {
    "video": KindProfile(1800.0, 0.7, 40, 900, 3),
    "core": KindProfile(180.0, 0.8, 30, 3000, 3),
    "service": KindProfile(260.0, 0.8, 2000, 300000, 3),
    "analytics": KindProfile(220.0, 0.7, 10, 400, 2),
    "internal": KindProfile(40.0, 0.6, 10, 600, 2),
    "office": KindProfile(70.0, 0.6, 80, 3000, 2),
    "portal": KindProfile(30.0, 0.6, 5000, 500000, 2),
    "his": KindProfile(650.0, 0.45, 300, 4000, 3),
    "hospital": KindProfile(120.0, 0.6, 40, 1500, 2),
}


def _parse(block: str) -> tuple[SystemTemplate, ...]:
    out = []
    for line in block.strip().splitlines():
        function, name, kind, gov = (part.strip() for part in line.split("|"))
        if kind not in KIND_PROFILES:
            raise ValueError(f"unknown system kind {kind!r} in catalogue line {line!r}")
        out.append(SystemTemplate(function, name, kind, gov == "1"))
    return tuple(out)


VIDEO_FUNCTION = "视频监控"

_UNIT_BLOCKS: dict[str, str] = {
    "zwfw": """
        政务服务|{c}市一网通办综合受理系统|service|1
        电子证照|{c}市电子证照库管理系统|core|1
        统一身份认证|{c}市统一身份认证系统|core|1
        12345热线|{c}市民服务热线(12345)系统|service|1
        政务服务评价|{c}市政务服务好差评系统|service|1
        数据资源目录|{c}市政务数据资源目录系统|core|0
        大数据分析|{c}市城市大数据中心分析平台|analytics|0
        电子监察|{c}市政务服务电子监察系统|core|0
        自助终端|{c}市政务服务自助终端管理系统|service|1
        移动政务|{c}市民之家移动服务端|service|1
        政务云管理|{c}市政务云管理平台|core|0
        中介服务|{c}市网上中介服务超市|service|1
    """,
    "police": """
        视频监控|{c}市公安局视频图像信息综合应用平台|video|0
        人口管理|{c}市公安局人口信息管理系统|core|1
        户政办理|{c}市公安户政业务网上办理系统|service|1
        出入境办理|{c}市出入境证件网上预约系统|service|1
        警务综合|{c}市公安局警务综合信息平台|core|0
        执法办案|{c}市公安局执法办案管理系统|core|0
        指挥调度|{c}市公安局110接处警指挥调度系统|core|0
        情报研判|{c}市公安局情报信息研判系统|analytics|0
        治安管理|{c}市公安局治安管理信息系统|core|0
        网安管理|{c}市公安局网络安全监管系统|core|0
        特种行业管理|{c}市旅馆业治安管理信息系统|core|1
        人像识别|{c}市公安局人像识别比对系统|analytics|0
        车辆卡口|{c}市公安局车辆卡口缉查布控系统|core|0
        监所管理|{c}市公安局监所管理信息系统|core|0
        警务督察|{c}市公安局警务督察系统|internal|0
        警用地理信息|{c}市公安局警用地理信息系统(PGIS)|core|0
        移动警务|{c}市公安局移动警务平台|core|0
        涉案财物管理|{c}市公安局涉案财物管理系统|internal|0
        禁毒管理|{c}市公安局禁毒业务管理系统|core|0
        无犯罪记录证明|{c}市无犯罪记录证明网上办理系统|service|1
    """,
    "traffic": """
        视频监控|{c}市交通视频监控系统|video|0
        交通违法处理|{c}市交通违法处理系统|service|1
        电子警察|{c}市电子警察抓拍系统|core|0
        交通信号控制|{c}市交通信号控制系统|core|0
        交通指挥|{c}市公安交通指挥中心集成平台|core|0
        车驾管业务|{c}市车驾管业务网上办理系统|service|1
        停车诱导|{c}市停车诱导系统|service|0
        交通事故处理|{c}市道路交通事故处理系统|core|1
        交通流量分析|{c}市交通流量监测分析系统|analytics|0
        非现场执法|{c}市交通非现场执法系统|core|0
    """,
    "urban": """
        视频监控|{c}市城管视频监控系统|video|0
        数字城管|{c}市数字化城市管理信息系统|core|0
        城管执法|{c}市城管综合执法办案系统|core|0
        渣土监管|{c}市渣土运输监管系统|core|0
        户外广告审批|{c}市户外广告设置审批系统|service|1
        环卫作业监管|{c}市环卫作业监管系统|core|0
        市政设施管理|{c}市市政设施管理信息系统|core|0
        路边停车|{c}市路边停车收费管理系统|service|1
        城市照明|{c}市城市照明监控系统|core|0
    """,
    "water": """
        视频监控|{c}市水务视频监控系统|video|0
        防汛指挥|{c}市防汛抗旱指挥调度系统|core|0
        排水管网|{c}市排水管网地理信息系统|core|0
        水资源管理|{c}市水资源管理信息系统|core|0
        泵站监控|{c}市泵站远程监控系统|core|0
        水务审批|{c}市水务行政审批系统|service|1
        河湖长制|{c}市河湖长制信息管理系统|core|0
        水质监测|{c}市水质在线监测系统|core|0
    """,
    "metro": """
        视频监控|{c}地铁视频监控系统|video|0
        自动售检票|{c}地铁自动售检票系统(AFC)|core|0
        综合监控|{c}地铁综合监控系统(ISCS)|core|0
        乘客信息|{c}地铁乘客信息系统(PIS)|service|0
        行车调度|{c}地铁行车调度系统|core|0
        票务清分|{c}地铁票务清分中心系统|core|0
        建设管理|{c}地铁建设工程管理系统|internal|0
    """,
    "health": """
        视频监控|{c}市医疗机构视频监控系统|video|0
        全民健康信息平台|{c}市全民健康信息平台|core|0
        电子健康档案|{c}市居民电子健康档案系统|service|1
        卫生监督|{c}市卫生监督执法系统|core|0
        医师执业注册|{c}市医师电子化注册系统|service|1
        统一预约挂号|{c}市统一预约挂号平台|service|1
        妇幼保健|{c}市妇幼保健信息系统|core|0
        基层卫生|{c}市基层医疗卫生机构管理信息系统|core|0
        卫生统计|{c}市卫生健康统计信息系统|analytics|0
        疫情防控|{c}市新冠肺炎疫情防控管理系统|core|0
        医疗废物监管|{c}市医疗废物监管系统|core|0
    """,
    "hrss": """
        社保经办|{c}市社会保险经办管理信息系统|core|1
        就业服务|{c}市就业创业服务信息系统|service|1
        劳动监察|{c}市劳动保障监察信息系统|core|0
        劳动仲裁|{c}市劳动人事争议仲裁信息系统|service|1
        人事考试|{c}市人事考试报名系统|service|1
        职业技能培训|{c}市职业技能培训管理系统|service|1
        人才服务|{c}市人才服务网|portal|1
        社保卡服务|{c}市社会保障卡服务系统|service|1
        工伤认定|{c}市工伤认定管理系统|service|1
        机关养老保险|{c}市机关事业单位养老保险系统|core|0
        事业单位人事管理|{c}市事业单位人事管理系统|internal|0
        12333热线|{c}市12333咨询服务系统|service|1
    """,
    "samr": """
        市场主体登记|{c}市企业登记全程电子化系统|service|1
        食品安全监管|{c}市食品安全监管信息系统|core|0
        特种设备监管|{c}市特种设备安全监管系统|core|0
        药品监管|{c}市药品零售监管系统|core|0
        消费者投诉|{c}市12315消费者投诉处理系统|service|1
        双随机抽查|{c}市双随机一公开监管系统|core|0
        计量检定|{c}市计量器具检定管理系统|core|0
        知识产权服务|{c}市知识产权公共服务平台|service|1
        广告监测|{c}市广告监测系统|core|0
        信用监管|{c}市市场主体信用监管系统|core|0
    """,
    "govoffice": """
        公文交换|{c}市电子公文交换系统|office|0
        督查督办|{c}市政府督查督办系统|internal|0
        门户网站|{c}市人民政府门户网站|portal|1
        应急值守|{c}市政府应急值守信息系统|core|0
        决策支持|{c}市领导决策支持系统|analytics|0
        建议提案办理|{c}市建议提案办理系统|internal|0
    """,
    "civil": """
        婚姻登记|{c}市婚姻登记管理系统|service|1
        社会救助|{c}市社会救助信息管理系统|core|1
        养老服务|{c}市智慧养老服务平台|service|1
        殡葬管理|{c}市殡葬服务管理系统|core|1
        社会组织管理|{c}市社会组织登记管理系统|service|1
        区划地名|{c}市区划地名管理系统|core|0
        慈善管理|{c}市慈善捐赠管理系统|core|0
    """,
    "medins": """
        医保经办|{c}市医疗保障经办管理系统|core|1
        医保结算|{c}市医保定点医药机构结算系统|core|1
        医保智能审核|{c}市医保智能审核监控系统|analytics|0
        医保公共服务|{c}市医保网上服务大厅|service|1
        药品招采|{c}市药品耗材集中采购监管系统|core|0
    """,
    "nr": """
        不动产登记|{c}市不动产登记信息系统|service|1
        规划审批|{c}市建设工程规划审批系统|service|1
        国土空间规划|{c}市国土空间基础信息平台|core|0
        土地供应|{c}市土地供应管理系统|core|0
        地理信息服务|{c}市地理信息公共服务平台|core|0
        执法监察|{c}市自然资源执法监察系统|core|0
        地质灾害|{c}市地质灾害监测预警系统|core|0
    """,
    "housing": """
        房屋交易|{c}市房屋交易备案管理系统|service|1
        住房保障|{c}市住房保障管理信息系统|service|1
        物业管理|{c}市物业管理监管平台|core|0
        房屋安全|{c}市房屋安全管理系统|core|0
        维修资金|{c}市住宅专项维修资金管理系统|core|1
        房屋征收|{c}市房屋征收管理系统|core|0
    """,
    "construction": """
        施工许可|{c}市建筑工程施工许可系统|service|1
        工程质量监督|{c}市建设工程质量安全监督系统|core|0
        建筑市场监管|{c}市建筑市场监管与诚信平台|core|1
        工程招投标|{c}市建设工程招投标管理系统|core|0
        扬尘监测|{c}市建筑工地扬尘在线监测系统|core|0
        燃气管理|{c}市燃气安全监管系统|core|0
    """,
    "transport": """
        道路运输|{c}市道路运输管理信息系统|service|1
        出租车监管|{c}市出租汽车监管服务平台|core|0
        公交调度|{c}市公交智能调度系统|core|0
        交通综合执法|{c}市交通运输综合执法系统|core|0
        公路管理|{c}市公路路政管理系统|core|0
        港航管理|{c}市港航管理信息系统|core|0
        交通运行监测|{c}市交通运行监测与应急指挥中心系统|analytics|0
    """,
    "edu": """
        招生入学|{c}市义务教育招生入学服务平台|service|1
        学籍管理|{c}市中小学学籍管理系统|core|0
        教育资源|{c}教育云资源平台|service|0
        教师管理|{c}市教师管理信息系统|internal|0
        校园安全|{c}市校园安全监管系统|core|0
        学生资助|{c}市学生资助管理系统|core|1
        中考报名|{c}市中考网上报名系统|service|1
    """,
    "finance": """
        预算管理|{c}市预算管理一体化系统|core|0
        国库集中支付|{c}市国库集中支付系统|core|0
        非税收入|{c}市非税收入收缴管理系统|core|1
        政府采购|{c}市政府采购管理交易系统|core|1
        资产管理|{c}市行政事业单位资产管理系统|core|0
        债务管理|{c}市政府债务管理系统|internal|0
    """,
    "ndrc": """
        投资项目审批|{c}市投资项目在线审批监管系统|service|1
        社会信用|{c}市公共信用信息平台|core|1
        价格监测|{c}市价格监测分析系统|analytics|0
        重点项目|{c}市重点项目管理系统|internal|0
        能源管理|{c}市能源消费监测系统|core|0
    """,
    "env": """
        环境监测|{c}市环境质量自动监测系统|core|0
        污染源监控|{c}市污染源在线监控系统|core|0
        环评审批|{c}市建设项目环评审批系统|service|1
        排污许可|{c}市排污许可管理系统|service|1
        环境执法|{c}市生态环境移动执法系统|core|0
        固废管理|{c}市固体废物管理信息系统|core|0
    """,
    "emergency": """
        应急指挥|{c}市应急指挥平台|core|0
        安全生产监管|{c}市安全生产监管信息系统|core|0
        危化品监管|{c}市危险化学品监管系统|core|1
        应急物资|{c}市应急物资储备管理系统|internal|0
        灾害预警|{c}市自然灾害监测预警系统|core|0
    """,
    "justice": """
        公共法律服务|{c}市公共法律服务平台|service|1
        社区矫正|{c}市社区矫正管理系统|core|0
        人民调解|{c}市人民调解信息系统|core|0
        行政复议|{c}市行政复议办案系统|service|1
    """,
    "veterans": """
        优抚管理|{c}市优抚对象信息管理系统|core|1
        退役安置|{c}市退役军人安置管理系统|core|0
    """,
    "agri": """
        农产品质量|{c}市农产品质量安全追溯系统|core|0
        动物防疫|{c}市动物防疫监管系统|core|0
        农机管理|{c}市农机监理系统|service|1
        农村三资|{c}市农村集体三资管理系统|core|0
    """,
    "commerce": """
        外资管理|{c}市外商投资企业管理系统|service|1
        市场运行监测|{c}市商贸流通运行监测系统|analytics|0
        单用途预付卡|{c}市单用途商业预付卡监管系统|core|0
    """,
    "culture": """
        文化市场监管|{c}市文化市场技术监管系统|core|0
        智慧旅游|{c}市智慧旅游公共服务平台|service|0
        演出审批|{c}市营业性演出审批系统|service|1
    """,
    "eit": """
        企业服务|{c}市中小企业公共服务平台|service|1
        工业运行监测|{c}市工业经济运行监测系统|analytics|0
        无线电管理|{c}市无线电监测系统|core|0
    """,
    "sci": """
        科技项目|{c}市科技计划项目管理系统|service|1
        科技成果|{c}市科技成果转化服务平台|service|0
    """,
    "audit": """
        审计管理|{c}市审计业务管理系统|internal|0
        联网审计|{c}市联网审计数据分析系统|analytics|0
    """,
    "stats": """
        统计数据采集|{c}市统计数据采集处理系统|core|0
        统计数据发布|{c}市统计数据发布库|portal|0
    """,
    "sasac": """
        国资监管|{c}市国资国企在线监管系统|core|0
        产权管理|{c}市国有产权登记管理系统|internal|0
    """,
    "garden": """
        园林绿化|{c}市园林绿化管理信息系统|core|0
        林业资源|{c}市林业资源监测系统|core|0
        公园管理|{c}市智慧公园管理系统|service|0
    """,
    "sports": """
        体育场馆|{c}市体育场馆预订服务平台|service|1
        全民健身|{c}市全民健身信息服务平台|service|0
    """,
    "civildef": """
        人防工程|{c}市人防工程管理系统|core|1
        防空警报|{c}市防空警报控制系统|core|0
    """,
    "petition": """
        信访业务|{c}市网上信访信息系统|service|1
        信访督办|{c}市信访事项督查督办系统|internal|0
    """,
    "finreg": """
        地方金融监管|{c}市地方金融风险监测预警系统|analytics|0
        小额贷款监管|{c}市小额贷款公司监管系统|core|0
    """,
    "logistics": """
        公务用车|{c}市公务用车管理平台|internal|0
        公共机构节能|{c}市公共机构节能监管系统|core|0
        机关食堂|{c}市机关食堂管理系统|internal|0
    """,
    "fund": """
        公积金业务|{c}住房公积金综合业务系统|core|1
        公积金网厅|{c}住房公积金网上服务大厅|service|1
        公积金贷款|{c}住房公积金个人贷款系统|core|1
        公积金决策|{c}住房公积金决策分析系统|analytics|0
    """,
    "ggzy": """
        公共资源交易|{c}市公共资源电子交易平台|service|1
        交易监管|{c}市公共资源交易电子监管系统|core|0
        专家库|{c}市综合评标专家库管理系统|internal|0
    """,
    "ethnic": """
        宗教事务|{c}市宗教事务管理系统|core|0
    """,
    "archives": """
        数字档案馆|{c}市数字档案馆系统|core|0
        档案查询|{c}市档案网上查询服务系统|service|1
    """,
    "party_office": """
        机要文电|{c}市委机要文电处理系统|office|0
        信息报送|{c}市委信息报送系统|internal|0
    """,
    "discipline": """
        监督执纪|{c}市纪委监委监督执纪管理系统|core|0
        案件管理|{c}市纪委监委案件管理系统|core|0
        廉政档案|{c}市领导干部廉政档案系统|internal|0
    """,
    "organization": """
        干部管理|{c}市干部信息管理系统|core|0
        党员管理|{c}市党员信息管理系统|core|0
    """,
    "propaganda": """
        新闻发布|{c}市网络新闻发布管理系统|core|0
        舆情监测|{c}市网络舆情监测系统|analytics|0
    """,
    "united_front": """
        统战工作|{c}市统战工作信息管理系统|internal|0
    """,
    "politics_law": """
        综治网格|{c}市社会治安综合治理网格化管理系统|core|0
        雪亮工程|{c}市雪亮工程综治视频联网平台|core|0
        矛盾纠纷调处|{c}市矛盾纠纷多元化解平台|core|0
    """,
    "party_school": """
        干部教育培训|{c}市干部网络学院|service|0
    """,
    "npc": """
        人大代表履职|{c}市人大代表履职服务平台|core|0
        预算联网监督|{c}市人大预算联网监督系统|analytics|0
    """,
    "cppcc": """
        提案管理|{c}市政协提案管理系统|core|0
    """,
    "court": """
        审判管理|{c}市中级人民法院审判流程管理系统|core|0
        诉讼服务|{c}市中级人民法院诉讼服务平台|service|1
        执行管理|{c}市法院执行案件管理系统|core|0
        电子卷宗|{c}市法院电子卷宗系统|core|0
        庭审直播|{c}市法院庭审直播系统|portal|1
    """,
    "procuratorate": """
        检察业务|{c}市检察机关统一业务应用系统|core|0
        公益诉讼|{c}市检察公益诉讼线索管理系统|core|0
        检察服务|{c}市12309检察服务中心系统|service|1
    """,
    "union": """
        职工服务|{c}市职工服务网|service|1
        工会会员管理|{c}市工会会员实名制管理系统|core|0
    """,
    "youth": """
        志愿服务|{c}市青年志愿服务平台|service|0
    """,
    "women": """
        妇女儿童维权|{c}市妇女儿童维权服务系统|service|1
    """,
    "disabled": """
        残疾人证管理|{c}市残疾人证管理系统|service|1
        残疾人康复|{c}市残疾人康复服务系统|core|1
    """,
    "cast": """
        科普服务|{c}市科普信息化服务平台|portal|0
    """,
    "redcross": """
        救护培训|{c}市红十字救护培训管理系统|service|0
    """,
    "academy": """
        科研管理|{c}市社会科学院科研管理系统|internal|0
    """,
    "broadcast": """
        融媒体|{c}广播电视台融媒体中心系统|core|0
        播出控制|{c}广播电视台播出控制系统|core|0
        节目制作|{c}广播电视台节目制作网|core|0
    """,
    "daily": """
        采编发布|{u}全媒体采编发布系统|core|0
        报刊发行|{u}发行管理系统|internal|0
    """,
    "university": """
        教务管理|{u}教务管理系统|core|0
        学生管理|{u}学生综合管理系统|core|0
        科研管理|{u}科研管理系统|internal|0
        一卡通|{u}校园一卡通系统|core|0
        招生管理|{u}招生管理系统|service|0
    """,
    "college": """
        教务管理|{u}教务管理系统|core|0
        学生管理|{u}学生综合管理系统|core|0
        一卡通|{u}校园一卡通系统|core|0
    """,
    "emergency_center": """
        急救调度|{c}市120急救指挥调度系统|core|0
        院前急救病历|{c}市院前急救电子病历系统|core|0
    """,
    "cdc": """
        传染病监测|{c}市传染病监测预警系统|core|0
        免疫规划|{c}市免疫规划信息管理系统|service|1
        慢病管理|{c}市慢性病监测管理系统|core|0
        健康体检|{c}市疾控中心健康体检管理系统|hospital|0
    """,
    "blood": """
        血液管理|{c}市血液管理信息系统|core|0
        献血服务|{c}市无偿献血服务平台|service|1
    """,
    "welfare": """
        福利院管理|{u}院民管理系统|internal|0
    """,
    "library": """
        图书馆管理|{u}图书馆集成管理系统|core|0
        数字图书馆|{u}数字图书馆服务平台|service|0
    """,
    "museum": """
        藏品管理|{u}藏品管理系统|internal|0
        数字展馆|{u}数字博物馆|portal|0
    """,
    "survey": """
        测绘成果|{u}测绘成果管理系统|core|0
        卫星定位服务|{c}市卫星定位连续运行基准站系统|core|0
    """,
    "agri_academy": """
        农业科研|{u}农业科研试验数据管理系统|internal|0
    """,
}

UNIT_CATALOGUE: dict[str, tuple[SystemTemplate, ...]] = {
    key: _parse(block) for key, block in _UNIT_BLOCKS.items()
}

HOSPITAL_CATALOGUE: tuple[SystemTemplate, ...] = _parse("""
    医院信息系统(HIS)|{u}医院信息系统(HIS)|his|0
    实验室信息系统(LIS)|{u}检验信息系统(LIS)|hospital|0
    医学影像系统(PACS)|{u}医学影像存储与传输系统(PACS)|hospital|0
    电子病历(EMR)|{u}电子病历系统|hospital|0
    预约挂号|{u}预约挂号服务系统|service|1
    手术麻醉|{u}手术麻醉管理系统|hospital|0
    合理用药|{u}合理用药监测系统|hospital|0
    互联网医院|{u}互联网医院平台|service|1
    医院资源规划(HRP)|{u}医院资源规划系统(HRP)|internal|0
    护理信息|{u}护理信息系统|hospital|0
    院感监测|{u}医院感染监测系统|hospital|0
    健康体检|{u}健康体检管理系统|hospital|0
    远程会诊|{u}远程会诊系统|hospital|0
    病理信息|{u}病理信息系统|hospital|0
    心电信息|{u}心电信息管理系统|hospital|0
""")
"""The systems every hospital builds for itself (HIS, LIS, PACS come first)."""

HOSPITAL_FIRST = 4
"""HIS, LIS, PACS and EMR: every hospital has them; the rest are drawn in random order."""

COMMON_CATALOGUE: tuple[SystemTemplate, ...] = _parse("""
    协同办公(OA)|{u}协同办公系统|office|0
    门户网站|{u}门户网站|portal|0
    档案管理|{u}电子档案管理系统|internal|0
    视频会议|{u}视频会议系统|internal|0
    财务管理|{u}财务管理系统|internal|0
    移动办公|{u}移动办公系统|office|0
    行政审批|{u}行政审批系统|service|1
""")
"""What many units build in addition to their own business systems."""

SUB_BUREAU_VIDEO = SystemTemplate(VIDEO_FUNCTION, "{u}视频监控系统", "video", False)

PHASES: tuple[str, ...] = ("(二期)", "(三期)", "(移动端)", "(四期)", "(数据分析子系统)")


@dataclass(frozen=True)
class VerticalTemplate:
    """A system built by a provincial or national body and used by city units."""

    level: str
    """``national_vertical`` or ``provincial_vertical``."""
    owner: str
    """Key of the owner in NATIONAL_BODIES or PROVINCIAL_BODIES."""
    users: tuple[str, ...]
    """Keys of the municipal units that use it."""
    function: str
    name: str
    gov_service: bool


def _verticals(level: str, block: str) -> tuple[VerticalTemplate, ...]:
    out = []
    for line in block.strip().splitlines():
        owner, users, function, name, gov = (part.strip() for part in line.split("|"))
        out.append(
            VerticalTemplate(level, owner, tuple(users.split(",")), function, name, gov == "1")
        )
    return tuple(out)


VERTICAL_CATALOGUE: tuple[VerticalTemplate, ...] = _verticals(
    "national_vertical",
    """
    police|police|人口管理|全国公安人口管理信息系统|1
    police|police|出入境管理|全国出入境管理信息系统|1
    police|traffic|车驾管业务|公安交通管理综合应用平台|1
    samr|samr|企业信用公示|国家企业信用信息公示系统|1
    civil|civil|婚姻登记|全国婚姻登记信息管理系统|1
    medins|medins|医保信息平台|全国统一医疗保障信息平台|1
    nr|nr|不动产登记|全国不动产登记信息管理基础平台|1
    construction|construction|建筑市场监管|全国建筑市场监管公共服务平台|1
    veterans|veterans|退役军人服务|全国退役军人信息管理系统|1
    emergency|emergency|安全生产许可|全国安全生产行政许可管理系统|1
    env|env|排污许可|全国排污许可证管理信息平台|1
    justice|justice|法律援助|全国法律援助管理信息系统|1
    edu|edu|学籍管理|全国中小学生学籍信息管理系统|0
    stats|stats|统计直报|国家统计联网直报平台|0
    health|health,cdc|传染病报告|中国疾病预防控制信息系统|0
    hrss|hrss|社保跨省转移|全国社会保险关系转移接续平台|1
""",
) + _verticals(
    "provincial_vertical",
    """
    hrss|hrss|社保经办|{p}社会保险信息系统|1
    hrss|hrss|就业服务|{p}就业创业信息系统|1
    samr|samr|市场主体登记|{p}市场主体登记注册系统|1
    samr|samr|食品安全监管|{p}食品安全监管信息系统|0
    nr|nr|不动产登记|{p}不动产登记信息平台|1
    ndrc|ndrc|投资项目审批|{p}投资项目在线审批监管平台|1
    construction|construction,nr|工程建设审批|{p}工程建设项目审批管理系统|1
    medins|medins|医保经办|{p}医疗保障信息系统|1
    health|health|全民健康信息平台|{p}全民健康信息平台|0
    transport|transport|道路运输|{p}道路运输管理信息系统|1
    civil|civil|社会救助|{p}社会救助信息系统|1
    edu|edu|教育服务|{p}教育管理公共服务平台|1
    env|env|环境监测|{p}生态环境监测数据平台|0
    agri|agri|土地承包|{p}农村土地承包经营权信息系统|1
    ggzy|ggzy|公共资源交易|{p}公共资源交易平台|1
    finance|finance|预算管理|{p}预算管理一体化系统|0
    zwfw|zwfw|12345热线|{p}12345政务服务便民热线平台|1
    zwfw|zwfw|电子证照|{p}电子证照共享服务系统|1
    police|police|警务综合|{p}公安厅警务综合平台|0
    culture|culture|文化市场执法|{p}文化市场综合执法系统|1
    justice|justice|公共法律服务|{p}公共法律服务平台|1
    samr|samr|双随机抽查|{p}双随机一公开监管平台|1
""",
)
"""Vertical systems, most widely used first (a city of the audited size uses 36)."""

VERTICALS_AT_SCALE_1 = 36

SECTOR_DATASETS: dict[str, tuple[str, ...]] = {
    "公安": ("人口基础信息", "户籍变动信息", "居民身份证信息", "车辆登记信息"),
    "交管": ("机动车登记信息", "驾驶人信息", "交通违法信息", "路况信息"),
    "城管": ("城市部件事件信息", "执法案件信息", "户外广告许可信息"),
    "水务": ("水雨情信息", "排水许可信息", "河湖巡查信息"),
    "地铁": ("客流信息", "运营信息"),
    "卫健": ("出生医学证明信息", "死亡医学证明信息", "电子健康档案", "医疗机构执业信息"),
    "医疗": ("诊疗记录", "检验检查结果", "医学影像信息", "住院病案首页"),
    "人社": ("社保参保信息", "就业登记信息", "社保待遇发放信息", "社保卡信息"),
    "市场监管": ("市场主体登记信息", "行政处罚信息", "食品经营许可信息"),
    "民政": ("婚姻登记信息", "低保救助信息", "社会组织登记信息", "殡葬信息"),
    "医保": ("医保参保信息", "医保结算信息"),
    "自然资源": ("不动产登记信息", "规划许可信息", "地理空间信息"),
    "住房": ("房屋交易备案信息", "住房保障信息"),
    "建设": ("施工许可信息", "建筑市场信用信息"),
    "交通": ("道路运输许可信息", "公交运行数据", "出租车运营数据"),
    "教育": ("学籍信息", "入学报名信息", "学校基本信息"),
    "财政": ("预算执行信息", "非税收入信息", "政府采购信息"),
    "发改": ("公共信用信息", "投资项目信息"),
    "生态环境": ("环境质量监测数据", "排污许可信息"),
    "应急": ("安全生产许可信息", "灾害预警信息"),
    "公积金": ("公积金缴存信息", "公积金贷款信息"),
    "政务服务": ("办件信息", "电子证照信息", "统一身份认证信息"),
}

SHARED_DATASETS: tuple[str, ...] = (
    "人口基础信息",
    "法人基础信息",
    "电子证照信息",
    "公共信用信息",
    "地理空间信息",
)
"""What the city's data exchange platform hands out to the systems that ask."""


def datasets_for(sector: str) -> tuple[str, ...]:
    """The data sets a unit of ``sector`` provides (a generic one when none is listed)."""
    return SECTOR_DATASETS.get(sector, (f"{sector}业务数据",))
