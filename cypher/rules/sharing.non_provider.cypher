// rule: sharing.non_provider (Department receives data but provides none; 只接收、不提供数据的部门)
// parameters: $dataset (the dataset name the inventory was loaded under); no thresholds.
// criteria: each department that (1) owns at least one live system (status in_use; an
//   empty status is in_use), (2) receives at least one crossing flow into one of its
//   systems: an active flow (status active; empty is active) from a platform or from a
//   system whose owner_id differs, and (3) sends no crossing flow out of any of its
//   systems (to a platform or to another department's system). The flows of all its
//   systems count, whatever their status; self-loops never count.
// returns: one row per finding: subjects ([the department id]), severity, and the evidence
//   columns department, systems (each with its status), received (the crossing flows
//   received) and sent (always empty). No money: a department's finding carries none.
MATCH (d:Department {dataset: $dataset})
WHERE d.id IS NOT NULL // lets the planner seek the (dataset, id) key index
  AND EXISTS {
    MATCH (d)-[:OWNS]->(s:System)
    WHERE coalesce(s.status, 'in_use') = 'in_use'
  }
  AND NOT EXISTS {
    MATCH (d)-[:OWNS]->(s:System)-[f:FLOWS_TO]->(x:Endpoint)
    WHERE x <> s
      AND coalesce(f.status, 'active') = 'active'
      AND (x:Platform OR NOT coalesce(x.owner_id = s.owner_id, false))
  }
WITH d, COLLECT {
    MATCH (d)-[:OWNS]->(s:System)<-[f:FLOWS_TO]-(x:Endpoint)
    WHERE x <> s
      AND coalesce(f.status, 'active') = 'active'
      AND (x:Platform OR NOT coalesce(x.owner_id = s.owner_id, false))
    RETURN {
      source: {id: x.id, name: coalesce(x.name, ''),
               label: CASE WHEN x:Platform THEN 'Platform' ELSE 'System' END},
      target: {id: s.id, name: coalesce(s.name, ''), label: 'System'},
      dataset: f.dataset, mechanism: f.mechanism, frequency: f.frequency,
      status: coalesce(f.status, 'active')
    } AS flow
    ORDER BY s.id, x.id, f.key
  } AS received
WHERE size(received) > 0
WITH d, received, COLLECT {
    MATCH (d)-[:OWNS]->(s:System)
    RETURN DISTINCT s ORDER BY s.id
  } AS systems
RETURN
  [d.id] AS subjects,
  'high' AS severity,
  {id: d.id, name: coalesce(d.name, ''), label: 'Department'} AS department,
  [s IN systems | {id: s.id, name: coalesce(s.name, ''), label: 'System',
                   status: coalesce(s.status, 'in_use')}] AS systems,
  received,
  [] AS sent
ORDER BY d.id
