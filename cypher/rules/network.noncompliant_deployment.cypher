// rule: network.noncompliant_deployment (System deployed on private networks only; 仅部署在专网上的系统)
// parameters: $dataset (the dataset name the inventory was loaded under); no thresholds.
// criteria: each live system (status in_use; an empty status is in_use) of level municipal
//   or district (an empty level is municipal) that names at least one network (a
//   DEPLOYED_ON relationship), none of which is of kind extranet, intranet or internet.
// returns: one row per finding: subjects ([the system id]), severity, and the evidence
//   columns system, level, owner, networks and money (build_cost / annual_om_cost in 万元).
MATCH (s:System {dataset: $dataset})
WHERE coalesce(s.status, 'in_use') = 'in_use'
  AND coalesce(s.level, 'municipal') IN ['municipal', 'district']
WITH s, COLLECT {
    MATCH (s)-[:DEPLOYED_ON]->(n:Network)
    RETURN DISTINCT {id: n.id, name: coalesce(n.name, ''), kind: n.kind} AS net
    ORDER BY net.id
  } AS networks
WHERE size(networks) > 0
  AND none(n IN networks WHERE n.kind IN ['extranet', 'intranet', 'internet'])
RETURN
  [s.id] AS subjects,
  'medium' AS severity,
  {id: s.id, name: coalesce(s.name, ''), label: 'System'} AS system,
  coalesce(s.level, 'municipal') AS level,
  COLLECT {
    MATCH (o:Department)-[:OWNS]->(s)
    RETURN {id: o.id, name: coalesce(o.name, '')} AS o
  }[0] AS owner,
  networks,
  {
    unit: '万元 (10,000 CNY)', systems: 1,
    build_cost: round(s.build_cost, 4), annual_om_cost: round(s.annual_om_cost, 4),
    build_cost_unknown: CASE WHEN s.build_cost IS NULL THEN [s.id] ELSE [] END,
    annual_om_cost_unknown: CASE WHEN s.annual_om_cost IS NULL THEN [s.id] ELSE [] END
  } AS money
ORDER BY s.id
