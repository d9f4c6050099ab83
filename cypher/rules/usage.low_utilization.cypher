// rule: usage.low_utilization (Low module utilization; 功能模块使用率低)
// parameters: $dataset (the dataset name the inventory was loaded under);
//   $low_utilization (default 0.3).
// criteria: each live system (status in_use; an empty status is in_use) whose utilization,
//   modules_used / modules_total, is below $low_utilization (equal is not low). Utilization
//   is defined only when both counts are known and modules_total >= 1.
// returns: one row per finding: subjects ([the system id]), severity, and the evidence
//   columns system, owner, modules_used, modules_total, utilization (rounded to 4 places),
//   threshold and money (build_cost / annual_om_cost in 万元).
MATCH (s:System {dataset: $dataset})
WHERE coalesce(s.status, 'in_use') = 'in_use'
  AND s.modules_used IS NOT NULL
  AND s.modules_total >= 1
WITH s, toFloat(s.modules_used) / s.modules_total AS used
WHERE used < $low_utilization
RETURN
  [s.id] AS subjects,
  'medium' AS severity,
  {id: s.id, name: coalesce(s.name, ''), label: 'System'} AS system,
  COLLECT {
    MATCH (o:Department)-[:OWNS]->(s)
    RETURN {id: o.id, name: coalesce(o.name, '')} AS o
  }[0] AS owner,
  s.modules_used AS modules_used,
  s.modules_total AS modules_total,
  round(used, 4) AS utilization,
  $low_utilization AS threshold,
  {
    unit: '万元 (10,000 CNY)', systems: 1,
    build_cost: round(s.build_cost, 4), annual_om_cost: round(s.annual_om_cost, 4),
    build_cost_unknown: CASE WHEN s.build_cost IS NULL THEN [s.id] ELSE [] END,
    annual_om_cost_unknown: CASE WHEN s.annual_om_cost IS NULL THEN [s.id] ELSE [] END
  } AS money
ORDER BY s.id
