// rule: provincial.missing_link (Vertical system not docked in real time with the provincial service platform;
//   垂直系统未与省政务服务平台实时对接)
// parameters: $dataset (the dataset name the inventory was loaded under); no thresholds.
// criteria: each live system (status in_use; an empty status is in_use) of level
//   provincial_vertical or national_vertical, with gov_service true and at least one entry
//   in user_ids, that has no realtime chain to a platform of kind gov_service and level
//   provincial. A realtime chain is a directed chain of one or more FLOWS_TO relationships,
//   every one active (status active; empty is active) with frequency realtime, through any
//   systems and platforms. Severity high when not even a chain of active flows of any
//   frequency reaches such a platform, else medium.
//   Chains are unbounded: `SHORTEST 1` / `ALL SHORTEST` with a quantified path pattern
//   whose relationship predicate is applied while expanding, so Neo4j searches breadth
//   first (each endpoint once per search), as the Python rule does.
// returns: one row per finding: subjects ([the system id]), severity, and the evidence
//   columns system, level, owner, users, networks, provincial_platforms, chain (the best
//   chain of active flows of any frequency: fewest hops, then fewest non-realtime hops, then
//   the smallest node ids and flow keys; null when there is none) and money
//   (build_cost / annual_om_cost in 万元).
MATCH (s:System {dataset: $dataset})
WHERE coalesce(s.status, 'in_use') = 'in_use'
  AND s.level IN ['provincial_vertical', 'national_vertical']
  AND s.gov_service = true
  AND size(coalesce(s.user_ids, [])) > 0
  AND NOT EXISTS {
    MATCH SHORTEST 1 (s)
      (()-[f:FLOWS_TO WHERE coalesce(f.status, 'active') = 'active'
                        AND f.frequency = 'realtime']->())+
      (:Platform {dataset: $dataset, kind: 'gov_service', level: 'provincial'})
  }
CALL (s) {
  OPTIONAL MATCH path = ALL SHORTEST (s)
    (()-[f:FLOWS_TO WHERE coalesce(f.status, 'active') = 'active']->())+
    (:Platform {dataset: $dataset, kind: 'gov_service', level: 'provincial'})
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
  [s.id] AS subjects,
  CASE WHEN chain IS NULL THEN 'high' ELSE 'medium' END AS severity,
  {id: s.id, name: coalesce(s.name, ''), label: 'System'} AS system,
  s.level AS level,
  COLLECT {
    MATCH (o:Department)-[:OWNS]->(s)
    RETURN {id: o.id, name: coalesce(o.name, '')} AS o
  }[0] AS owner,
  [u IN s.user_ids | {
    id: u,
    name: coalesce(COLLECT {
      MATCH (d:Department {dataset: $dataset, id: u}) RETURN d.name AS name
    }[0], '')
  }] AS users,
  COLLECT {
    MATCH (s)-[:DEPLOYED_ON]->(n:Network)
    RETURN DISTINCT {id: n.id, name: coalesce(n.name, ''), kind: n.kind} AS net
    ORDER BY net.id
  } AS networks,
  COLLECT {
    MATCH (p:Platform {dataset: $dataset, kind: 'gov_service', level: 'provincial'})
    RETURN {id: p.id, name: coalesce(p.name, ''), label: 'Platform'} AS p
    ORDER BY p.id
  } AS provincial_platforms,
  chain,
  {
    unit: '万元 (10,000 CNY)', systems: 1,
    build_cost: round(s.build_cost, 4), annual_om_cost: round(s.annual_om_cost, 4),
    build_cost_unknown: CASE WHEN s.build_cost IS NULL THEN [s.id] ELSE [] END,
    annual_om_cost_unknown: CASE WHEN s.annual_om_cost IS NULL THEN [s.id] ELSE [] END
  } AS money
ORDER BY s.id
