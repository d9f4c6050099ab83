// rule: silo.isolated_system (Isolated system; 信息孤岛系统)
// parameters: $dataset (the dataset name the inventory was loaded under); no thresholds.
// criteria: each live system (status in_use; an empty status is in_use) with no crossing
//   flow. A crossing flow of a system S is an active flow (status active; empty is active)
//   between S and X, in either direction, where X is a platform, or a system whose owner_id
//   differs from S's. A flow from S to itself is never a crossing flow.
// returns: one row per finding: subjects ([the system id]), severity, and the evidence
//   columns system, owner, networks, flows (every flow of S, with why it does not count)
//   and money (build_cost / annual_om_cost in 万元).
MATCH (s:System {dataset: $dataset})
WHERE coalesce(s.status, 'in_use') = 'in_use'
  AND NOT EXISTS {
    MATCH (s)-[f:FLOWS_TO]-(x:Endpoint)
    WHERE x <> s
      AND coalesce(f.status, 'active') = 'active'
      AND (x:Platform OR NOT coalesce(x.owner_id = s.owner_id, false))
  }
WITH s, COLLECT {
    MATCH (o:Department)-[:OWNS]->(s)
    RETURN {id: o.id, name: coalesce(o.name, '')} AS o
  }[0] AS owner
WITH s, owner,
  CASE
    WHEN owner IS NULL THEN 'an unknown department'
    WHEN owner.name <> '' THEN owner.name + ' (' + owner.id + ')'
    ELSE owner.id
  END AS owner_named
RETURN
  [s.id] AS subjects,
  'medium' AS severity,
  {id: s.id, name: coalesce(s.name, ''), label: 'System'} AS system,
  owner,
  COLLECT {
    MATCH (s)-[:DEPLOYED_ON]->(n:Network)
    RETURN DISTINCT {id: n.id, name: coalesce(n.name, ''), kind: n.kind} AS net
    ORDER BY net.id
  } AS networks,
  COLLECT {
    MATCH (s)-[f:FLOWS_TO]-(:Endpoint)
    WITH DISTINCT f
    WITH f, startNode(f) AS a, endNode(f) AS b
    RETURN {
      source: {id: a.id, name: coalesce(a.name, ''),
               label: CASE WHEN a:Platform THEN 'Platform' ELSE 'System' END},
      target: {id: b.id, name: coalesce(b.name, ''),
               label: CASE WHEN b:Platform THEN 'Platform' ELSE 'System' END},
      dataset: f.dataset, mechanism: f.mechanism, frequency: f.frequency,
      status: coalesce(f.status, 'active'),
      not_crossing_because: CASE
        WHEN coalesce(f.status, 'active') <> 'active'
          THEN 'flow status is ' + f.status + ', not active'
        WHEN a = b THEN 'flow from the system to itself'
        ELSE 'both ends owned by the same department (' + owner_named + ')'
      END
    } AS flow
    ORDER BY a.id, b.id, f.key
  } AS flows,
  {
    unit: '万元 (10,000 CNY)', systems: 1,
    build_cost: round(s.build_cost, 4), annual_om_cost: round(s.annual_om_cost, 4),
    build_cost_unknown: CASE WHEN s.build_cost IS NULL THEN [s.id] ELSE [] END,
    annual_om_cost_unknown: CASE WHEN s.annual_om_cost IS NULL THEN [s.id] ELSE [] END
  } AS money
ORDER BY s.id
