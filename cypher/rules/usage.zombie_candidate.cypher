// rule: usage.zombie_candidate (Zombie system candidate; 疑似僵尸信息系统)
// parameters: $dataset (the dataset name the inventory was loaded under);
//   $as_of (the audit's reference date: a date, or a 'YYYY-MM-DD' string; default today);
//   $idle_days (default 180); $zombie_update_days (default 730);
//   $zombie_min_users (default 10).
// criteria: each live system (status in_use; an empty status is in_use) of level municipal
//   or district (an empty level is municipal) that usage.idle does not raise (with the
//   same $idle_days: last_used more than $idle_days days before $as_of, or
//   monthly_active_users 0), failing at least one check, in this order:
//   replaced: a live system names it in replaces_id (-[:REPLACES]->);
//   unmaintained: annual_om_cost is 0 (known, not empty) and last_update is empty or more
//     than $zombie_update_days days before $as_of;
//   narrow_and_rare: its owner_id and its user_ids together name exactly one department,
//     and monthly_active_users is from 1 to $zombie_min_users - 1.
// checks not made: unmaintained reads last_update; when the dataset's inventory did not
//   collect it (InteropDataset.collected) the check is still returned here, and the engine
//   (interop.neo4j.engine.run_twins) leaves it out and drops a row left with no check.
// returns: one row per finding: subjects ([the system id]), severity, and the evidence
//   columns system, owner, level, checks ({check: 'replaced', replaced_by: [ids, sorted]},
//   {check: 'unmaintained', annual_om_cost: 0, last_update ('YYYY-MM-DD' or null),
//   days_since_update}, {check: 'narrow_and_rare', departments: [the one department],
//   monthly_active_users}) and money (build_cost / annual_om_cost in 万元).
MATCH (s:System {dataset: $dataset})
WHERE coalesce(s.status, 'in_use') = 'in_use'
  AND coalesce(s.level, 'municipal') IN ['municipal', 'district']
  AND NOT coalesce(duration.inDays(s.last_used, date($as_of)).days > $idle_days, false)
  AND NOT coalesce(s.monthly_active_users = 0, false)
WITH s,
  COLLECT {
    MATCH (n:System)-[:REPLACES]->(s)
    WHERE coalesce(n.status, 'in_use') = 'in_use'
    RETURN DISTINCT n.id AS id ORDER BY id
  } AS replaced_by,
  CASE WHEN s.last_update IS NULL THEN null
       ELSE duration.inDays(s.last_update, date($as_of)).days END AS since,
  COLLECT {
    UNWIND [s.owner_id] + coalesce(s.user_ids, []) AS d
    RETURN DISTINCT d ORDER BY d
  } AS departments
WITH s, [c IN [
    CASE WHEN size(replaced_by) > 0
      THEN {check: 'replaced', replaced_by: replaced_by} END,
    CASE WHEN s.annual_om_cost = 0 AND (since IS NULL OR since > $zombie_update_days)
      THEN {
        check: 'unmaintained', annual_om_cost: 0,
        last_update: toString(s.last_update), days_since_update: since
      } END,
    CASE WHEN size(departments) = 1
        AND 1 <= s.monthly_active_users AND s.monthly_active_users < $zombie_min_users
      THEN {
        check: 'narrow_and_rare', departments: departments,
        monthly_active_users: s.monthly_active_users
      } END
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
  checks,
  {
    unit: '万元 (10,000 CNY)', systems: 1,
    build_cost: round(s.build_cost, 4), annual_om_cost: round(s.annual_om_cost, 4),
    build_cost_unknown: CASE WHEN s.build_cost IS NULL THEN [s.id] ELSE [] END,
    annual_om_cost_unknown: CASE WHEN s.annual_om_cost IS NULL THEN [s.id] ELSE [] END
  } AS money
ORDER BY s.id
