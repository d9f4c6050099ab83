"""network.isolated_private: a private network in use, linked to neither extranet nor intranet."""

from __future__ import annotations

from operator import itemgetter
from typing import Any

import networkx as nx
import numpy as np

from interop.findings.model import Finding, RefList, Severity
from interop.graph.frames import NodeFrame, node_frame
from interop.i18n import Bilingual, Text
from interop.parameters import Parameters
from interop.rules._finding import named_ref, zh_enum, zh_list
from interop.rules._views import (
    is_live,
    key_of,
    live_rows,
    neighbours,
    nodes_of,
    owner_ref,
    ref,
)
from interop.rules.base import AuditContext, Rule, RuleHelp, Wording
from interop.schema.enums import NetworkKind
from interop.schema.graph import node_id

PRIVATE_KINDS = frozenset({"egov_private", "industry_private", "video_private"})
TRUNK_KINDS = frozenset({"extranet", "intranet"})


def link_graph(graph: nx.MultiDiGraph) -> nx.Graph:
    """Every network, joined by its network links (undirected)."""
    links = nx.Graph()
    networks = [n for n, _ in nodes_of(graph, "Network")]
    links.add_nodes_from(networks)
    for network in networks:  # a link is stored network -> network: out of a network
        links.add_edges_from((network, other) for other in neighbours(graph, network, "LINKED_TO"))
    return links


def _hosted(graph: nx.MultiDiGraph, network: str) -> dict[str, list[str]]:
    """The live systems and platforms deployed on ``network``, by label, each sorted by id
    (as the Cypher twin returns them; the inventory's row order is not kept in Neo4j).
    Cameras: their frame, :func:`live_cameras_by_network`."""
    hosted: dict[str, list[str]] = {"System": [], "Platform": []}
    for node in neighbours(graph, network, "DEPLOYED_ON", incoming=True):
        data = graph.nodes[node]
        if data["label"] in hosted and is_live(data):
            hosted[data["label"]].append(node)
    return {label: sorted(nodes, key=lambda n: key_of(graph, n)) for label, nodes in hosted.items()}


def live_cameras_by_network(graph: nx.MultiDiGraph) -> dict[str, list[int]]:
    """The rows of the cameras' frame (:func:`node_frame`) of every live camera, by the
    graph node of its network, in load order (cameras are no graph nodes)."""
    cams = node_frame(graph, "Camera")
    rows = live_rows(cams)
    codes, networks = cams.codes("network_id")
    codes = codes[rows]
    rows = rows[codes >= 0]  # on no network: on none of them
    codes = codes[codes >= 0]
    order = np.argsort(codes, kind="stable")  # by network, in load order within one
    starts = np.searchsorted(codes[order], np.arange(len(networks) + 1)).tolist()
    grouped = rows[order].tolist()
    prefix = node_id("Network", "")
    return {
        prefix + str(net): grouped[a:b]
        for net, a, b in zip(networks, starts, starts[1:], strict=False)
        if a < b
    }


def _camera_refs(cams: NodeFrame, rows: list[int]) -> RefList:
    """Cameras for evidence, as :func:`ref` words a node: ``{id, name, label}``, sorted by
    id (as systems and platforms, and the Cypher twin). A camera's id is text (the key of
    its table); its name is an extra column's, if the inventory has one. A
    :class:`RefList`: the report takes it as references without reading each."""
    ids = cams["id"][rows].tolist()
    if "name" not in cams:  # (most inventories: a camera has an address, no name)
        return RefList([{"id": key, "name": "", "label": "Camera"} for key in sorted(ids)])
    names = cams["name"][rows].tolist()
    return RefList(
        [
            {"id": key, "name": "" if name is None else str(name), "label": "Camera"}
            for key, name in sorted(zip(ids, names, strict=True), key=itemgetter(0))
        ]
    )


def _network(graph: nx.MultiDiGraph, node: str) -> dict[str, Any]:
    return {**ref(graph, node), "kind": graph.nodes[node]["kind"]}


def check(ctx: AuditContext) -> list[Finding]:
    graph = ctx.graph
    component_of = {n: part for part in nx.connected_components(link_graph(graph)) for n in part}
    out: list[Finding] = []
    cameras = live_cameras_by_network(graph)
    cams = node_frame(graph, "Camera")
    for net, data in nodes_of(graph, "Network"):
        if data["kind"] not in PRIVATE_KINDS:
            continue
        hosted = _hosted(graph, net)
        camera_rows = cameras.get(net, [])
        if not any(hosted.values()) and not camera_rows:
            continue
        joined = component_of[net] - {net}
        if any(graph.nodes[n]["kind"] in TRUNK_KINDS for n in joined):
            continue
        evidence = {
            "network": _network(graph, net),
            "owner": owner_ref(graph, net),
            "hosted": {
                "systems": [ref(graph, n) for n in hosted["System"]],
                "platforms": [ref(graph, n) for n in hosted["Platform"]],
                "cameras": _camera_refs(cams, camera_rows),
            },
            "linked_networks": sorted((_network(graph, n) for n in joined), key=lambda n: n["id"]),
        }
        out.append(RULE.make_finding([str(data["id"])], evidence, ctx.parameters))
    return out


def _en(evidence: dict[str, Any], parameters: Parameters) -> Wording:
    network = evidence["network"]
    net = named_ref(network)
    hosted = evidence["hosted"]
    counts = ", ".join(
        f"{len(hosted[kind])} {kind[:-1]}(s)"
        for kind in ("systems", "platforms", "cameras")
        if hosted.get(kind)
    )
    joined = evidence["linked_networks"]
    reach = (
        "It has no sanctioned link to any other network."
        if not joined
        else "Its links reach only networks that are neither extranet nor intranet: "
        + ", ".join(sorted(named_ref(n) for n in joined))
        + "."
    )
    return Wording(
        title=f"Isolated private network: {net}",
        detail=(
            f"{net}, a network of kind {network['kind']}, carries {counts} in use, and no chain "
            "of network links joins it to the e-government extranet or intranet. "
            f"{reach}"
        ),
        recommendation=(
            f"Connect {net} to the e-government extranet through a sanctioned boundary (gateway "
            "or security isolation gateway 网闸), or move what runs on it onto the extranet and "
            "close it."
        ),
    )


HOSTED_ZH = {"systems": ("系统", "个"), "platforms": ("平台", "个"), "cameras": ("摄像头", "路")}
"""Hosted kinds in Chinese, with the measure word of their count."""


def _zh(evidence: dict[str, Any], parameters: Parameters) -> Wording:
    network = evidence["network"]
    net = named_ref(network, lang="zh")
    hosted = evidence["hosted"]
    counts = zh_list(
        f"{noun}{len(hosted[kind])}{unit}"
        for kind, (noun, unit) in HOSTED_ZH.items()
        if hosted.get(kind)
    )
    joined = evidence["linked_networks"]
    reach = (
        "该网络与其他任何网络之间均无经批准的互联。"
        if not joined
        else "其互联所及的网络均非电子政务外网或内网："
        + zh_list(sorted(named_ref(n, lang="zh") for n in joined))
        + "。"
    )
    return Wording(
        title=f"孤立的专网：{net}",
        detail=(
            f"{net}为{zh_enum(NetworkKind, network['kind'])}，承载在用的{counts}，但没有任何网络"
            f"互联链路将其连通至电子政务外网或内网。{reach}"
        ),
        recommendation=(
            f"通过经批准的安全边界（网关或网闸）将{net}接入电子政务外网，或将其上运行的业务迁移至"
            "电子政务外网后关闭该网络。"
        ),
    )


WORDING = Bilingual(zh=_zh, en=_en)
"""The finding's words in each language, from its evidence alone."""


HELP = Bilingual(
    zh=RuleHelp(
        criteria=(
            "对每个类型为电子政务专网、业务专网或视频专网的网络，若其上至少部署一个在用的系统、"
            "平台或摄像头（系统和摄像头状态为在用，为空视为在用；平台无状态，一律计入），且沿网络"
            "互联链路（无方向，可经过任何类型的网络）无法到达电子政务外网或电子政务内网，即判定。"
        ),
        evidence=(
            "网络（编码、名称、类型）及其主管部门，其上部署的在用系统、平台和摄像头，其互联所及"
            "的网络。关于网络的问题不列资金（见问题格式约定中的资金规则）。"
        ),
        recommendation=(
            "审计发现，市直各部门存在较多相对独立的业务专网，政务网络缺乏全方位的互联互通，业务"
            "难以高效协同、数据难以共享互通。应通过经批准的安全边界将仍在使用的专网接入电子政务"
            "外网，或将其上系统迁移至电子政务外网后撤销该专网；新建专网须论证必要性，并在审批前"
            "落实互联。"
        ),
    ),
    en=RuleHelp(
        criteria=(
            "Raised for each network of kind egov_private, industry_private or video_private "
            "that hosts at least one live system, platform or camera (systems and cameras "
            "with status in_use, empty counting as in_use; platforms have no status and always "
            "count), and from which no chain of network links (undirected, through networks of "
            "any kind) reaches a network of kind extranet or intranet."
        ),
        evidence=(
            "The network (id, name, kind) and its owner, the live systems, platforms and "
            "cameras deployed on it and the networks its links do reach. No money: a finding "
            "about a network carries none (findings-format.md, Money)."
        ),
        recommendation=(
            "The audit found departments running many separate private networks with no "
            "network-wide interconnection. Join each private network still in use to the "
            "e-government extranet through a sanctioned boundary, or migrate its systems onto "
            "the extranet and retire it; require that new private networks be justified and "
            "linked before approval."
        ),
    ),
)
"""What an auditor reads about the rule, in Chinese and English."""


RULE = Rule(
    id="network.isolated_private",
    area=3,
    severity=Severity.medium,
    title=Text("孤立的专网", "Isolated private network"),
    parameters=(),
    help=HELP,
    check=check,
    wording=WORDING,
)
