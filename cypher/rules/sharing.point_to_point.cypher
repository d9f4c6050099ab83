// rule: sharing.point_to_point (Point-to-point sharing between departments; 部门间点对点共享)
// parameters: $dataset (the dataset name the inventory was loaded under); no thresholds.
// criteria: each ordered pair (S, T) of live systems (status in_use; an empty status is
//   in_use) of level municipal or district (an empty level is municipal), with different
//   owners and at least one active flow S -> T (status active; empty is active), unless
//   some platform P of kind data_exchange (any level) has active flows S -> P and P -> T
//   (any datasets): check direct_flow. One finding per pair.
// returns: one row per finding: subjects ([S id, T id]: the source, then the target; NOT
//   sorted), severity, and the evidence columns source, source_owner, target,
//   target_owner, checks ([{check: 'direct_flow', flows}], flows being every active flow
//   S -> T as {dataset, mechanism, frequency}, sorted by dataset, mechanism, frequency
//   with an empty value as '') and money (both systems' build_cost / annual_om_cost in
//   万元).
MATCH (s:System {dataset: $dataset})-[f:FLOWS_TO]->(t:System)
WHERE coalesce(f.status, 'active') = 'active'
  AND coalesce(s.status, 'in_use') = 'in_use'
  AND coalesce(t.status, 'in_use') = 'in_use'
  AND coalesce(s.level, 'municipal') IN ['municipal', 'district']
  AND coalesce(t.level, 'municipal') IN ['municipal', 'district']
  AND s.owner_id <> t.owner_id
WITH s, t, collect(f) AS direct
WHERE NOT EXISTS {
  MATCH (s)-[a:FLOWS_TO]->(p:Platform {kind: 'data_exchange'})-[b:FLOWS_TO]->(t)
  WHERE coalesce(a.status, 'active') = 'active' AND coalesce(b.status, 'active') = 'active'
}
WITH s, t, direct, [s, t] AS both
RETURN
  [s.id, t.id] AS subjects,
  'low' AS severity,
  {id: s.id, name: coalesce(s.name, ''), label: 'System'} AS source,
  COLLECT {
    MATCH (o:Department)-[:OWNS]->(s)
    RETURN {id: o.id, name: coalesce(o.name, '')} AS o
  }[0] AS source_owner,
  {id: t.id, name: coalesce(t.name, ''), label: 'System'} AS target,
  COLLECT {
    MATCH (o:Department)-[:OWNS]->(t)
    RETURN {id: o.id, name: coalesce(o.name, '')} AS o
  }[0] AS target_owner,
  [{
    check: 'direct_flow',
    flows: COLLECT {
      UNWIND direct AS f
      RETURN {dataset: f.dataset, mechanism: f.mechanism, frequency: f.frequency} AS flow
      ORDER BY coalesce(f.dataset, ''), coalesce(f.mechanism, ''), coalesce(f.frequency, '')
    }
  }] AS checks,
  {
    unit: '万元 (10,000 CNY)', systems: 2,
    build_cost: CASE WHEN any(x IN both WHERE x.build_cost IS NOT NULL)
      THEN round(reduce(total = 0.0, x IN both | total + coalesce(x.build_cost, 0.0)), 4) END,
    annual_om_cost: CASE WHEN any(x IN both WHERE x.annual_om_cost IS NOT NULL)
      THEN round(reduce(total = 0.0, x IN both | total + coalesce(x.annual_om_cost, 0.0)), 4) END,
    build_cost_unknown: COLLECT {
      UNWIND both AS x WITH x WHERE x.build_cost IS NULL RETURN x.id ORDER BY x.id
    },
    annual_om_cost_unknown: COLLECT {
      UNWIND both AS x WITH x WHERE x.annual_om_cost IS NULL RETURN x.id ORDER BY x.id
    }
  } AS money
ORDER BY s.id, t.id
