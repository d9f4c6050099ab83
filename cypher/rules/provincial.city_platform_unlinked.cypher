// rule: provincial.city_platform_unlinked (City service platform not linked in real time to the provincial platform;
//   市政务服务平台未与省平台实时对接)
// parameters: $dataset (the dataset name the inventory was loaded under); no thresholds.
// criteria: each platform of kind gov_service and level municipal that no realtime chain
//   reaches from a platform of kind gov_service and level provincial. A realtime chain is a
//   directed chain of one or more FLOWS_TO relationships, every one active (status active;
//   empty is active) with frequency realtime, through any systems and platforms.
//   Chains are unbounded: `SHORTEST 1` / `ALL SHORTEST` with a quantified path pattern
//   whose relationship predicate is applied while expanding, so Neo4j searches breadth
//   first (each endpoint once per search), as the Python rule does.
// returns: one row per finding: subjects ([the platform id]), severity, and the evidence
//   columns platform, owner, networks, provincial_platforms, chain (the best chain of
//   active flows of any frequency from a provincial gov_service platform: fewest hops, then
//   fewest non-realtime hops, then the smallest node ids and flow keys; null when there is
//   none) and inbound_flows (every flow into the platform, whatever its status).
MATCH (c:Platform {dataset: $dataset, kind: 'gov_service', level: 'municipal'})
WHERE NOT EXISTS {
    MATCH SHORTEST 1 (:Platform {dataset: $dataset, kind: 'gov_service', level: 'provincial'})
      (()-[f:FLOWS_TO WHERE coalesce(f.status, 'active') = 'active'
                        AND f.frequency = 'realtime']->())+
      (c)
  }
CALL (c) {
  OPTIONAL MATCH path = ALL SHORTEST (:Platform {dataset: $dataset, kind: 'gov_service', level: 'provincial'})
    (()-[f:FLOWS_TO WHERE coalesce(f.status, 'active') = 'active']->())+
    (c)
  WITH path, relationships(path) AS rels
  WITH path, rels,
    size([r IN rels WHERE coalesce(r.frequency, '') <> 'realtime']) AS slow
  ORDER BY size(rels), slow, [x IN nodes(path) | x.id], [r IN rels | r.key]
  LIMIT 1
  RETURN CASE WHEN path IS NULL THEN null ELSE {
    path: [x IN nodes(path) | {id: x.id, name: coalesce(x.name, ''),
                               label: CASE WHEN x:Platform THEN 'Platform' ELSE 'System' END}],
    hops: [i IN range(0, size(rels) - 1) | {
      source: {id: startNode(rels[i]).id, name: coalesce(startNode(rels[i]).name, ''),
               label: CASE WHEN startNode(rels[i]):Platform THEN 'Platform' ELSE 'System' END},
      target: {id: endNode(rels[i]).id, name: coalesce(endNode(rels[i]).name, ''),
               label: CASE WHEN endNode(rels[i]):Platform THEN 'Platform' ELSE 'System' END},
      dataset: rels[i].dataset, mechanism: rels[i].mechanism,
      frequency: rels[i].frequency, status: coalesce(rels[i].status, 'active'),
      weakest: i = [j IN range(0, size(rels) - 1)
                    WHERE coalesce(rels[j].frequency, '') <> 'realtime'][0]
    }],
    weakest_hop: [j IN range(0, size(rels) - 1)
                  WHERE coalesce(rels[j].frequency, '') <> 'realtime'][0],
    realtime: slow = 0 AND size(rels) > 0
  } END AS chain
}
RETURN
  [c.id] AS subjects,
  'high' AS severity,
  {id: c.id, name: coalesce(c.name, ''), label: 'Platform'} AS platform,
  COLLECT {
    MATCH (o:Department)-[:OWNS]->(c)
    RETURN {id: o.id, name: coalesce(o.name, '')} AS o
  }[0] AS owner,
  COLLECT {
    MATCH (c)-[:DEPLOYED_ON]->(n:Network)
    RETURN DISTINCT {id: n.id, name: coalesce(n.name, ''), kind: n.kind} AS net
    ORDER BY net.id
  } AS networks,
  COLLECT {
    MATCH (p:Platform {dataset: $dataset, kind: 'gov_service', level: 'provincial'})
    RETURN {id: p.id, name: coalesce(p.name, ''), label: 'Platform'} AS p
    ORDER BY p.id
  } AS provincial_platforms,
  chain,
  COLLECT {
    MATCH (x:Endpoint)-[f:FLOWS_TO]->(c)
    WHERE x <> c
    RETURN {
      source: {id: x.id, name: coalesce(x.name, ''),
               label: CASE WHEN x:Platform THEN 'Platform' ELSE 'System' END},
      target: {id: c.id, name: coalesce(c.name, ''), label: 'Platform'},
      dataset: f.dataset, mechanism: f.mechanism, frequency: f.frequency,
      status: coalesce(f.status, 'active')
    } AS flow
    ORDER BY x.id, f.key
  } AS inbound_flows
ORDER BY c.id
