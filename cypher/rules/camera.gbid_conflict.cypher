// rule: camera.gbid_conflict (GB/T 28181 id shared by departments; 多个部门共用的国标编码)
// parameters: $dataset (the dataset name the inventory was loaded under); no thresholds.
// criteria: each well-formed gb_id (exactly 20 ASCII digits, trimmed at load) carried by
//   two or more live cameras (status in_use; an empty status is in_use) whose owner_ids
//   are at least 2 distinct departments: check shared_id. One finding per id; its
//   subjects every live camera carrying the id.
// returns: one row per finding: subjects (the camera ids, sorted), severity, and the
//   evidence columns gb_id, cameras (each {id, owner: {id, name}, address}, by id) and
//   checks ([{check: 'shared_id', gb_id, owners}], owners being the owners' ids, sorted).
//   Findings about cameras' ids carry no money.
MATCH (c:Camera {dataset: $dataset})
WHERE c.id IS NOT NULL // lets the planner seek the (dataset, id) key index
  AND coalesce(c.status, 'in_use') = 'in_use'
  AND c.gb_id =~ '[0-9]{20}'
WITH c.gb_id AS gb_id, collect(c) AS carriers, count(DISTINCT c.owner_id) AS owners
WHERE owners >= 2
WITH gb_id, COLLECT {
    UNWIND carriers AS x
    WITH x, COLLECT {
        MATCH (o:Department)-[:OWNS]->(x)
        RETURN {id: o.id, name: coalesce(o.name, '')} AS o
      }[0] AS owner
    RETURN {id: x.id, owner: owner, address: x.address} AS camera ORDER BY x.id
  } AS cameras
RETURN
  [x IN cameras | x.id] AS subjects,
  'high' AS severity,
  gb_id,
  cameras,
  [{
    check: 'shared_id', gb_id: gb_id,
    owners: COLLECT {
      UNWIND cameras AS x WITH x.owner.id AS o WHERE o IS NOT NULL
      RETURN DISTINCT o ORDER BY o
    }
  }] AS checks
ORDER BY gb_id
