// rule: usage.idle (Idle system; 闲置系统)
// parameters: $dataset (the dataset name the inventory was loaded under);
//   $as_of (the audit's reference date: a date, or a 'YYYY-MM-DD' string; default today);
//   $idle_days (default 180).
// criteria: each system whose status is idle, and each live system (status in_use; an
//   empty status is in_use) whose last_used is more than $idle_days days before $as_of
//   (($as_of - last_used) in days > $idle_days), or whose monthly_active_users is 0. An
//   unknown last_used or monthly_active_users is never taken as idle.
// returns: one row per finding: subjects ([the system id]), severity, and the evidence
//   columns system, owner, status, as_of, last_used, days_since_last_used,
//   monthly_active_users and money (build_cost / annual_om_cost in 万元). (The engine adds
//   the reasons, worded by the Python rule.)
MATCH (s:System {dataset: $dataset})
WITH s, coalesce(s.status, 'in_use') AS status,
  CASE WHEN s.last_used IS NULL THEN null
       ELSE duration.inDays(s.last_used, date($as_of)).days END AS days
WHERE status = 'idle'
   OR (status = 'in_use' AND (days > $idle_days OR s.monthly_active_users = 0))
RETURN
  [s.id] AS subjects,
  'medium' AS severity,
  {id: s.id, name: coalesce(s.name, ''), label: 'System'} AS system,
  COLLECT {
    MATCH (o:Department)-[:OWNS]->(s)
    RETURN {id: o.id, name: coalesce(o.name, '')} AS o
  }[0] AS owner,
  status,
  toString(date($as_of)) AS as_of,
  toString(s.last_used) AS last_used,
  days AS days_since_last_used,
  s.monthly_active_users AS monthly_active_users,
  {
    unit: '万元 (10,000 CNY)', systems: 1,
    build_cost: round(s.build_cost, 4), annual_om_cost: round(s.annual_om_cost, 4),
    build_cost_unknown: CASE WHEN s.build_cost IS NULL THEN [s.id] ELSE [] END,
    annual_om_cost_unknown: CASE WHEN s.annual_om_cost IS NULL THEN [s.id] ELSE [] END
  } AS money
ORDER BY s.id
