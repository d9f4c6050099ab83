// rule: network.isolated_private (Isolated private network; 孤立的专网)
// parameters: $dataset (the dataset name the inventory was loaded under); no thresholds.
// criteria: each network of kind egov_private, industry_private or video_private that
//   hosts (DEPLOYED_ON) at least one live system, platform or camera (status in_use; an
//   empty status is in_use; platforms have no status and always count), and from which no
//   chain of network links reaches a network of kind extranet or intranet.
//   Network links are undirected (LINKED_TO is stored a -> b and followed both ways). The
//   reachable networks are the network's connected component: an unbounded
//   variable-length pattern collected DISTINCT, which the planner runs as a breadth-first
//   expansion that visits each network once (networks number in the tens to hundreds).
// returns: one row per finding: subjects ([the network id]), severity, and the evidence
//   columns network, owner, hosted (live systems, platforms, cameras) and linked_networks
//   (the networks its links do reach). No money: a network's finding carries none.
MATCH (n:Network {dataset: $dataset})
WHERE n.id IS NOT NULL // lets the planner seek the (dataset, id) key index
  AND n.kind IN ['egov_private', 'industry_private', 'video_private']
WITH n, COLLECT {
    MATCH (x)-[:DEPLOYED_ON]->(n)
    WHERE (x:System OR x:Platform OR x:Camera)
      AND coalesce(x.status, 'in_use') = 'in_use'
    RETURN DISTINCT x ORDER BY x.id
  } AS hosted
WHERE size(hosted) > 0
WITH n, hosted, COLLECT {
    MATCH (n)-[:LINKED_TO*]-(m:Network)
    WITH DISTINCT m
    WHERE m <> n
    RETURN m ORDER BY m.id
  } AS joined
WHERE none(m IN joined WHERE m.kind IN ['extranet', 'intranet'])
WITH n, joined,
  [x IN hosted WHERE x:System] AS systems,
  [x IN hosted WHERE x:Platform] AS platforms,
  [x IN hosted WHERE x:Camera] AS cameras
RETURN
  [n.id] AS subjects,
  'medium' AS severity,
  {id: n.id, name: coalesce(n.name, ''), label: 'Network', kind: n.kind} AS network,
  COLLECT {
    MATCH (o:Department)-[:OWNS]->(n)
    RETURN {id: o.id, name: coalesce(o.name, '')} AS o
  }[0] AS owner,
  {
    systems: [x IN systems | {id: x.id, name: coalesce(x.name, ''), label: 'System'}],
    platforms: [x IN platforms | {id: x.id, name: coalesce(x.name, ''), label: 'Platform'}],
    cameras: [x IN cameras | {id: x.id, name: coalesce(x.name, ''), label: 'Camera'}]
  } AS hosted,
  [m IN joined | {id: m.id, name: coalesce(m.name, ''), label: 'Network', kind: m.kind}]
    AS linked_networks
ORDER BY n.id
