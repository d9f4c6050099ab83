// rule: project.lifecycle_gap (Project approval or acceptance missing; 项目建设程序不完整)
// parameters: $dataset (the dataset name the inventory was loaded under);
//   $as_of (the audit's reference date: a date, or a 'YYYY-MM-DD' string; default today);
//   $acceptance_days (default 180).
// criteria: each live system (status in_use; an empty status is in_use) of level municipal
//   or district (an empty level is municipal) whose go_live is known and more than
//   $acceptance_days days before $as_of (exactly $acceptance_days is not), failing at
//   least one check, in this order:
//   no_approval: approval_no is empty and build_cost is not 0 (an empty cost counts);
//   no_acceptance: acceptance_date is empty or after $as_of.
// checks not made: a check whose column the dataset's inventory did not collect
//   (InteropDataset.collected) is still returned here; the engine
//   (interop.neo4j.engine.run_twins) leaves it out and drops a row left with no check.
// returns: one row per finding: subjects ([the system id]), severity, and the evidence
//   columns system, owner, level, go_live ('YYYY-MM-DD'), days_live, checks
//   ({check: 'no_approval', build_cost} and {check: 'no_acceptance', acceptance_date}
//   with 'YYYY-MM-DD' or null) and money (build_cost / annual_om_cost in 万元).
MATCH (s:System {dataset: $dataset})
WHERE coalesce(s.status, 'in_use') = 'in_use'
  AND coalesce(s.level, 'municipal') IN ['municipal', 'district']
  AND s.go_live IS NOT NULL
WITH s, duration.inDays(s.go_live, date($as_of)).days AS days_live
WHERE days_live > $acceptance_days
WITH s, days_live, [c IN [
    CASE WHEN s.approval_no IS NULL AND (s.build_cost IS NULL OR s.build_cost <> 0)
      THEN {check: 'no_approval', build_cost: s.build_cost} END,
    CASE WHEN s.acceptance_date IS NULL OR s.acceptance_date > date($as_of)
      THEN {check: 'no_acceptance', acceptance_date: toString(s.acceptance_date)} END
  ] WHERE c IS NOT NULL] AS checks
WHERE size(checks) > 0
RETURN
  [s.id] AS subjects,
  'medium' AS severity,
  {id: s.id, name: coalesce(s.name, ''), label: 'System'} AS system,
  COLLECT {
    MATCH (o:Department)-[:OWNS]->(s)
    RETURN {id: o.id, name: coalesce(o.name, '')} AS o
  }[0] AS owner,
  coalesce(s.level, 'municipal') AS level,
  toString(s.go_live) AS go_live,
  days_live,
  checks,
  {
    unit: '万元 (10,000 CNY)', systems: 1,
    build_cost: round(s.build_cost, 4), annual_om_cost: round(s.annual_om_cost, 4),
    build_cost_unknown: CASE WHEN s.build_cost IS NULL THEN [s.id] ELSE [] END,
    annual_om_cost_unknown: CASE WHEN s.annual_om_cost IS NULL THEN [s.id] ELSE [] END
  } AS money
ORDER BY s.id
