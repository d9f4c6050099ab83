// rule: security.ungraded (Not graded for classified protection; 未进行等级保护定级)
// parameters: $dataset (the dataset name the inventory was loaded under); no thresholds.
// criteria: each live system (status in_use; an empty status is in_use) with no
//   security_grade (the cell was empty or said 未定级; the loader then stores no property).
// returns: one row per finding: subjects ([the system id]), severity, and the evidence
//   columns system, owner, level, gov_service, networks and money (build_cost /
//   annual_om_cost in 万元).
MATCH (s:System {dataset: $dataset})
WHERE coalesce(s.status, 'in_use') = 'in_use'
  AND s.security_grade IS NULL
RETURN
  [s.id] AS subjects,
  'high' AS severity,
  {id: s.id, name: coalesce(s.name, ''), label: 'System'} AS system,
  COLLECT {
    MATCH (o:Department)-[:OWNS]->(s)
    RETURN {id: o.id, name: coalesce(o.name, '')} AS o
  }[0] AS owner,
  s.level AS level,
  s.gov_service AS gov_service,
  COLLECT {
    MATCH (s)-[:DEPLOYED_ON]->(n:Network)
    RETURN DISTINCT {id: n.id, name: coalesce(n.name, ''), kind: n.kind} AS net
    ORDER BY net.id
  } AS networks,
  {
    unit: '万元 (10,000 CNY)', systems: 1,
    build_cost: round(s.build_cost, 4), annual_om_cost: round(s.annual_om_cost, 4),
    build_cost_unknown: CASE WHEN s.build_cost IS NULL THEN [s.id] ELSE [] END,
    annual_om_cost_unknown: CASE WHEN s.annual_om_cost IS NULL THEN [s.id] ELSE [] END
  } AS money
ORDER BY s.id
