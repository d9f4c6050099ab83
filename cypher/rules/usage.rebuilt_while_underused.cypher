// rule: usage.rebuilt_while_underused (Rebuilt while the old system was underused; 旧系统未充分使用即重建)
// parameters: $dataset (the dataset name the inventory was loaded under);
//   $rebuilt_within_days (default 1095, i.e. 3 years);
//   $rebuilt_utilization (default 0.5).
// criteria: each system N with replaces_id = O (N -[:REPLACES]-> O), both go_live known,
//   N's go_live on or after O's and less than $rebuilt_within_days days after it
//   (0 <= (N.go_live - O.go_live) in days < $rebuilt_within_days; a replacement that went
//   live first is a load warning, not a finding), and O's utilization
//   (modules_used / modules_total, defined only when both are known and modules_total >= 1)
//   below $rebuilt_utilization. Neither system needs to be live.
// returns: one row per finding: subjects ([N id, O id]: the new system, then the old one;
//   NOT sorted), severity, and the evidence columns new, old, owners,
//   days_between_go_live, money (both systems), money_new and money_old (build_cost /
//   annual_om_cost in 万元).
MATCH (n:System {dataset: $dataset})-[:REPLACES]->(o:System)
WHERE n.go_live IS NOT NULL AND o.go_live IS NOT NULL
  AND o.modules_used IS NOT NULL AND o.modules_total >= 1
WITH n, o, duration.inDays(o.go_live, n.go_live).days AS gap,
  toFloat(o.modules_used) / o.modules_total AS used
WHERE gap >= 0 AND gap < $rebuilt_within_days AND used < $rebuilt_utilization
WITH n, o, gap, used, CASE WHEN n = o THEN [n] ELSE [n, o] END AS both
RETURN
  [n.id, o.id] AS subjects,
  'high' AS severity,
  {id: n.id, name: coalesce(n.name, ''), label: 'System', go_live: toString(n.go_live)} AS new,
  {
    id: o.id, name: coalesce(o.name, ''), label: 'System', go_live: toString(o.go_live),
    modules_used: o.modules_used, modules_total: o.modules_total,
    utilization: round(used, 4), status: coalesce(o.status, 'in_use')
  } AS old,
  {
    new: COLLECT {
      MATCH (d:Department)-[:OWNS]->(n) RETURN {id: d.id, name: coalesce(d.name, '')} AS d
    }[0],
    old: COLLECT {
      MATCH (d:Department)-[:OWNS]->(o) RETURN {id: d.id, name: coalesce(d.name, '')} AS d
    }[0]
  } AS owners,
  gap AS days_between_go_live,
  {
    unit: '万元 (10,000 CNY)', systems: size(both),
    build_cost: CASE WHEN any(s IN both WHERE s.build_cost IS NOT NULL)
      THEN round(reduce(t = 0.0, s IN both | t + coalesce(s.build_cost, 0.0)), 4) END,
    annual_om_cost: CASE WHEN any(s IN both WHERE s.annual_om_cost IS NOT NULL)
      THEN round(reduce(t = 0.0, s IN both | t + coalesce(s.annual_om_cost, 0.0)), 4) END,
    build_cost_unknown: COLLECT {
      UNWIND both AS s WITH s WHERE s.build_cost IS NULL RETURN s.id ORDER BY s.id
    },
    annual_om_cost_unknown: COLLECT {
      UNWIND both AS s WITH s WHERE s.annual_om_cost IS NULL RETURN s.id ORDER BY s.id
    }
  } AS money,
  {
    unit: '万元 (10,000 CNY)', systems: 1,
    build_cost: round(n.build_cost, 4), annual_om_cost: round(n.annual_om_cost, 4),
    build_cost_unknown: CASE WHEN n.build_cost IS NULL THEN [n.id] ELSE [] END,
    annual_om_cost_unknown: CASE WHEN n.annual_om_cost IS NULL THEN [n.id] ELSE [] END
  } AS money_new,
  {
    unit: '万元 (10,000 CNY)', systems: 1,
    build_cost: round(o.build_cost, 4), annual_om_cost: round(o.annual_om_cost, 4),
    build_cost_unknown: CASE WHEN o.build_cost IS NULL THEN [o.id] ELSE [] END,
    annual_om_cost_unknown: CASE WHEN o.annual_om_cost IS NULL THEN [o.id] ELSE [] END
  } AS money_old
ORDER BY n.id, o.id
