// rule: resources.not_on_gov_cloud (System not on the government cloud; 未部署在政务云的系统)
// parameters: $dataset (the dataset name the inventory was loaded under); no thresholds.
// criteria: each live system (status in_use; an empty status is in_use) of level municipal
//   or district (an empty level is municipal), not classified (an empty classified is not
//   classified), whose hosting is own_room (severity medium) or hosted (low): check
//   hosting. An empty hosting is unknown and not raised; gov_cloud and superior comply.
// checks not made: a dataset whose inventory had no hosting or no classified column
//   (InteropDataset.collected) still returns its rows here; the engine
//   (interop.neo4j.engine.run_twins) leaves the hosting check, and so the finding, out.
// returns: one row per finding: subjects ([the system id]), severity, and the evidence
//   columns system, owner, level, checks ([{check: 'hosting', hosting}]) and money
//   (build_cost / annual_om_cost in 万元).
MATCH (s:System {dataset: $dataset})
WHERE coalesce(s.status, 'in_use') = 'in_use'
  AND coalesce(s.level, 'municipal') IN ['municipal', 'district']
  AND s.hosting IN ['own_room', 'hosted']
  AND coalesce(s.classified, false) <> true
RETURN
  [s.id] AS subjects,
  CASE s.hosting WHEN 'own_room' THEN 'medium' ELSE 'low' END AS severity,
  {id: s.id, name: coalesce(s.name, ''), label: 'System'} AS system,
  COLLECT {
    MATCH (o:Department)-[:OWNS]->(s)
    RETURN {id: o.id, name: coalesce(o.name, '')} AS o
  }[0] AS owner,
  coalesce(s.level, 'municipal') AS level,
  [{check: 'hosting', hosting: s.hosting}] AS checks,
  {
    unit: '万元 (10,000 CNY)', systems: 1,
    build_cost: round(s.build_cost, 4), annual_om_cost: round(s.annual_om_cost, 4),
    build_cost_unknown: CASE WHEN s.build_cost IS NULL THEN [s.id] ELSE [] END,
    annual_om_cost_unknown: CASE WHEN s.annual_om_cost IS NULL THEN [s.id] ELSE [] END
  } AS money
ORDER BY s.id
